"""Choosing and naming groups on the mapping form, and a result that leads with plain
sentences about them, its terms explained where they first appear."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from coopai.web.evidence import tasks
from coopai.web.evidence.models import AuditRun, RunStatus

from .conftest import CheckedClient, Personas, error_summary
from .test_evidence import bias_rows, map_columns, run_page, uploaded_run

# bias_rows() has the columns id, pred, outcome, sex, age_band: sex is column 3, and its
# values, the most common first, are F (200 rows), M (180) and X (8).
SEX = 3
WOMEN, MEN, OTHER = (f"name_{SEX}_{position}" for position in range(3))
REFERENCE = f"reference_{SEX}"


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return Path(settings.MEDIA_ROOT)


def mapping_page(client: CheckedClient, run: AuditRun) -> str:
    url = reverse("evidence_mapping", kwargs={"pk": run.proposal_id, "run": run.pk})
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_upload_keeps_each_columns_values_for_the_form(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = uploaded_run(proposer, personas.proposal_a.pk, bias_rows())
    assert run.values == {
        "id": None,
        "pred": ["0", "1"],
        "outcome": ["0", "1"],
        "sex": ["F", "M", "X"],
        "age_band": ["16-34", "35-64", "65+"],
    }


def test_the_reference_group_is_offered_from_the_columns_values_none_chosen(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = uploaded_run(proposer, personas.proposal_a.pk, bias_rows())
    page = mapping_page(proposer, run)
    assert "Which sex group should the others be compared with?" in page
    offered = re.findall(rf'name="{REFERENCE}" type="radio" value="([^"]*)"', page)
    assert offered == ["F", "M", "X", "largest"]
    assert f'id="id_{MEN}" name="{MEN}"' in page and "Name for M" in page
    assert "id has too many different values to list here" in page
    # No question the person has not answered has an answer chosen for them.
    radios = re.findall(r"<input[^>]*type=\"radio\"[^>]*>", page)
    assert radios and not [radio for radio in radios if "checked" in radio]


def test_a_reference_group_chosen_from_the_list_is_the_audits(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = uploaded_run(proposer, personas.proposal_a.pk, bias_rows())
    response = map_columns(
        proposer,
        run,
        prediction="pred",
        protected=["sex"],
        **{REFERENCE: "M", "reference_4": "65+"},
    )
    assert response.status_code == 302
    run.refresh_from_db()
    # age_band is not compared, so its reference is not kept.
    assert run.mapping["reference"] == {"sex": "M"}
    assert tasks.run_audit.call(run.pk) == RunStatus.DONE
    run.refresh_from_db()
    (dimension,) = run.result["dimensions"]
    assert (dimension["reference"], dimension["reference_chosen_by"]) == ("sex=M", "user")
    assert 'value="M" checked' in mapping_page_after_failure(proposer, run)


def mapping_page_after_failure(client: CheckedClient, run: AuditRun) -> str:
    """The form again with the stored mapping, as after a failed run."""
    AuditRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED)
    return mapping_page(client, run)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({REFERENCE: "Q"}, "Select one of the values of sex shown"),
        (
            {WOMEN: "Women", MEN: " women "},
            "Give each group of sex its own name: women is the name",
        ),
        ({WOMEN: "W" * 61}, "A name must be 60 characters or fewer"),
    ],
)
def test_a_bad_choice_or_name_is_refused_by_the_field(
    proposer: CheckedClient, personas: Personas, fields: dict[str, str], message: str
) -> None:
    run = uploaded_run(proposer, personas.proposal_a.pk, bias_rows())
    response = map_columns(proposer, run, prediction="pred", protected=["sex"], **fields)
    assert response.status_code == 400
    assert message in error_summary(response.content)
    run.refresh_from_db()
    assert run.status == RunStatus.MAPPING


def named_run(client: CheckedClient, pk: int) -> AuditRun:
    run = uploaded_run(client, pk, bias_rows())
    names = {WOMEN: "Women", MEN: "Men", OTHER: ""}
    map_columns(client, run, prediction="pred", label="outcome", protected=["sex"], **names)
    assert tasks.run_audit.call(run.pk) == RunStatus.DONE
    run.refresh_from_db()
    return run


def test_the_result_leads_with_plain_sentences_naming_groups_as_given(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = named_run(proposer, personas.proposal_a.pk)
    assert run.mapping["value_names"] == {"sex": {"F": "Women", "M": "Men"}}
    page = run_page(proposer, run)
    lead = (
        "Men were selected about two fifths as often as Women (20% against 50%); the "
        "difference is larger than chance would explain."
    )
    assert lead in page
    assert page.index(lead) < page.index("<table")
    assert "Men (selection rate lower, " in page  # the table of differences
    assert "sex=" not in page
    assert "people with sex X" in page  # named by column and value: no name was given
    assert "Names for groups" in page and "sex M: Men" in page


def test_terms_are_explained_right_after_the_sentences_that_use_them(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = named_run(proposer, personas.proposal_a.pk)
    page = run_page(proposer, run)
    terms = page.index("What these terms mean")
    assert page.index("were selected about two fifths as often") < terms
    assert terms < page.index("Differences between groups") < page.index("How to read this")
    explained = page[terms : page.index("Differences between groups")]
    for term in ("False positive rate", "The four-fifths rule", "Larger than chance would explain"):
        assert term in explained
    assert "false positives, people selected who should not have been" in explained
    assert "Figures in brackets are 95% intervals" in page


def test_the_mapping_page_explains_false_positives_before_asking_about_them(
    proposer: CheckedClient, personas: Personas
) -> None:
    page = mapping_page(proposer, uploaded_run(proposer, personas.proposal_a.pk, bias_rows()))
    explained = page.index("What false positives and false negatives are")
    assert explained < page.index("Which mistake harms people more")


def test_a_run_uploaded_before_values_were_kept_reads_them_for_the_form(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = uploaded_run(proposer, personas.proposal_a.pk, bias_rows())
    AuditRun.objects.filter(pk=run.pk).update(values={})
    run.refresh_from_db()
    assert "Which sex group should the others be compared with?" in mapping_page(proposer, run)
    run.refresh_from_db()
    assert run.values["sex"] == ["F", "M", "X"]
