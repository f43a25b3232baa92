"""Evaluating and describing the conditions used by red lines, gates, requirements and risks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set

from coopai.framework.content_schema import Condition

FactValue = str | bool | int


def holds(condition: Condition, facts: Mapping[str, FactValue], mitigations: Set[str]) -> bool:
    """Whether the condition holds. A fact that is unanswered or does not apply never matches."""
    if condition.all is not None:
        return all(holds(part, facts, mitigations) for part in condition.all)
    if condition.any is not None:
        return any(holds(part, facts, mitigations) for part in condition.any)
    if condition.mitigation_missing is not None:
        return condition.mitigation_missing not in mitigations
    assert condition.fact is not None  # the schema allows no other form
    if condition.fact not in facts:
        return False
    value = facts[condition.fact]
    if condition.at_least is not None:
        return (
            not isinstance(value, bool) and isinstance(value, int) and value >= condition.at_least
        )
    assert condition.in_ is not None
    return any(value == allowed and type(value) is type(allowed) for allowed in condition.in_)


def describe(condition: Condition) -> str:
    """The condition in words, for explanations and `framework show`."""
    if condition.all is not None:
        return " and ".join(_bracket(part) for part in condition.all)
    if condition.any is not None:
        return " or ".join(_bracket(part) for part in condition.any)
    if condition.mitigation_missing is not None:
        return f"{condition.mitigation_missing} is not in place"
    if condition.at_least is not None:
        return f"{condition.fact} is at least {condition.at_least:,}"
    assert condition.in_ is not None
    values = [_word(value) for value in condition.in_]
    if len(values) == 1:
        return f"{condition.fact} is {values[0]}"
    return f"{condition.fact} is one of {', '.join(values)}"


def leaves(condition: Condition) -> Iterator[Condition]:
    """Every fact and mitigation test in the condition, however deeply nested, in order."""
    nested = condition.all if condition.all is not None else condition.any
    if nested is None:
        yield condition
        return
    for part in nested:
        yield from leaves(part)


def facts_named(condition: Condition) -> list[str]:
    return [leaf.fact for leaf in leaves(condition) if leaf.fact is not None]


def mitigations_named(condition: Condition) -> list[str]:
    return [leaf.mitigation_missing for leaf in leaves(condition) if leaf.mitigation_missing]


def _bracket(condition: Condition) -> str:
    text = describe(condition)
    return f"({text})" if condition.all is not None or condition.any is not None else text


def _word(value: str | bool) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
