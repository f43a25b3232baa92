"""Writes: every change to a proposal goes through here, is checked by the engine, is
recorded in its history, and refreshes the cached result, all in one transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from coopai.framework import (
    Framework,
    Problem,
    ProposalError,
    check_proposal,
    lifecycle,
    load_framework,
)
from coopai.framework import Proposal as EngineProposal
from coopai.framework.assessing import framework_for as framework_for_file
from coopai.framework.yamlio import parse_yaml, unreadable_yaml_raises
from coopai.web.councils.models import Council
from coopai.web.proposals import selectors
from coopai.web.proposals.models import Answer, Change, Proposal


class ProposalFrozenError(Exception):
    """The proposal's answers cannot change in its stage; the message says why and what
    would let them. Shown as a 409 page (coopai.web.errors.FrozenProposalMiddleware)."""

    def __init__(self, proposal: Proposal) -> None:
        self.proposal = proposal
        super().__init__(lifecycle.frozen_reason(proposal.stage))


def ensure_editable(proposal: Proposal) -> None:
    """Answers (and audits, and attaching them) change only in a draft or a proposal
    returned for changes. Called inside the write's transaction: the row stays locked,
    so a submit made at the same moment waits, and either the answer lands before it or
    is refused after it."""
    stage = (
        Proposal.objects.select_for_update()
        .filter(pk=proposal.pk)
        .values_list("stage", flat=True)
        .first()
    )
    if stage is not None and not lifecycle.is_editable(stage):
        proposal.stage = stage
        raise ProposalFrozenError(proposal)


DETAIL_FIELDS = ("title", "service_area", "category", "technique", "description")
PARTS = ("facts", "enablers", "suitability", "benefits")


def proposal_create(
    *,
    council: Council,
    owner: User,
    title: str,
    service_area: str = "",
    description: str = "",
) -> Proposal:
    with transaction.atomic():
        proposal = Proposal.objects.create(
            council=council,
            owner=owner,
            title=title,
            service_area=service_area,
            description=description,
            framework_version=load_framework().version,
        )
        Change.objects.create(
            proposal=proposal, user=owner, field="proposal", new=title, note="Created"
        )
        _refresh(proposal)
    return proposal


def proposal_update_details(*, proposal: Proposal, user: User, **fields: str) -> None:
    """Change the title, service area, category, technique or description."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not a detail field: {', '.join(sorted(unknown))}")
    data = selectors.proposal_file_data(proposal=proposal)
    data["proposal"].update({k: v for k, v in fields.items() if v})
    _check(proposal, data)
    with transaction.atomic():
        ensure_editable(proposal)
        for name, value in fields.items():
            old = getattr(proposal, name)
            if old != value:
                setattr(proposal, name, value)
                Change.objects.create(proposal=proposal, user=user, field=name, old=old, new=value)
        proposal.save()
        _refresh(proposal)


def answer_set(
    *,
    proposal: Proposal,
    user: User,
    part: str,
    key: str,
    value: Any,
    evidence: str | None = None,
) -> None:
    """Set one answer. The engine checks it first, so a bad value changes nothing.

    A fact answered replaces that question's "not known", if it had one."""
    data = selectors.proposal_file_data(proposal=proposal)
    if part == Answer.Part.MITIGATIONS:
        data["mitigations"] = value
    elif part == Answer.Part.PRINCIPLES:
        rating = {"rating": value, **({"evidence": evidence} if evidence else {})}
        data.setdefault("principles", {})[key] = rating
    elif part in PARTS:
        data.setdefault(part, {})[key] = value
    else:
        raise ValueError(f"not an answer part: {part}")
    if part == Answer.Part.FACTS:
        data["not_known"] = [k for k in data.get("not_known", []) if k != key]
    _check(proposal, data)
    with transaction.atomic():
        ensure_editable(proposal)
        if part == Answer.Part.FACTS:
            _remove(proposal, user, Answer.Part.NOT_KNOWN, key)
        _store(proposal, user, part, key, value, evidence or "")
        _refresh(proposal)


def answer_set_not_known(*, proposal: Proposal, user: User, key: str) -> None:
    """Answer a fact question "not known", in place of any answer it had. The engine
    refuses a question its content does not let be answered so, and then nothing changes."""
    data = selectors.proposal_file_data(proposal=proposal)
    data.setdefault("facts", {}).pop(key, None)
    data["not_known"] = [*(k for k in data.get("not_known", []) if k != key), key]
    _check(proposal, data)
    with transaction.atomic():
        ensure_editable(proposal)
        _remove(proposal, user, Answer.Part.FACTS, key)
        _store(proposal, user, Answer.Part.NOT_KNOWN, key, True, "")
        _refresh(proposal)


def _remove(proposal: Proposal, user: User, part: str, key: str) -> None:
    """Delete one answer, if there is one, recording that it went."""
    existing = Answer.objects.filter(proposal=proposal, part=part, key=key).first()
    if existing is None:
        return
    Change.objects.create(
        proposal=proposal, user=user, field=f"{part}.{key}", old=existing.value, new=None
    )
    existing.delete()


def proposal_import(
    *,
    council: Council,
    user: User,
    text: str,
    file_name: str,
    proposal: Proposal | None = None,
) -> Proposal:
    """Create a proposal from a proposal file, or replace an existing one's answers.

    All or nothing: the file is checked in full by the engine before anything is written.
    The file's `council` is ignored: a proposal belongs to the council of the person
    uploading it.
    """
    checked, framework = _checked_file(text, file_name)
    with transaction.atomic():
        if proposal is None:
            proposal = _created_from(council, user, checked, framework, file_name)
        else:
            ensure_editable(proposal)
        _refuse_another_version(proposal, framework, file_name)
        _take_details(proposal, user, checked, file_name)
        _take_answers(proposal, user, _answers_from(checked.to_dict()), file_name)
        _refresh(proposal)
    return proposal


