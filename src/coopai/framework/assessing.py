"""Scoring a proposal file end to end, with the framework version the file asks for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coopai.framework.errors import Problem, ProposalError
from coopai.framework.loaded import Framework
from coopai.framework.loader import available_versions, load_framework
from coopai.framework.proposal import Proposal, check_proposal, requested_version
from coopai.framework.result import AssessmentResult
from coopai.framework.scoring import assess
from coopai.framework.yamlio import line_of, parse_yaml, read_yaml, unreadable_yaml_raises


def framework_for(data: Any, file: str, node: Any, chosen: Framework | None) -> Framework:
    """The framework given, or else the built-in version the proposal names, or the current one."""
    if chosen is not None:
        return chosen
    version = requested_version(data)
    if version is None:
        return load_framework()
    if version not in available_versions():
        raise ProposalError(
            [
                Problem(
                    file,
                    "framework_version",
                    f"{version!r} is not a framework version this coopai knows.",
                    line_of(node, ("framework_version",)),
                    tuple(available_versions()),
                )
            ]
        )
    return load_framework(version)


def assess_data(
    data: Any,
    *,
    file: str,
    node: Any = None,
    framework: Framework | None = None,
    allow_incomplete: bool = False,
) -> tuple[Proposal, AssessmentResult]:
    used = framework_for(data, file, node, framework)
    proposal = check_proposal(data, used, file=file, node=node, allow_incomplete=allow_incomplete)
    return proposal, assess(proposal, used)


def assess_text(
    text: str,
    *,
    file: str = "<proposal>",
    framework: Framework | None = None,
    allow_incomplete: bool = False,
) -> tuple[Proposal, AssessmentResult]:
    with unreadable_yaml_raises(ProposalError):
        data, node = parse_yaml(text, file)
    return assess_data(
        data, file=file, node=node, framework=framework, allow_incomplete=allow_incomplete
    )


def assess_path(
    path: Path, *, framework: Framework | None = None
) -> tuple[Proposal, AssessmentResult]:
    with unreadable_yaml_raises(ProposalError):
        data, node = read_yaml(path)
    return assess_data(data, file=str(path), node=node, framework=framework)
