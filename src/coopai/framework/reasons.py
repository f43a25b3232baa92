"""Why a result is what it is, in words from the proposal's own answers.

The arithmetic (points.py) says how many points each answer adds; this module says which
answers matter most and why, names the answers given as "not known", points out answers
that cannot both be right, and explains mitigation credit that comes to nothing. Every
phrase comes from the framework content; when older content has no phrase for an answer,
the question and its answer are quoted instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from coopai.framework import conditions, content_schema
from coopai.framework import result as out
from coopai.framework.loaded import Framework
from coopai.framework.points import Standing
from coopai.framework.proposal import Proposal

MOST_DRIVERS = 5


def drivers(framework: Framework, at: Standing, not_known: Iterable[str]) -> list[out.Driver]:
    """The gates that hold the tier, then the answers that add most, largest first."""
    unknown = set(not_known)
    found = [
        out.Driver(
            source="gate",
            id=gate.id,
            text=gate.because or gate.name,
            points=0,
            not_known=False,
        )
        for gate in at.gates
    ]
    answered = [line for line in at.impact.lines if line.applies and line.points > 0]
    for line in sorted(answered, key=lambda line: -line.points):
        question = framework.question_by_id[line.question]
        found.append(
            out.Driver(
                source="answer",
                id=line.question,
                text=answer_reason(question, line.answer),
                points=line.points,
                not_known=line.question in unknown,
            )
        )
    return found[:MOST_DRIVERS]


def answer_reason(question: content_schema.Question, answer: conditions.FactValue | None) -> str:
    """Why this answer raises the impact, as a clause: "it affects about 8,000 people a year"."""
    if isinstance(answer, int) and not isinstance(answer, bool) and question.bands:
        band = [b for b in question.bands if answer >= b.from_][-1]
        if band.reason:
            return band.reason.replace("{value}", f"{answer:,}")
        return f"{question.prompt} {answer:,}"
    chosen = next(
        (a for a in question.answers if a.value == answer and type(a.value) is type(answer)),
        None,
    )
    if chosen is None:
        return question.prompt
    return chosen.reason or f"{question.prompt} {chosen.label}"


def not_known_answers(
    framework: Framework, proposal: Proposal, at: Standing
) -> list[out.NotKnownAnswer]:
    """Each answer given as "not known": what it was counted as and the points that adds."""
    lines = {line.question: line for line in at.impact.lines}
    answers = []
    for key in proposal.not_known:
        question = framework.question_by_id[key]
        line = lines[key]
        if question.not_known is None or not line.applies:
            continue
        least = min(a.points for a in question.answers)
        answers.append(
            out.NotKnownAnswer(
                question=key,
                prompt=question.prompt,
                counted_as=line.answer_label,
                adds=line.points - least,
                advice=question.not_known.advice,
            )
        )
    return answers


def contradictions(framework: Framework, at: Standing) -> list[out.ContradictionFound]:
    """The content's contradictions that hold for these answers and mitigations."""
    return [
        out.ContradictionFound(id=item.id, says=item.says, advice=item.advice)
        for item in framework.contradictions
        if (item.mitigation is None or item.mitigation in at.mitigations)
        and conditions.holds(item.when, at.facts, at.mitigations)
    ]


def mitigation_note(framework: Framework, at: Standing) -> str:
    """Why mitigations in place take nothing off the score; empty when they take something."""
    if at.credit.credit or not at.mitigations:
        return ""
    counted = [line for line in at.credit.lines if line.in_place]
    count = len(at.mitigations)
    these = "The mitigation in place" if count == 1 else f"The {count} mitigations in place"
    if not counted:
        verb = "does" if count == 1 else "do"
        return (
            f"{these} {verb} not address the risks these answers raise, so nothing comes off "
            "the score for them. They can still meet requirements."
        )
    total = sum(line.reduction for line in counted)
    share = round(100 * framework.scoring.max_reduction_share)
    verb = "takes" if count == 1 else "take"
    return (
        f"{these} {verb} {total:.1f} points off; credit counts whole points only, rounded down, "
        f"so it comes to nothing. Each question's points fall by at most {share}%, in "
        "proportion to how many of the mitigations for its risks are in place."
    )


def requirement_gaps(
    framework: Framework, needs: content_schema.MetBy, at: Standing, enablers: dict[str, int]
) -> tuple[list[str], list[str]]:
    """The ids and the names of what a requirement still lacks."""
    ids: list[str] = []
    names: list[str] = []
    for key in needs.mitigations:
        if key not in at.mitigations:
            ids.append(key)
            names.append(framework.mitigation_by_id[key].name)
    for key, level in needs.enablers.items():
        # A rating's id has spaces ("governance rated 2 or more"); a mitigation's never does.
        if enablers.get(key, 0) < level:
            enabler = framework.enabler_by_id[key]
            ids.append(f"{key} rated {level} or more")
            names.append(f"{enabler.name} rated {level} ({enabler.levels[level].label}) or more")
    return ids, names


def next_steps(red_lines: list[out.RedLineRaised], rows: list[out.RequirementStatus]) -> list[str]:
    """What must happen next, most pressing first, kept short: the full list is elsewhere."""
    steps = [f"Resolve the red line: {line.name}." for line in red_lines]
    outstanding = [row for row in rows if row.status == "outstanding"]
    steps += [_step(row) for row in outstanding]
    steps += [f"Get {row.needs[0]}." for row in rows if row.status == "at_decision"]
    if len(steps) <= MOST_DRIVERS:
        return steps
    rest = len(steps) - (MOST_DRIVERS - 1)
    return [*steps[: MOST_DRIVERS - 1], f"And {rest} more, listed under what must be done."]


def _step(row: out.RequirementStatus) -> str:
    ratings = ratings_missing(row)
    return f"{row.name}: needs {', '.join(ratings)}." if ratings else f"{row.name}."


def ratings_missing(row: out.RequirementStatus) -> list[str]:
    """The readiness ratings a requirement waits on, in words. Its name already says which
    mitigation it needs, so only the ratings need saying."""
    return [name for key, name in zip(row.missing, row.missing_names, strict=True) if " " in key]
