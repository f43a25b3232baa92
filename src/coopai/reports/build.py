"""From an assessment (and, once there is one, its decision) to the committee report's
structure: page one for councillors, then the detail behind it.

Nothing here scores: every figure is the result's, and every name and answer is the
framework's own words, never an id.
"""

from __future__ import annotations

from coopai.framework.result import RECOMMENDATION_WORDS
from coopai.reports.detail import detail
from coopai.reports.document import Report, ReportInput
from coopai.reports.page_one import facts, page_one


def build_report(report: ReportInput) -> Report:
    result = report.result
    recommendation = RECOMMENDATION_WORDS[result.recommendation].lower()
    return Report(
        title=result.proposal.title,
        facts=facts(report),
        summary=page_one(report),
        detail=detail(report),
        subject=(
            f"Committee report on a proposal to use AI: impact tier {result.tier} "
            f"({result.tier_label}), {recommendation}."
        ),
    )
