"""An ATRS record built from an assessment: every field coopai can fill honestly, the
owner's own values on top, and the required fields still empty listed by name.

Values a person typed (the council's settings, the owner's answers) that do not fit a
field are refused with the field named; an assessment answer that fits no choice (a
service area no function matches) is simply left for the owner.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from coopai.framework.lifecycle import Stage
from coopai.framework.loaded import Framework
from coopai.framework.proposal import Proposal
from coopai.framework.result import AssessmentResult
from coopai.framework.review import DecisionRecord, EvidenceLine, ItemStatus
from coopai.transparency.fill import FILLERS, Known, Source
from coopai.transparency.standard import Field, Standard, load_standard

STANDARD_VERSION = "4.0"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_FROM = {
    "assessment": "from the assessment",
    "decision": "from the decision",
    "council": "from the council's settings",
    "owner": "supplied by the owner",
}


@dataclass(frozen=True)
class RecordContext:
    """What the web app (or a caller) knows beyond the proposal file."""

    organisation: str | None = None  # the council's name
    region: str | None = None  # one of the region choices
    stage: str | None = None  # a coopai.framework.lifecycle.Stage value; gives the phase
    website: str | None = None
    contact_email: str | None = None
    decision: DecisionRecord | None = None
    checklist: Sequence[EvidenceLine] = ()  # accepted evidence = safeguards verified
    audit_findings: Sequence[str] = ()  # one sentence per accepted audit
    published: date | None = None
    updated: date | None = None


@dataclass(frozen=True)
class RecordMetadata:
    """coopai's own facts about a record, kept apart from the standard's fields."""

    framework_version: str
    framework_local_version: str | None
    tier: int
    tier_label: str
    recommendation: str
    stage: str | None
    decision: str | None
    generated: date
    published: date | None
    updated: date | None


@dataclass(frozen=True)
class AtrsRecord:
    standard_version: str
    values: Mapping[str, str]  # every field id -> text ("" when nobody has filled it)
    sources: Mapping[str, Source]  # field id -> where the value came from ("" when empty)
    missing: tuple[str, ...]  # required fields still empty, in field order
    metadata: RecordMetadata


class RecordError(ValueError):
    """Values that cannot go in a record, each naming its field; nothing is built."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


NO_CONTEXT = RecordContext()
NOTHING_SUPPLIED: Mapping[str, str] = MappingProxyType({})


def build_record(
    proposal: Proposal,
    result: AssessmentResult,
    framework: Framework,
    *,
    context: RecordContext = NO_CONTEXT,
    supplied: Mapping[str, str] = NOTHING_SUPPLIED,
) -> AtrsRecord:
    """The ATRS record for a scored proposal; the owner's `supplied` values win."""
    standard = load_standard(STANDARD_VERSION)
    problems = _unknown_ids(standard, supplied) + _bad_stage(context.stage)
    if problems:
        raise RecordError(problems)
    known = Known(proposal, result, framework, context, _verified(framework, context.checklist))
    values: dict[str, str] = {}
    sources: dict[str, Source] = {}
    for field in standard.fields:
        value, source = _value(field, known, supplied)
        value, problem = _checked(field, value, source)
        if problem:
            problems.append(problem)
        values[field.id] = value
        sources[field.id] = source if value else ""
    if problems:
        raise RecordError(problems)
    return AtrsRecord(
        standard_version=standard.version,
        values=values,
        sources=sources,
        missing=standard.missing(values),
        metadata=RecordMetadata(
            framework_version=result.framework_version,
            framework_local_version=result.framework_local_version,
            tier=result.tier,
            tier_label=result.tier_label,
            recommendation=result.recommendation,
            stage=context.stage,
            decision=context.decision.label if context.decision else None,
            generated=date.today(),
            published=context.published,
            updated=context.updated,
        ),
    )


def owner_fields(standard: Standard, record: AtrsRecord | None = None) -> list[Field]:
    """The fields the owner completes.

    Without a record: the fields no mapping ever fills (what a web form always asks).
    With one: every field of that record that nothing filled, or the owner filled.
    """
    if record is not None:
        return [f for f in standard.fields if record.sources.get(f.id, "") in ("", "owner")]
    return [f for f in standard.fields if f.id not in FILLERS and f.default is None]


def _value(field: Field, known: Known, supplied: Mapping[str, str]) -> tuple[str, Source]:
    owner = supplied.get(field.id, "").strip()
    if owner:
        return owner, "owner"
    filler = FILLERS.get(field.id)
    filled = filler(known) if filler else None
    if filled and filled[0].strip():
        return filled[0].strip(), filled[1]
    if field.default is not None:
        return field.default, "council"
    return "", ""


def _checked(field: Field, value: str, source: Source) -> tuple[str, str | None]:
    """The value as stored (a choice in its own words), or why it cannot be stored."""
    if not value:
        return "", None
    where = _FROM.get(source, "")
    if field.type == "choice":
        choice = field.choice_for(value)
        if choice is not None:
            return choice, None
        if source == "assessment":
            return "", None  # e.g. a service area no function matches: the owner picks
        allowed = ", ".join(field.choices)
        return "", f"{field.label}: {value!r} ({where}) is not one of its choices: {allowed}."
    if len(value) > field.max_length:
        return "", (
            f"{field.label}: the value ({where}) is {len(value):,} characters long; "
            f"the most allowed is {field.max_length:,}. Shorten it."
        )
    if field.type == "email" and not _EMAIL.match(value):
        return "", f"{field.label}: {value!r} ({where}) is not an email address."
    if field.type == "url" and not _URL.match(value):
        return "", (
            f"{field.label}: {value!r} ({where}) is not a web address; "
            "it starts with https:// or http://."
        )
    return value, None


def _unknown_ids(standard: Standard, supplied: Mapping[str, str]) -> list[str]:
    problems = []
    for key in supplied:
        if key not in standard.field_by_id:
            close = difflib.get_close_matches(key, list(standard.field_by_id), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            problems.append(f"{key!r} is not a field of ATRS {standard.version}.{hint}")
    return problems


def _bad_stage(stage: str | None) -> list[str]:
    if stage is None or stage in {s.value for s in Stage}:
        return []
    return [f"stage {stage!r} is not a lifecycle stage. Allowed: {', '.join(Stage)}."]


def _verified(framework: Framework, checklist: Sequence[EvidenceLine]) -> frozenset[str]:
    """The mitigations behind every requirement whose evidence a reviewer accepted."""
    accepted = {
        line.item.requirement_id for line in checklist if line.item.status is ItemStatus.MET
    }
    return frozenset(
        mitigation
        for requirement in framework.requirements
        if requirement.id in accepted
        for mitigation in requirement.met_by.mitigations
    )
