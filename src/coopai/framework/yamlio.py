"""Reading YAML strictly: duplicate keys refused, and line numbers kept for messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from coopai.framework.errors import CoopaiError, Problem

if TYPE_CHECKING:  # pydantic is imported only by the callers that validate
    from pydantic import ValidationError

MAX_FILE_BYTES = 1_000_000

# The line breaks YAML counts lines by, so a parser's mark finds its line in the text.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


# libyaml's parser where the wheel has it (it is several times faster), PyYAML's otherwise.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeBase):  # type: ignore[valid-type,misc]  # a base chosen at import
    """A safe loader that refuses a mapping with the same key twice."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key {key!r} appears twice in one mapping (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def parse_yaml(text: str, file: str) -> tuple[Any, yaml.Node | None]:
    """Parse text, returning the data and its node tree (for line numbers)."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise YamlError(_parse_problem(error, text, file)) from error
    except yaml.YAMLError as error:
        raise YamlError(Problem(file, "", f"this is not valid YAML: {error}.")) from error
    finally:
        loader.dispose()
    return data, node


def _parse_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """Where the parser stopped and why, with a sentence of its own for a tab.

    Both parsers stop at the tab itself but call it only a character "that cannot start
    any token", which does not tell a person that the tab key is the trouble.
    """
    mark = error.problem_mark
    line = mark.line + 1 if mark is not None else None
    tab_column = _tab_at(text, mark) if mark is not None else None
    if tab_column is None:
        reason = error.problem or "it is not valid YAML"
        return Problem(file, "", f"this is not valid YAML: {reason}.", line)
    column, indenting = tab_column
    if indenting:
        message = (
            f"there is a tab at column {column}. "
            "YAML does not allow tabs for indenting; use spaces."
        )
    else:
        message = f"there is a tab at column {column}, where YAML does not allow one; use a space."
    return Problem(file, "", message, line)


def _tab_at(text: str, mark: yaml.Mark) -> tuple[int, bool] | None:
    """The column (1-based) of a tab at the mark, and whether only indent comes before it."""
    lines = _LINE_BREAK.split(text)
    if mark.line >= len(lines) or lines[mark.line][mark.column : mark.column + 1] != "\t":
        return None
    return mark.column + 1, not lines[mark.line][: mark.column].strip(" \t")


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Read and parse one YAML file, refusing files that are too large or not text."""
    file = str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise YamlError(
            Problem(file, "", f"the file cannot be read ({error.strerror}).")
        ) from error
    if size > MAX_FILE_BYTES:
        raise YamlError(
            Problem(
                file, "", f"the file is {size:,} bytes; the most allowed is {MAX_FILE_BYTES:,}."
            )
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlError(Problem(file, "", "the file is not UTF-8 text.")) from error
    return parse_yaml(text, file)


@contextmanager
def unreadable_yaml_raises(error: type[CoopaiError]) -> Iterator[None]:
    """Within the block, YAML that cannot be read or parsed raises `error` with its problem.

    The problem names the file as the caller named it (an upload's own name, never where
    the server keeps it), the line where the parser stopped and what it found there.
    """
    try:
        yield
    except YamlError as failure:
        raise error([failure.problem]) from failure


def line_of(node: yaml.Node | None, path: tuple[str | int, ...]) -> int | None:
    """The line (1-based) of the value at path in a composed node tree, as near as known."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(step):
                    node = value_node
                    line = key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                return line
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line


class YamlError(Exception):
    """A YAML file could not be read or parsed."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def problem_at(file: str, node: Any, loc: tuple[str | int, ...], message: str) -> Problem:
    """A problem at a place in a YAML file, named as `key[0].key` with its line."""
    shown = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc)
    return Problem(
        file,
        shown.replace(".[", "["),
        message + ("" if message.endswith(".") else "."),
        line_of(node, loc),
    )


def validation_problems(
    error: ValidationError,
    file: str,
    node: Any,
    *,
    format_name: str,
    prefix: tuple[str | int, ...] = (),
) -> list[Problem]:
    """A schema's refusal of a YAML file, one problem a place, in the file's own words."""
    problems = []
    for detail in error.errors():
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = f"this key is not part of the {format_name} format."
        problems.append(problem_at(file, node, (*prefix, *detail["loc"]), message))
    return problems
