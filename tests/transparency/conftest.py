from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from coopai.framework import Framework, check_proposal, load_framework
from coopai.framework.assessing import assess_path
from coopai.framework.scoring import assess
from coopai.transparency import AtrsRecord, RecordContext, Standard, build_record, load_standard

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

MakeRecord = Callable[..., AtrsRecord]


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework("1.1")


@pytest.fixture(scope="session")
def standard() -> Standard:
    return load_standard("4.0")


@pytest.fixture
def record_for(framework: Framework) -> MakeRecord:
    """The record for an example file, with any context and owner values given."""

    def make(
        name: str,
        *,
        context: RecordContext | None = None,
        supplied: Mapping[str, str] | None = None,
    ) -> AtrsRecord:
        proposal, result = assess_path(EXAMPLES / name, framework=framework)
        return build_record(
            proposal,
            result,
            framework,
            context=context or RecordContext(),
            supplied=supplied or {},
        )

    return make


@pytest.fixture
def record_from_data(framework: Framework) -> Callable[[dict[str, Any]], AtrsRecord]:
    """The record for a proposal given as data (an example file changed by a test)."""

    def make(data: dict[str, Any]) -> AtrsRecord:
        proposal = check_proposal(copy.deepcopy(data), framework)
        return build_record(proposal, assess(proposal, framework), framework)

    return make
