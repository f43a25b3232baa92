"""One entry per audit kind: every result class has one, and the faces go through it."""

from dataclasses import fields
from typing import get_args

import pytest

from coopai.audit import BiasMapping, bias_audit, error_audit, quality_profile
from coopai.audit.findings import findings
from coopai.audit.kinds import KINDS, document, kind_of, publishable
from coopai.audit.render import to_text
from coopai.audit.results import AuditResult

from .conftest import small_outputs


def kind_field(result_class: type) -> str:
    (kind,) = [field.default for field in fields(result_class) if field.name == "kind"]
    assert isinstance(kind, str)
    return kind


def test_every_kind_of_result_has_exactly_one_entry():
    result_classes = get_args(AuditResult)
    assert sorted(kind_field(c) for c in result_classes) == sorted(KINDS)
    for result_class in result_classes:
        assert KINDS[kind_field(result_class)].result_type is result_class


@pytest.fixture
def results(table_file):
    path = table_file(small_outputs())
    verdicts = table_file(
        {"verdict": ["correct"] * 25 + ["harmful"] * 5, "sex": ["F", "M"] * 15}, name="reviewed"
    )
    return [
        bias_audit(path, mapping=BiasMapping(protected=["sex"], prediction="pred")),
        error_audit(verdicts, verdict="verdict", groups=["sex"]),
        quality_profile(path),
    ]


def test_each_result_is_published_documented_and_found_by_its_own_kind(results):
    for result in results:
        kind = kind_of(result)
        assert isinstance(result, kind.result_type)
        published = publishable(result, 5)
        assert type(published) is type(result)
        assert (published.publication, published.suppression_limit) == (True, 5)
        assert document(result) == kind.document(result)
        assert findings(result) == kind.findings(result)
        assert to_text(document(result)).startswith(document(result).title)