def _checked_file(text: str, file_name: str) -> tuple[EngineProposal, Framework]:
    """The file as the engine reads it, with the framework version it asks for."""
    with unreadable_yaml_raises(ProposalError):
        data, node = parse_yaml(text, file_name)
    framework = framework_for_file(data, file_name, node, None)
    checked = check_proposal(data, framework, file=file_name, node=node, allow_incomplete=True)
    return checked, framework


def _created_from(
    council: Council, user: User, checked: EngineProposal, framework: Framework, file_name: str
) -> Proposal:
    proposal = Proposal.objects.create(
        council=council, owner=user, title=checked.title, framework_version=framework.version
    )
    Change.objects.create(
        proposal=proposal,
        user=user,
        field="proposal",
        new=checked.title,
        note=f"Created from {file_name}",
    )
    return proposal


def _refuse_another_version(proposal: Proposal, framework: Framework, file_name: str) -> None:
    """A file for another framework version than the proposal's would change its scoring."""
    if proposal.framework_version == framework.version:
        return
    raise ProposalError(
        [
            Problem(
                file_name,
                "framework_version",
                f"this proposal is assessed under framework {proposal.framework_version}; "
                f"the file is for {framework.version}. Re-score the proposal first, "
                "or change the file.",
                allowed=(proposal.framework_version,),
            )
        ]
    )


def _take_details(proposal: Proposal, user: User, checked: EngineProposal, file_name: str) -> None:
    """The file's title, service area, category, technique and description, each recorded."""
    for name in DETAIL_FIELDS:
        new = getattr(checked, name) or ""
        if getattr(proposal, name) != new:
            Change.objects.create(
                proposal=proposal,
                user=user,
                field=name,
                old=getattr(proposal, name),
                new=new,
                note=f"From {file_name}",
            )
            setattr(proposal, name, new)
    proposal.save()


def _take_answers(
    proposal: Proposal,
    user: User,
    wanted: dict[tuple[str, str], tuple[Any, str]],
    file_name: str,
) -> None:
    """Store the file's answers and remove those it does not give, each recorded."""
    for (part, key), (value, evidence) in wanted.items():
        _store(proposal, user, part, key, value, evidence, note=f"From {file_name}")
    for answer in proposal.answers.all():
        if (answer.part, answer.key) not in wanted:
            Change.objects.create(
                proposal=proposal,
                user=user,
                field=f"{answer.part}.{answer.key}",
                old=answer.value,
                new=None,
                note=f"Not in {file_name}",
            )
            answer.delete()


def proposal_rescore(*, proposal: Proposal, user: User, version: str) -> None:
    """Move a proposal to another framework version, keeping answers the new one accepts."""
    framework = load_framework(version)
    data = selectors.proposal_file_data(proposal=proposal)
    data["framework_version"] = framework.version
    _check(proposal, data, framework)
    with transaction.atomic():
        ensure_editable(proposal)
        Change.objects.create(
            proposal=proposal,
            user=user,
            field="framework_version",
            old=proposal.framework_version,
            new=framework.version,
            note="Re-scored",
        )
        proposal.framework_version = framework.version
        proposal.save()
        _refresh(proposal)


def _check(proposal: Proposal, data: dict[str, Any], framework: Any = None) -> None:
    used = framework or selectors.framework_for(proposal)
    data = {**data, "framework_version": used.version}
    check_proposal(
        data,
        used,
        file=f"proposal {proposal.pk}",
        allow_incomplete=True,
    )


def _store(
    proposal: Proposal,
    user: User,
    part: str,
    key: str,
    value: Any,
    evidence: str,
    note: str = "",
) -> None:
    existing = Answer.objects.filter(proposal=proposal, part=part, key=key).first()
    field = part if part == Answer.Part.MITIGATIONS else f"{part}.{key}"
    if existing is None:
        Answer.objects.create(proposal=proposal, part=part, key=key, value=value, evidence=evidence)
        Change.objects.create(
            proposal=proposal, user=user, field=field, old=None, new=value, note=note
        )
        return
    if existing.value != value:
        Change.objects.create(
            proposal=proposal, user=user, field=field, old=existing.value, new=value, note=note
        )
    if existing.evidence != evidence:
        Change.objects.create(
            proposal=proposal,
            user=user,
            field=f"{field}.evidence",
            old=existing.evidence,
            new=evidence,
            note=note,
        )
    existing.value, existing.evidence = value, evidence
    existing.save()


def _answers_from(data: dict[str, Any]) -> dict[tuple[str, str], tuple[Any, str]]:
    wanted: dict[tuple[str, str], tuple[Any, str]] = {}
    if "mitigations" in data:
        wanted[(Answer.Part.MITIGATIONS, "in_place")] = (list(data["mitigations"]), "")
    for part in PARTS:
        for key, value in data.get(part, {}).items():
            wanted[(part, key)] = (value, "")
    for key, rating in data.get("principles", {}).items():
        wanted[(Answer.Part.PRINCIPLES, key)] = (rating["rating"], rating.get("evidence", ""))
    for key in data.get("not_known", []):
        wanted[(Answer.Part.NOT_KNOWN, key)] = (True, "")
    return wanted


def _refresh(proposal: Proposal) -> None:
    """Store the engine's latest result on the proposal for listing and sorting."""
    result = selectors.proposal_result(proposal=proposal)
    proposal.tier = result.tier
    proposal.recommendation = result.recommendation
    proposal.score = result.score
    proposal.red_line_count = len(result.red_lines)
    proposal.complete = result.complete
    proposal.save(update_fields=["tier", "recommendation", "score", "red_line_count", "complete"])
