"""A council's local additions layer on the core without editing or loosening it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from coopai.framework import ContentError, load_framework
from coopai.framework.assessing import assess_path
from coopai.framework.describe import diff, diff_text

from .conftest import EXAMPLES

LOCAL = EXAMPLES / "local-framework"


@pytest.fixture
def local_copy(tmp_path: Path) -> Path:
    target = tmp_path / "local"
    shutil.copytree(LOCAL, target)
    return target


def test_local_additions_add_items_and_record_both_versions() -> None:
    framework = load_framework(LOCAL)
    assert framework.version == "1.1"
    assert framework.local_version == "exampleshire-2026.1"
    assert "digital_inclusion" in framework.principle_by_id
    assert framework.tier_by_number[3].from_points == 14
    _, result = assess_path(EXAMPLES / "larger-bin-eligibility.yaml", framework=framework)
    assert result.framework_version == "1.1"
    assert result.framework_local_version == "exampleshire-2026.1"
    assert result.tier == 3  # 14 points: moderate in the core, high locally


def test_the_core_is_unchanged_by_local_additions() -> None:
    load_framework(LOCAL)
    core = load_framework("1.1")
    assert "digital_inclusion" not in core.principle_by_id
    assert core.tier_by_number[3].from_points == 16


def test_a_local_threshold_may_not_be_looser(local_copy: Path) -> None:
    (local_copy / "scoring.yaml").write_text("tiers:\n  - tier: 3\n    from_points: 20\n")
    with pytest.raises(ContentError) as caught:
        load_framework(local_copy)
    message = str(caught.value)
    assert "scoring.yaml" in message and "tiers[0].from_points" in message
    assert "may only be stricter" in message


def test_a_local_item_may_not_redefine_a_core_one(local_copy: Path) -> None:
    text = (local_copy / "mitigations.yaml").read_text().replace("accessibility_tested", "dpia", 1)
    (local_copy / "mitigations.yaml").write_text(text)
    with pytest.raises(
        ContentError, match=re.escape("'dpia' is already in the core framework 1.1")
    ):
        load_framework(local_copy)


def test_a_local_folder_must_extend_a_known_version(local_copy: Path) -> None:
    manifest = local_copy / "framework.yaml"
    manifest.write_text(manifest.read_text().replace('extends: "1.1"', 'extends: "0.3"'))
    with pytest.raises(
        ContentError, match=re.escape("'0.3' is not a framework version this coopai knows")
    ):
        load_framework(local_copy)


def test_diff_lists_what_the_local_folder_adds_and_changes() -> None:
    changes = {
        change.section: change for change in diff(load_framework("1.1"), load_framework(LOCAL))
    }
    assert changes["principles"].added == ["digital_inclusion"]
    assert changes["mitigations"].added == ["accessibility_tested"]
    assert changes["tiers"].changed == {"tier 3": ["from_points 16 -> 14"]}
    assert "removed" not in diff_text(load_framework("1.1"), load_framework(LOCAL))


def test_diff_of_a_version_with_itself_is_empty(framework: Any) -> None:
    assert diff(framework, framework) == []
    assert "none: the two have the same content" in diff_text(framework, framework)


def test_diff_shows_removed_and_changed_items(content_copy: Path, framework: Any) -> None:
    text = (content_copy / "techniques.yaml").read_text()
    start = text.index("  - id: other")
    (content_copy / "techniques.yaml").write_text(text[:start])
    scoring = (content_copy / "scoring.yaml").read_text()
    (content_copy / "scoring.yaml").write_text(
        scoring.replace("from_points: 26", "from_points: 24")
    )
    report = diff_text(framework, load_framework(content_copy))
    assert "- other (removed)" in report
    assert "~ tier 4: from_points 26 -> 24" in report
