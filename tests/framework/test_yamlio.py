"""Reading YAML strictly, and turning what cannot be read into a person's error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coopai.framework import yamlio
from coopai.framework.errors import ContentError, ProposalError
from coopai.framework.yamlio import parse_yaml, read_yaml, unreadable_yaml_raises

INDENT_SENTENCE = "YAML does not allow tabs for indenting; use spaces."


def test_broken_yaml_becomes_the_callers_error_naming_the_file_line_and_fault() -> None:
    text = "proposal:\n  title: A\n  category: [unclosed\n"
    with pytest.raises(ProposalError) as caught, unreadable_yaml_raises(ProposalError):
        parse_yaml(text, "upload.yaml")
    [problem] = caught.value.problems
    assert (problem.file, problem.path, problem.line) == ("upload.yaml", "", 4)
    assert problem.message.startswith("this is not valid YAML: ")
    assert "expected ',' or ']'" in problem.message
    assert str(problem).startswith("upload.yaml, line 4: this is not valid YAML")


def test_a_key_given_twice_names_both_lines() -> None:
    with pytest.raises(ContentError) as caught, unreadable_yaml_raises(ContentError):
        parse_yaml("a: 1\nb: 2\na: 3\n", "risks.yaml")
    [problem] = caught.value.problems
    assert problem.line == 3
    assert "the key 'a' appears twice in one mapping (first on line 1)" in problem.message


def test_a_file_that_is_not_utf8_is_refused_by_its_given_name(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ProposalError) as caught, unreadable_yaml_raises(ProposalError):
        read_yaml(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.message) == (str(path), "the file is not UTF-8 text.")


def test_readable_yaml_passes_through_untouched() -> None:
    with unreadable_yaml_raises(ProposalError):
        data, node = parse_yaml("title: A\n", "ok.yaml")
    assert data == {"title": "A"}
    assert node is not None


def test_other_errors_are_not_dressed_up_as_yaml_problems() -> None:
    with pytest.raises(KeyError), unreadable_yaml_raises(ProposalError):
        raise KeyError("not a YAML problem")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("proposal:\n\ttitle: A\n", 2, 1),
        ("proposal:\n  title: A\n\tcouncil: B\n", 3, 1),
        ("proposal:\n  title: A\n  \tcouncil: B\n", 3, 3),
        ("mitigations:\n\t- dpia\n", 2, 1),
        ("facts:\r\n  a: 1\r\n  b:\r\n\t  c: 2\r\n", 4, 1),
    ],
)
def test_a_tab_in_the_indent_is_named_with_its_line_and_column(
    text: str, line: int, column: int
) -> None:
    with pytest.raises(ProposalError) as caught, unreadable_yaml_raises(ProposalError):
        parse_yaml(text, "upload.yaml")
    [problem] = caught.value.problems
    assert (problem.file, problem.path, problem.line) == ("upload.yaml", "", line)
    assert problem.message == f"there is a tab at column {column}. {INDENT_SENTENCE}"


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
def test_both_parsers_failures_at_a_tab_read_the_same(loader: type[yaml.SafeLoader]) -> None:
    text = "proposal:\n  title: A\n\tcouncil: B\n"
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=loader)
    problem = yamlio._parse_problem(caught.value, text, "p.yaml")
    assert (problem.line, problem.message) == (3, f"there is a tab at column 1. {INDENT_SENTENCE}")


def test_a_tab_after_a_key_where_the_parser_refuses_it_asks_for_a_space() -> None:
    # PyYAML's own parser refuses this tab; libyaml accepts it as a separator.
    text = "title:\tA\n"
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=yaml.SafeLoader)
    problem = yamlio._parse_problem(caught.value, text, "p.yaml")
    assert (problem.line, problem.message) == (
        1,
        "there is a tab at column 7, where YAML does not allow one; use a space.",
    )


def test_a_tab_the_parser_accepts_is_left_alone() -> None:
    data, _ = parse_yaml("title: 'A\tB'  # a\ttab in a comment\n", "ok.yaml")
    assert data == {"title": "A\tB"}
