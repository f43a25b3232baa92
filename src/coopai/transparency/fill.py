"""What coopai knows for each ATRS field, written for a resident to read.

Each filler reads the assessment, the decision or the council's settings and writes
plain English from the framework's own words: question prompts with the answer labels,
mitigation and risk names, never an internal id. A filler returns None when coopai does
not know, and the record's owner completes the field. `FILLERS` is the one list of
which fields coopai fills; `owner_fields` and the docs' table follow from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from coopai.framework.loaded import Framework
from coopai.framework.proposal import Proposal
from coopai.framework.result import RECOMMENDATION_WORDS, AssessmentResult
from coopai.transparency.standard import load_standard

if TYPE_CHECKING:
    from coopai.transparency.atrs import RecordContext

Source = Literal["assessment", "decision", "council", "owner", ""]
"""Where a value came from: the proposal and its scoring, the review decision and
checklist, the council's settings, the record's owner, or nowhere yet ("")."""

Filled = tuple[str, Source]


@dataclass(frozen=True)
class Known:
    """Everything the fillers may read about one proposal."""

    proposal: Proposal
    result: AssessmentResult
    framework: Framework
    context: RecordContext
    # Mitigations whose evidence a reviewer accepted on the checklist.
    verified: frozenset[str]


def _name(k: Known) -> Filled | None:
    return k.proposal.title, "assessment"


def _description(k: Known) -> Filled | None:
    return (k.proposal.description, "assessment") if k.proposal.description else None


def _website(k: Known) -> Filled | None:
    return (k.context.website, "council") if k.context.website else None


def _contact_email(k: Known) -> Filled | None:
    return (k.context.contact_email, "council") if k.context.contact_email else None


def _phase(k: Known) -> Filled | None:
    # A proposal with no stage (a file on the command line) has not been deployed.
    if k.context.stage is None:
        return "Pre-deployment", "assessment"
    return k.context.stage, "decision"


def _region(k: Known) -> Filled | None:
    return (k.context.region, "council") if k.context.region else None


def _function(k: Known) -> Filled | None:
    # The field's aliases turn a service area such as "Housing" into a function.
    return (k.proposal.service_area, "assessment") if k.proposal.service_area else None


def _capability(k: Known) -> Filled | None:
    # The field's aliases turn a technique into a capability: speech and translation are
    # audition and linguistics, generative text is creation, a predictive model is
    # forecasting, and so on (see content/atrs-4.0.yaml).
    return (k.proposal.technique, "assessment") if k.proposal.technique else None


def _organisation(k: Known) -> Filled | None:
    council = k.context.organisation or k.proposal.council
    if not council:
        return None
    area = f", {k.proposal.service_area}" if k.proposal.service_area else ""
    return f"{council}{area}", "council" if k.context.organisation else "assessment"


def _third_party_involvement(k: Known) -> Filled | None:
    # A supplier that may train on the council's data is a third party; otherwise the
    # facts do not say whether one is involved.
    return ("Yes", "assessment") if k.proposal.facts.get("supplier_trains_on_data") else None


def _data_access_terms(k: Known) -> Filled | None:
    return _answers(k, "supplier_trains_on_data", "data_leaves_uk")


def _detailed_description(k: Known) -> Filled | None:
    if not k.proposal.description:
        return None
    lines = [k.proposal.description, ""]
    if k.proposal.service_area:
        lines.append(f"Service area: {k.proposal.service_area}.")
    category = next((c for c in k.framework.categories if c.id == k.proposal.category), None)
    if category:
        lines.append(f"Kind of use: {category.name}.")
    technique = next((t for t in k.framework.techniques if t.id == k.proposal.technique), None)
    if technique:
        lines.append(f"Technique: {technique.name}. {technique.description}")
    return "\n".join(lines).strip(), "assessment"


def _benefit(k: Known) -> Filled | None:
    lines = []
    for benefit in k.result.benefits:
        value = benefit.value
        if benefit.type == "money" and isinstance(value, int | float):
            shown = f"£{value:,.0f}"
        else:
            shown = f"{value:,}" if isinstance(value, int) else str(value)
        lines.append(f"{benefit.label}: {_sentence(shown)}")
    return ("\n".join(lines), "assessment") if lines else None


def _alternatives(k: Known) -> Filled | None:
    answer = k.proposal.suitability.get("simpler_fix_tried")
    question = next(
        (q for q in k.framework.suitability.questions if q.id == "simpler_fix_tried"), None
    )
    if answer is None or question is None:
        return None
    label = next(a.label for a in question.answers if a.value == answer)
    return f"{question.prompt} {_sentence(label)}", "assessment"


def _frequency_and_scale(k: Known) -> Filled | None:
    return _answers(k, "people_per_year", "affected_people")


def _human_decisions(k: Known) -> Filled | None:
    return _combined(
        _answers(k, "decision_role", "decision_significance", "human_oversight"),
        _safeguard(k, "human_review"),
    )


def _required_training(k: Known) -> Filled | None:
    return _safeguard(k, "staff_training")


def _appeals(k: Known) -> Filled | None:
    # Only a way to challenge that the assessment lists is reported; the owner says more.
    return _safeguard(k, "appeal_route")


def _model_performance(k: Known) -> Filled | None:
    findings = " ".join(_sentence(text) for text in k.context.audit_findings if text.strip())
    return (f"Audit findings: {findings}", "decision") if findings else None


def _sensitive_attributes(k: Known) -> Filled | None:
    return _answers(k, "personal_data", "data_linking")


def _access_and_storage(k: Known) -> Filled | None:
    return _answers(k, "data_leaves_uk")


def _impact_assessment(k: Known) -> Filled | None:
    lines = []
    for key in ("dpia", "eqia"):
        mitigation = k.framework.mitigation_by_id.get(key)
        if mitigation is None:
            continue
        if key in k.verified:
            lines.append(f"{mitigation.name}: done; the council's reviewers accepted the evidence.")
        elif key in k.proposal.mitigations:
            lines.append(f"{mitigation.name}: listed in the assessment as done or planned.")
        else:
            lines.append(f"{mitigation.name}: not listed in the assessment.")
    result = k.result
    version = result.framework_version
    if result.framework_local_version:
        version += f" with the council's local additions {result.framework_local_version}"
    lines.append(
        f"coopai assessment under framework {version}: tier {result.tier}, {result.tier_label}. "
        f"Recommendation: {RECOMMENDATION_WORDS[result.recommendation]}."
    )
    decision = k.context.decision
    if decision is not None:
        lines.append(f"Decision: {decision.label}, {_day(decision.at.date())}.")
        lines += [f"Condition: {_sentence(c.text)} Due {_day(c.due)}." for c in decision.conditions]
        lines += [
            f"Approved without this requirement met: {e.requirement}. {_sentence(e.reason)}"
            for e in decision.exceptions
        ]
        if decision.review_date:
            lines.append(f"Next review due by {_day(decision.review_date)}.")
    source: Source = "decision" if decision or k.verified & {"dpia", "eqia"} else "assessment"
    return "\n".join(lines), source


def _risks_and_mitigations(k: Known) -> Filled | None:
    lines = []
    for risk in k.result.risks:
        done = [_mitigation_name(k, key) for key in risk.in_place]
        listed = f"safeguards done or planned: {', '.join(done)}." if done else "no safeguard yet."
        line = f"{risk.name}: {listed}"
        if risk.missing:
            others = ", ".join(_mitigation_name(k, key) for key in risk.missing)
            line += f" Other safeguards that would help: {others}."
        lines.append(line)
    lines += [f"Red line raised: {red.name}. {red.explanation}" for red in k.result.red_lines]
    if not lines:
        lines.append("The assessment raised no risks.")
    performance = _model_performance(k)
    if performance:
        lines.append(performance[0])
    used_decision = performance is not None or any(
        key in k.verified for r in k.result.risks for key in r.in_place
    )
    return "\n".join(lines), "decision" if used_decision else "assessment"


FILLERS: dict[str, Callable[[Known], Filled | None]] = {
    "name": _name,
    "description": _description,
    "website_url": _website,
    "contact_email": _contact_email,
    "phase": _phase,
    "region": _region,
    "function": _function,
    "capability": _capability,
    "organisation_or_department": _organisation,
    "third_party_involvement": _third_party_involvement,
    "third_party_data_access_terms": _data_access_terms,
    "detailed_description": _detailed_description,
    "benefit": _benefit,
    "alternatives_considered": _alternatives,
    "frequency_and_scale_of_usage": _frequency_and_scale,
    "human_decisions_and_review": _human_decisions,
    "required_training": _required_training,
    "appeals_and_review": _appeals,
    "model_performance": _model_performance,
    "operational_data_sensitive_attributes": _sensitive_attributes,
    "operational_data_access_and_storage": _access_and_storage,
    "impact_assessment": _impact_assessment,
    "risks_and_mitigations": _risks_and_mitigations,
}


def _answers(k: Known, *questions: str) -> Filled | None:
    """Each question that applies and was answered: the standard's lead for it (or its
    prompt), then the answer's label."""
    lines = {line.question: line for line in k.result.impact.lines if line.applies}
    leads = load_standard().answer_leads
    shown = []
    for key in questions:
        line = lines.get(key)
        if line is None or line.answer is None:
            continue
        lead = leads.get(key)
        if isinstance(line.answer, int) and not isinstance(line.answer, bool):
            answer = f"about {line.answer:,}"
        else:
            answer = line.answer_label
        shown.append(_sentence(f"{lead}: {answer}" if lead else f"{line.prompt} {answer}"))
    return ("\n".join(shown), "assessment") if shown else None


def _combined(*parts: Filled | None) -> Filled | None:
    """Several fillers' text as one value, from the decision if any part is."""
    found = [part for part in parts if part]
    if not found:
        return None
    source: Source = "decision" if any(s == "decision" for _, s in found) else "assessment"
    return "\n".join(text for text, _ in found), source


def _safeguard(k: Known, key: str) -> Filled | None:
    """A mitigation the assessment lists, said as a commitment, and whether it is verified."""
    mitigation = k.framework.mitigation_by_id.get(key)
    if mitigation is None or key not in k.proposal.mitigations:
        return None
    if key in k.verified:
        return f"{mitigation.name} (evidence accepted by the council's reviewers): " + (
            mitigation.description
        ), "decision"
    return f"{mitigation.name} (listed in the assessment as done or planned): " + (
        mitigation.description
    ), "assessment"


def _mitigation_name(k: Known, key: str) -> str:
    mitigation = k.framework.mitigation_by_id.get(key)
    name = mitigation.name if mitigation else key
    return f"{name} (evidence accepted)" if key in k.verified else name


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
