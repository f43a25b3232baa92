"""The framework in words (`coopai framework show`) and what changed between two versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coopai.framework.conditions import describe as describe_condition
from coopai.framework.loaded import Framework

LIST_SECTIONS = (
    "sections",
    "categories",
    "techniques",
    "enablers",
    "principles",
    "risks",
    "mitigations",
    "questions",
    "requirements",
    "red_lines",
    "benefits",
)


def show(framework: Framework, section: str | None = None) -> str:
    """The framework as plain text, one part after another (or just one part)."""
    parts = {
        "tiers": _tiers,
        "questions": _questions,
        "red_lines": _red_lines,
        "requirements": _requirements,
        "mitigations": _mitigations,
        "principles": _principles,
        "enablers": _enablers,
        "risks": _risks,
    }
    chosen = [section] if section else list(parts)
    version = framework.version + (
        f" + {framework.local_version}" if framework.local_version else ""
    )
    lines = [
        f"{framework.manifest.name}, version {version} ({framework.manifest.status})",
        framework.manifest.summary,
        "",
    ]
    for name in chosen:
        lines += [*parts[name](framework), ""]
    return "\n".join(lines)


def _tiers(framework: Framework) -> list[str]:
    lines = ["IMPACT TIERS"]
    for tier in framework.scoring.tiers:
        lines.append(
            f"  Tier {tier.tier} {tier.label}: from {tier.from_points} points. "
            f"Recommendation {tier.when_requirements_met} when every requirement is met, "
            f"otherwise {tier.when_requirements_outstanding}."
        )
    lines.append(
        f"  Mitigations reduce a question's points by at most "
        f"{framework.scoring.max_reduction_share:.0%}."
    )
    lines.append("GATES (force a minimum tier)")
    for floor in framework.scoring.floors:
        lines.append(
            f"  {floor.name}: tier {floor.minimum_tier} or more when "
            f"{describe_condition(floor.when)}"
        )
    return lines


def _questions(framework: Framework) -> list[str]:
    lines = ["FACT QUESTIONS (answers from least to most risky, with points)"]
    for question in framework.questions:
        applies = (
            f" [only when {describe_condition(question.applies_when)}]"
            if question.applies_when
            else ""
        )
        lines.append(f"  {question.id}: {question.prompt}{applies}")
        for answer in question.answers:
            value = str(answer.value).lower() if isinstance(answer.value, bool) else answer.value
            lines.append(f"    {answer.points:>2}  {value}: {answer.label}")
        for band in question.bands:
            lines.append(f"    {band.points:>2}  {band.label}")
    return lines


def _red_lines(framework: Framework) -> list[str]:
    lines = ["RED LINES (raised whatever the score)"]
    for line in framework.red_lines:
        lines.append(
            f"  {line.name}: {line.recommendation}, tier {line.minimum_tier} or more,"
            f" when {describe_condition(line.when)}"
        )
    return lines


def _requirements(framework: Framework) -> list[str]:
    lines = ["REQUIREMENTS"]
    for req in framework.requirements:
        when = f" when {describe_condition(req.applies_when)}" if req.applies_when else ""
        always = f"; always when {describe_condition(req.always_when)}" if req.always_when else ""
        met = req.met_by.decision or ", ".join(
            [*req.met_by.mitigations, *(f"{k} >= {v}" for k, v in req.met_by.enablers.items())]
        )
        lines.append(f"  From tier {req.from_tier}{when}{always}: {req.name} (met by {met})")
    return lines


def _mitigations(framework: Framework) -> list[str]:
    return ["MITIGATIONS"] + [
        f"  {m.id}: {m.name} (addresses {', '.join(m.addresses)})" for m in framework.mitigations
    ]


def _principles(framework: Framework) -> list[str]:
    return ["CO-OPERATIVE PRINCIPLES"] + [
        f"  {p.id}: {p.name} (CCIN: {p.ccin_principle})" for p in framework.principles
    ]


def _enablers(framework: Framework) -> list[str]:
    return ["ENABLERS (rated 0 to 3)"] + [f"  {e.id}: {e.name}" for e in framework.enablers]


def _risks(framework: Framework) -> list[str]:
    return ["RISKS"] + [f"  {r.id}: {r.name}" for r in framework.risks]


@dataclass
class Change:
    section: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def diff(old: Framework, new: Framework) -> list[Change]:
    """Items added, removed and changed (with the fields that changed), section by section."""
    changes = []
    for section in LIST_SECTIONS:
        change = _diff_items(section, getattr(old, section), getattr(new, section))
        if change:
            changes.append(change)
    for section in ("tiers", "floors"):
        change = _diff_items(section, getattr(old.scoring, section), getattr(new.scoring, section))
        if change:
            changes.append(change)
    if old.scoring.max_reduction_share != new.scoring.max_reduction_share:
        changes.append(
            Change(
                "scoring",
                changed={
                    "max_reduction_share": [
                        f"{old.scoring.max_reduction_share} -> {new.scoring.max_reduction_share}"
                    ]
                },
            )
        )
    return changes


def _key(item: Any) -> str:
    return str(getattr(item, "id", None) or f"tier {item.tier}")


def _diff_items(section: str, old: Any, new: Any) -> Change:
    before = {_key(item): item for item in old}
    after = {_key(item): item for item in new}
    change = Change(
        section,
        added=[k for k in after if k not in before],
        removed=[k for k in before if k not in after],
    )
    for key in before.keys() & after.keys():
        a, b = before[key].model_dump(), after[key].model_dump()
        fields = [_field_change(name, a[name], b.get(name)) for name in a if a[name] != b.get(name)]
        if fields:
            change.changed[key] = fields
    change.changed = dict(sorted(change.changed.items()))
    return change


def _field_change(name: str, old: Any, new: Any) -> str:
    if (
        isinstance(old, int | float | str)
        and isinstance(new, int | float | str)
        and len(str(old) + str(new)) < 60
    ):
        return f"{name} {old} -> {new}"
    return name


def diff_text(old: Framework, new: Framework) -> str:
    def name(f: Framework) -> str:
        return f.version + (f" + {f.local_version}" if f.local_version else "")

    changes = diff(old, new)
    lines = [f"Changes from framework {name(old)} to {name(new)}:"]
    if not changes:
        lines.append("  none: the two have the same content.")
    for change in changes:
        lines.append(f"  {change.section}:")
        lines += [f"    + {item} (added)" for item in change.added]
        lines += [f"    - {item} (removed)" for item in change.removed]
        lines += [f"    ~ {item}: {'; '.join(fields)}" for item, fields in change.changed.items()]
    return "\n".join(lines) + "\n"
