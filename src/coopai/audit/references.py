"""Reference groups written as ``column=value``: one reading for the CLI and the web form;
and names for groups, written ``column=value:name``, for the CLI.

A bias audit compares each group with a reference group, the largest unless one is
chosen. People choose it as text, ``sex=F``, once per characteristic; this turns that
text into the ``{column: value}`` that :class:`~coopai.audit.bias.BiasMapping` takes,
or says exactly which item is wrong and what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coopai.audit.problems import AuditInputError, Problem


def reference_groups(items: Iterable[str], *, protected: Sequence[str]) -> dict[str, str]:
    """``{column: value}`` from ``column=value`` items; blank items are skipped.

    Raises :class:`AuditInputError` with one problem for each bad item: one that is not
    ``column=value`` with both sides given, a column that is not one of ``protected``,
    or a column given a second time.
    """
    chosen: dict[str, str] = {}
    problems: list[Problem] = []
    for item in items:
        if not item.strip():
            continue
        column, equals, value = (part.strip() for part in item.partition("="))
        problem = _problem(item, column, bool(equals) and bool(value), protected, chosen)
        if problem is None:
            chosen[column] = value
        else:
            problems.append(problem)
    if problems:
        raise AuditInputError(problems)
    return chosen


def _problem(
    item: str, column: str, has_value: bool, protected: Sequence[str], chosen: dict[str, str]
) -> Problem | None:
    if not column or not has_value:
        return Problem(
            f"the reference group {item.strip()!r} should look like column=value, e.g. sex=F."
        )
    if column not in protected:
        return _not_protected("reference group", item, column, protected)
    if column in chosen:
        return Problem(
            f"the reference group for {column!r} is given twice ({column}={chosen[column]} and "
            f"{item.strip()}); give one.",
            column=column,
        )
    return None


def value_names(items: Iterable[str], *, protected: Sequence[str]) -> dict[str, dict[str, str]]:
    """``{column: {value: name}}`` from ``column=value:name`` items (``sex=M:Men``), the
    names reports give groups instead of ``column=value``; blank items are skipped.

    Raises :class:`AuditInputError` with one problem for each item that is not written
    that way or is for a column that is not one of ``protected``.
    """
    names: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for item in items:
        if not item.strip():
            continue
        column, equals, rest = (part.strip() for part in item.partition("="))
        value, colon, name = (part.strip() for part in rest.rpartition(":"))
        if not (column and equals and value and colon and name):
            problems.append(
                Problem(
                    f"the group name {item.strip()!r} should look like column=value:name, "
                    "e.g. sex=M:Men."
                )
            )
        elif column not in protected:
            problems.append(_not_protected("group name", item, column, protected))
        else:
            names.setdefault(column, {})[value] = name
    if problems:
        raise AuditInputError(problems)
    return names


def _not_protected(what: str, item: str, column: str, protected: Sequence[str]) -> Problem:
    allowed = ", ".join(repr(name) for name in protected) or "none given"
    return Problem(
        f"the {what} {item.strip()!r} is for a column that is not a protected "
        f"characteristic; the protected characteristics are: {allowed}.",
        column=column,
    )
