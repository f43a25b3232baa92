from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopai.framework import Framework, load_framework
from coopai.framework.loader import CONTENT_ROOT

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

BASE_PROPOSAL: dict[str, Any] = {
    "framework_version": "1.1",
    "proposal": {
        "title": "Test proposal",
        "category": "productivity_support",
        "technique": "generative_text",
        "description": "A proposal used by the tests.",
    },
    "facts": {
        "decision_role": "none",
        "affected_people": "staff",
        "people_per_year": 50,
        "public_facing": False,
        "reversibility": "easy",
        "prohibited_practice": "none",
        "personal_data": "none",
        "supplier_trains_on_data": False,
        "human_oversight": "every_output",
        "explainability": "full",
        "workforce_effect": "none",
    },
    "mitigations": [],
}


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework("1.1")


@pytest.fixture
def base_proposal() -> dict[str, Any]:
    """A valid low-impact proposal, fresh for each test to change."""
    return copy.deepcopy(BASE_PROPOSAL)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of framework 1.1, for tests that break it on purpose."""
    target = tmp_path / "framework"
    shutil.copytree(CONTENT_ROOT / "1.1", target)
    return target


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
