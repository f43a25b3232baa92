"""The framework engine: content as versioned YAML, the proposal format and the scoring.

Pure Python with no web framework, so the command line, the web app and any API give
the same result from the same code.
"""

from coopai.framework.errors import ContentError, CoopaiError, Problem, ProposalError
from coopai.framework.loaded import Framework
from coopai.framework.loader import available_versions, current_version, load_framework
from coopai.framework.proposal import (
    Proposal,
    check_proposal,
    dump_proposal,
    parse_proposal,
    read_proposal,
)
from coopai.framework.result import AssessmentResult
from coopai.framework.scoring import assess

__all__ = [
    "AssessmentResult",
    "ContentError",
    "CoopaiError",
    "Framework",
    "Problem",
    "Proposal",
    "ProposalError",
    "assess",
    "available_versions",
    "check_proposal",
    "current_version",
    "dump_proposal",
    "load_framework",
    "parse_proposal",
    "read_proposal",
]
