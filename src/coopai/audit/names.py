"""Groups as people call them: the names given for values, never ``column=value``.

A group's ``label`` (``sex=F & age_band=65+``) is its id in the JSON. People read a name
instead: the one given for each value ("Women", "65 and over"), or else the column and
the value. :func:`group_title` names a group in a table, a chart or a list;
:func:`group_phrase` names it inside a sentence, where it can stand as the subject.
"""

from __future__ import annotations

from collections.abc import Mapping

from coopai.audit.columns import MISSING_GROUP

ValueNames = Mapping[str, Mapping[str, str]]
"""characteristic -> value -> the name people use for the value's group."""


def _given(column: str, value: str, names: ValueNames) -> str | None:
    name = names.get(column, {}).get(value, "").strip()
    return name or None


def group_title(key: Mapping[str, str], names: ValueNames) -> str:
    """ "Women", "Women, 65 and over", "sex: F", "sex: F, age_band: not recorded"."""
    if not key:
        return "Everyone"
    parts = []
    for column, value in key.items():
        unnamed = f"{column}: not recorded" if value == MISSING_GROUP else f"{column}: {value}"
        parts.append(_given(column, value, names) or unnamed)
    return ", ".join(parts)


def group_phrase(key: Mapping[str, str], names: ValueNames) -> str:
    """ "Women", "people with sex F and age_band 65+", "Women with no age_band recorded"."""
    if not key:
        return "everyone"
    named = [name for column, value in key.items() if (name := _given(column, value, names))]
    rest = {column: value for column, value in key.items() if not _given(column, value, names)}
    if not rest:
        return ", ".join(named)
    return (", ".join(named) if named else "people") + " with " + plain_key(rest)


def plain_key(key: Mapping[str, str]) -> str:
    """The columns and values in words, to follow "with": "sex F and no age_band recorded"."""
    return " and ".join(
        f"no {column} recorded" if value == MISSING_GROUP else f"{column} {value}"
        for column, value in key.items()
    )


def capitalised(text: str) -> str:
    """A sentence that starts with a group's phrase: "people with …" becomes "People with …"."""
    return text[:1].upper() + text[1:]
