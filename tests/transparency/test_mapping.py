"""From an assessment to an ATRS record: what coopai fills, in plain words, and what it
leaves to the owner."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
import yaml

from coopai.framework.lifecycle import Stage
from coopai.framework.review import (
    ChecklistItem,
    ConditionRecord,
    ConditionState,
    DecisionRecord,
    EvidenceLine,
    ItemStatus,
    Vote,
)
from coopai.transparency import AtrsRecord, RecordContext, RecordError, Standard, owner_fields

from .conftest import EXAMPLE_FILES, EXAMPLES, MakeRecord

DECISION = DecisionRecord(
    outcome=Vote.APPROVE_WITH_CONDITIONS,
    at=datetime(2026, 3, 3, 14, 30),
    reasons="The safeguards are proportionate.",
    rule="One reviewer decides.",
    conditions=(
        ConditionRecord(
            "Publish the equality impact assessment",
            "Head of Revenues",
            date(2026, 6, 1),
            ConditionState.OPEN,
        ),
    ),
    review_date=date(2027, 3, 1),
)
PHASE_BY_STAGE = {
    Stage.DRAFT: "Pre-deployment",
    Stage.SUBMITTED: "Pre-deployment",
    Stage.IN_REVIEW: "Pre-deployment",
    Stage.APPROVED: "Pre-deployment",
    Stage.APPROVED_WITH_CONDITIONS: "Pre-deployment",
    Stage.RETURNED: "Pre-deployment",
    Stage.REJECTED: "Pre-deployment",
    Stage.LIVE: "Production",
    Stage.REVIEW_DUE: "Production",
    Stage.RETIRED: "Retired",
}


def accepted(requirement_id: str, status: ItemStatus = ItemStatus.MET) -> EvidenceLine:
    return EvidenceLine(ChecklistItem(requirement_id, requirement_id, status, "label"))


def refusal(record_for: MakeRecord, **kwargs: Any) -> str:
    with pytest.raises(RecordError) as caught:
        record_for("resident-chatbot.yaml", **kwargs)
    return str(caught.value)


def test_it_fills_the_summary_from_the_proposal(record_for: MakeRecord) -> None:
    record = record_for("resident-chatbot.yaml")
    assert record.values["name"] == "Website assistant for council tax and bin questions"
    assert record.values["description"].startswith("A chat assistant on the council website")
    assert record.values["phase"] == "Pre-deployment"
    assert record.values["organisation_type"] == "Local authority"
    assert record.values["website_url"] == "" and record.sources["website_url"] == ""
    assert record.sources["name"] == "assessment"
    assert record.standard_version == "4.0"


@pytest.mark.parametrize(
    ("example", "capability"),
    [
        ("document-translation.yaml", "Audition and linguistics"),
        ("social-care-note-taking.yaml", "Audition and linguistics"),
        ("resident-chatbot.yaml", "Creation"),
        ("council-tax-fraud-risk-score.yaml", "Forecasting"),
        ("planning-application-validation.yaml", "Analysis"),
        ("care-budget-estimate.yaml", "Planning"),
        ("larger-bin-eligibility.yaml", "Management"),
        ("live-facial-recognition.yaml", "Computer vision"),
    ],
)
def test_it_fills_capability_from_the_technique(
    record_for: MakeRecord, example: str, capability: str
) -> None:
    assert record_for(example).values["capability"] == capability


def test_a_technique_the_framework_calls_other_is_capability_other(
    record_from_data: Callable[[dict[str, Any]], AtrsRecord],
) -> None:
    data = yaml.safe_load((EXAMPLES / "staff-writing-assistant.yaml").read_text())
    data["proposal"]["technique"] = "other"
    assert record_from_data(data).values["capability"] == "Other"


def test_it_fills_function_from_the_service_area_or_leaves_it_to_the_owner(
    record_for: MakeRecord, record_from_data: Callable[[dict[str, Any]], AtrsRecord]
) -> None:
    assert record_for("predictive-repairs.yaml").values["function"] == "Housing and homelessness"
    assert record_for("document-translation.yaml").values["function"] == (
        "Customer services and communications"
    )
    data = yaml.safe_load((EXAMPLES / "resident-chatbot.yaml").read_text())
    data["proposal"]["service_area"] = "Pest control"
    record = record_from_data(data)
    assert record.values["function"] == ""
    assert "function" in record.missing


def test_it_fills_frequency_and_scale_from_how_many_and_who(record_for: MakeRecord) -> None:
    assert record_for("resident-chatbot.yaml").values["frequency_and_scale_of_usage"] == (
        "People affected each year: about 60,000.\nWho it affects: Members of the public."
    )


def test_human_decisions_come_from_the_decision_role_and_oversight(record_for: MakeRecord) -> None:
    text = record_for("council-tax-fraud-risk-score.yaml").values["human_decisions_and_review"]
    assert "It recommends, scores or ranks people, and a person decides." in text
    assert "Significant. Access to services, money, housing" in text
    assert "A person makes every decision and can overrule the AI." in text
    assert text.splitlines()[-1].startswith("Human review (listed in the assessment")


def test_appeals_are_filled_only_when_a_way_to_challenge_is_listed(record_for: MakeRecord) -> None:
    with_route = record_for("rent-arrears-prioritisation.yaml").values["appeals_and_review"]
    assert with_route.startswith("Way to challenge an outcome (listed in the assessment")
    assert record_for("council-tax-fraud-risk-score.yaml").values["appeals_and_review"] == ""


def test_alternatives_come_from_the_simpler_fix_answer(record_for: MakeRecord) -> None:
    assert record_for("resident-chatbot.yaml").values["alternatives_considered"] == (
        "Have you tried a simpler fix that does not use AI? Yes, and it was not enough."
    )
    assert record_for("council-tax-fraud-risk-score.yaml").values["alternatives_considered"] == ""


def test_benefit_gives_the_expected_benefits_in_the_councils_terms(record_for: MakeRecord) -> None:
    lines = record_for("resident-chatbot.yaml").values["benefit"].splitlines()
    assert lines[0] == "Staff hours freed each year: 3,000."
    assert lines[1] == "Net saving each year (£): £45,000."
    assert lines[2].startswith("Who benefits: Residents who contact the council out of hours")


def test_sensitive_attributes_say_what_information_about_people_is_used(
    record_for: MakeRecord,
) -> None:
    text = record_for("social-care-note-taking.yaml").values[
        "operational_data_sensitive_attributes"
    ]
    assert "Information about people it uses: Special category" in text


def test_a_supplier_that_may_train_on_the_data_is_third_party_involvement(
    record_for: MakeRecord,
) -> None:
    record = record_for("contact-centre-replacement.yaml")
    assert record.values["third_party_involvement"] == "Yes"
    terms = record.values["third_party_data_access_terms"]
    assert "Can the supplier use the council's data to train or improve its products? Yes" in terms
    assert "Whether information about people leaves the UK: Yes" in terms
    assert record_for("resident-chatbot.yaml").values["third_party_involvement"] == ""


def test_impact_assessment_gives_the_dpia_eqia_and_coopai_tier(record_for: MakeRecord) -> None:
    assert record_for("council-tax-fraud-risk-score.yaml").values["impact_assessment"] == (
        "Data protection impact assessment: listed in the assessment as done or planned.\n"
        "Equality impact assessment: not listed in the assessment.\n"
        "coopai assessment under framework 1.1: tier 3, High. Recommendation: Pilot first."
    )


def test_impact_assessment_gives_the_decision_its_conditions_and_review_date(
    record_for: MakeRecord,
) -> None:
    context = RecordContext(decision=DECISION, stage="approved_with_conditions")
    record = record_for("council-tax-fraud-risk-score.yaml", context=context)
    lines = record.values["impact_assessment"].splitlines()
    assert lines[-3:] == [
        "Decision: Approved with conditions, 3 March 2026.",
        "Condition: Publish the equality impact assessment. Due 1 June 2026.",
        "Next review due by 1 March 2027.",
    ]
    assert record.sources["impact_assessment"] == "decision"
    assert record.metadata.decision == "Approved with conditions"


def test_accepted_evidence_marks_a_safeguard_as_verified(record_for: MakeRecord) -> None:
    context = RecordContext(
        checklist=(accepted("dpia"), accepted("staff_trained", ItemStatus.AWAITING))
    )
    record = record_for("council-tax-fraud-risk-score.yaml", context=context)
    assert record.values["impact_assessment"].startswith(
        "Data protection impact assessment: done; the council's reviewers accepted the evidence."
    )
    assert (
        "Data protection impact assessment (evidence accepted)"
        in record.values["risks_and_mitigations"]
    )
    assert record.values["required_training"].startswith("Staff training (listed in the assessment")


def test_risks_list_safeguards_in_place_and_those_that_would_help(record_for: MakeRecord) -> None:
    lines = (
        record_for("council-tax-fraud-risk-score.yaml").values["risks_and_mitigations"].splitlines()
    )
    assert lines[0] == (
        "Bias and discrimination: no safeguard yet. Other safeguards that would help: "
        "Equality impact assessment, Bias audit, Residents engaged, Monitoring plan, "
        "Accuracy tested."
    )
    assert lines[1].startswith(
        "Errors and unreliability: safeguards done or planned: Human review, Staff training."
    )


def test_a_red_line_is_stated_among_the_risks(record_for: MakeRecord) -> None:
    text = record_for("live-facial-recognition.yaml").values["risks_and_mitigations"]
    assert "Red line raised: A practice outside the framework." in text


def test_accepted_audit_findings_go_into_risks_and_model_performance(
    record_for: MakeRecord,
) -> None:
    findings = ("Selection rates were within the four-fifths rule for sex and age",)
    record = record_for(
        "council-tax-fraud-risk-score.yaml", context=RecordContext(audit_findings=findings)
    )
    expected = "Audit findings: Selection rates were within the four-fifths rule for sex and age."
    assert record.values["model_performance"] == expected
    assert record.values["risks_and_mitigations"].endswith(expected)
    assert record.sources["model_performance"] == "decision"
    assert "model_performance" not in record.missing


@pytest.mark.parametrize("stage", list(Stage))
def test_the_phase_follows_the_lifecycle_stage(record_for: MakeRecord, stage: Stage) -> None:
    record = record_for("resident-chatbot.yaml", context=RecordContext(stage=stage.value))
    assert record.values["phase"] == PHASE_BY_STAGE[stage]
    assert record.sources["phase"] == "decision"
    assert record.metadata.stage == stage.value


def test_the_owner_may_say_a_live_tool_is_in_public_beta(record_for: MakeRecord) -> None:
    record = record_for(
        "resident-chatbot.yaml",
        context=RecordContext(stage="live"),
        supplied={"phase": "public beta"},
    )
    assert record.values["phase"] == "Public beta"
    assert record.sources["phase"] == "owner"


def test_the_councils_settings_fill_the_summary_and_organisation(record_for: MakeRecord) -> None:
    context = RecordContext(
        organisation="Exampleshire County Council",
        region="south west",
        website="https://www.exampleshire.gov.uk/ai",
        contact_email="digital@exampleshire.gov.uk",
    )
    record = record_for("resident-chatbot.yaml", context=context)
    assert record.values["region"] == "South West"
    assert record.values["organisation_or_department"] == (
        "Exampleshire County Council, Customer services"
    )
    assert record.values["contact_email"] == "digital@exampleshire.gov.uk"
    assert {record.sources[key] for key in ("region", "website_url", "contact_email")} == {
        "council"
    }
    assert not {"region", "website_url", "contact_email"} & set(record.missing)


def test_owner_values_override_the_mapping(record_for: MakeRecord) -> None:
    record = record_for(
        "resident-chatbot.yaml",
        supplied={"name": "Ask Exampleshire", "team": "Digital Services", "previous_process": " "},
    )
    assert record.values["name"] == "Ask Exampleshire"
    assert record.sources["name"] == "owner"
    assert record.values["team"] == "Digital Services"
    assert "team" not in record.missing
    assert record.values["previous_process"] == ""  # blank means "not supplied"


def test_it_refuses_an_unknown_field_id_and_suggests_the_nearest(record_for: MakeRecord) -> None:
    message = refusal(record_for, supplied={"contact_emial": "a@b.org", "colour": "blue"})
    assert "'contact_emial' is not a field of ATRS 4.0. Did you mean 'contact_email'?" in message
    assert "'colour' is not a field of ATRS 4.0." in message


def test_it_refuses_an_over_long_value_naming_the_field(record_for: MakeRecord) -> None:
    message = refusal(record_for, supplied={"team": "x" * 501})
    assert message == (
        "Team (2.1.2): the value (supplied by the owner) is 501 characters long; "
        "the most allowed is 500. Shorten it."
    )


@pytest.mark.parametrize(
    ("supplied", "expected"),
    [
        ({"contact_email": "digital team"}, "Contact email (1.4): 'digital team'"),
        ({"website_url": "www.example.gov.uk"}, "Website URL (1.3): 'www.example.gov.uk'"),
        ({"phase": "Beta"}, "Phase (1.5): 'Beta' (supplied by the owner) is not one of its"),
    ],
)
def test_it_refuses_a_value_that_does_not_fit_its_field(
    record_for: MakeRecord, supplied: dict[str, str], expected: str
) -> None:
    assert expected in refusal(record_for, supplied=supplied)


def test_it_refuses_a_region_from_the_councils_settings_that_is_not_a_choice(
    record_for: MakeRecord,
) -> None:
    message = refusal(record_for, context=RecordContext(region="Mercia"))
    assert message.startswith("Region (1.6): 'Mercia' (from the council's settings) is not one")


def test_it_refuses_an_unknown_stage(record_for: MakeRecord) -> None:
    message = refusal(record_for, context=RecordContext(stage="launched"))
    assert "stage 'launched' is not a lifecycle stage. Allowed: draft, submitted" in message


def test_an_off_the_shelf_tool_need_not_describe_development_data(record_for: MakeRecord) -> None:
    bought = record_for("resident-chatbot.yaml", supplied={"off_the_shelf": "Yes"})
    assert not [key for key in bought.missing if key.startswith("development_data")]
    built = record_for("resident-chatbot.yaml", supplied={"off_the_shelf": "No"})
    assert "development_data_name" in built.missing
    assert "development_data_cleaning" not in built.missing  # not required


def test_missing_lists_the_empty_required_fields_in_order(
    record_for: MakeRecord, standard: Standard
) -> None:
    record = record_for("resident-chatbot.yaml")
    assert record.missing[:4] == ("website_url", "contact_email", "region", "team")
    order = [field.id for field in standard.fields]
    assert list(record.missing) == sorted(record.missing, key=order.index)
    assert all(standard.field_by_id[key].required for key in record.missing)
    assert all(record.values[key] == "" for key in record.missing)


def test_owner_fields_are_those_no_mapping_fills(
    record_for: MakeRecord, standard: Standard
) -> None:
    always = {field.id for field in owner_fields(standard)}
    assert {"team", "senior_responsible_owner", "model_name", "process_integration"} <= always
    assert not {"name", "phase", "organisation_type", "risks_and_mitigations"} & always
    with_context = record_for(
        "resident-chatbot.yaml", context=RecordContext(website="https://example.gov.uk/ai")
    )
    for_this_record = {field.id for field in owner_fields(standard, with_context)}
    assert "contact_email" in for_this_record and "website_url" not in for_this_record
    assert always <= for_this_record


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_no_value_shows_an_internal_id(record_for: MakeRecord, path: Any) -> None:
    context = RecordContext(stage="live", decision=DECISION, checklist=(accepted("dpia"),))
    record = record_for(path.name, context=context)
    for key, value in record.values.items():
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", value), f"{key}: {value}"
