"""The proposal file (assessment-as-code): reading, checking against a framework, writing.

Allowed values come from the framework content, so a message can list them, and a
council's local additions (an extra mitigation, say) are accepted where they apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coopai.framework import conditions
from coopai.framework.errors import Problem, ProposalError
from coopai.framework.loaded import Framework
from coopai.framework.yamlio import line_of, parse_yaml, read_yaml, unreadable_yaml_raises

FactValue = conditions.FactValue

TOP_LEVEL = (
    "framework_version",
    "proposal",
    "facts",
    "not_known",
    "mitigations",
    "enablers",
    "principles",
    "suitability",
    "benefits",
)
DESCRIPTION_TEXT = ("title", "council", "service_area", "description")
DESCRIPTION_REQUIRED = ("title", "category", "technique", "description")
MAX_TEXT = 5000


@dataclass(frozen=True)
class PrincipleRating:
    rating: int
    evidence: str = ""


@dataclass(frozen=True)
class Proposal:
    """One proposal, checked against the framework it will be scored by."""

    title: str
    # Empty only in a provisional (allow_incomplete) proposal that has not said yet.
    category: str = ""
    technique: str = ""
    description: str = ""
    council: str | None = None
    service_area: str | None = None
    framework_version: str | None = None
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    # Questions answered "not known": `facts` holds the answer each is scored as (the
    # framework's `not_known.counts_as`), and the result names them.
    not_known: tuple[str, ...] = ()
    mitigations: tuple[str, ...] = ()
    # False only in a provisional proposal that has not said which mitigations are in
    # place; an empty tuple with this True means "none are".
    mitigations_stated: bool = True
    enablers: Mapping[str, int] = field(default_factory=dict)
    principles: Mapping[str, PrincipleRating] = field(default_factory=dict)
    suitability: Mapping[str, str] = field(default_factory=dict)
    benefits: Mapping[str, int | float | str] = field(default_factory=dict)

    def condition_facts(self) -> dict[str, FactValue]:
        """The facts conditions see: the answers, plus category and technique."""
        described = {"category": self.category, "technique": self.technique}
        return {**self.facts, **{key: value for key, value in described.items() if value}}

    def to_dict(self) -> dict[str, Any]:
        """The proposal file's shape, with empty optional parts left out."""
        description: dict[str, Any] = {"title": self.title}
        for key in ("council", "service_area", "category", "technique", "description"):
            if getattr(self, key):
                description[key] = getattr(self, key)
        data: dict[str, Any] = {}
        if self.framework_version:
            data["framework_version"] = self.framework_version
        data["proposal"] = description
        data["facts"] = {k: v for k, v in self.facts.items() if k not in self.not_known}
        if self.not_known:
            data["not_known"] = list(self.not_known)
        if self.mitigations_stated:
            data["mitigations"] = list(self.mitigations)
        if self.enablers:
            data["enablers"] = dict(self.enablers)
        if self.principles:
            data["principles"] = {
                key: {
                    "rating": value.rating,
                    **({"evidence": value.evidence} if value.evidence else {}),
                }
                for key, value in self.principles.items()
            }
        for key in ("suitability", "benefits"):
            if getattr(self, key):
                data[key] = dict(getattr(self, key))
        return data


def dump_proposal(proposal: Proposal) -> str:
    """The proposal as YAML, ready to keep in git or upload again."""
    return yaml.safe_dump(proposal.to_dict(), sort_keys=False, allow_unicode=True, width=88)


def read_proposal(path: Path, framework: Framework, *, allow_incomplete: bool = False) -> Proposal:
    with unreadable_yaml_raises(ProposalError):
        data, node = read_yaml(path)
    return check_proposal(
        data, framework, file=str(path), node=node, allow_incomplete=allow_incomplete
    )


def parse_proposal(
    text: str, framework: Framework, *, file: str = "<proposal>", allow_incomplete: bool = False
) -> Proposal:
    with unreadable_yaml_raises(ProposalError):
        data, node = parse_yaml(text, file)
    return check_proposal(data, framework, file=file, node=node, allow_incomplete=allow_incomplete)


def requested_version(data: Any) -> str | None:
    """The framework version a proposal asks for, if it names one (before full checks)."""
    if isinstance(data, dict) and isinstance(data.get("framework_version"), str | int | float):
        value = data["framework_version"]
        return value if isinstance(value, str) else str(value)
    return None


def check_proposal(
    data: Any,
    framework: Framework,
    *,
    file: str = "<proposal>",
    node: Any = None,
    allow_incomplete: bool = False,
) -> Proposal:
    """Check every part of a proposal, collecting every problem before refusing it."""
    checker = _Checker(framework, file, node, allow_incomplete)
    proposal = checker.check(data)
    if checker.problems or proposal is None:
        raise ProposalError(checker.problems)
    return proposal


class _Checker:
    def __init__(self, framework: Framework, file: str, node: Any, allow_incomplete: bool) -> None:
        self.framework = framework
        self.file = file
        self.node = node
        self.allow_incomplete = allow_incomplete
        self.problems: list[Problem] = []

    def fail(self, path: tuple[str | int, ...], message: str, allowed: Any = ()) -> None:
        shown = ".".join(str(part) for part in path)
        self.problems.append(
            Problem(
                self.file,
                shown,
                message,
                line_of(self.node, path),
                tuple(str(v).lower() if isinstance(v, bool) else str(v) for v in allowed),
            )
        )

    def check(self, data: Any) -> Proposal | None:
        if data is None:
            self.fail((), "the file is empty; a proposal needs at least proposal and facts.")
            return None
        if not isinstance(data, dict):
            self.fail((), f"a proposal file is a mapping of keys, not {_kind(data)}.", TOP_LEVEL)
            return None
        for key in data:
            if key not in TOP_LEVEL:
                self.fail((str(key),), f"{key!r} is not a key of a proposal file.", TOP_LEVEL)
        version = self._version(data.get("framework_version"))
        description = self._description(data.get("proposal"))
        assumed = self._not_known(data.get("not_known", []), data.get("facts"))
        facts = self._facts(data.get("facts"), description, assumed)
        mitigations = self._mitigations(data.get("mitigations", []))
        if "mitigations" not in data and not self.allow_incomplete:
            self.fail(
                ("mitigations",),
                "is required: list the mitigations already in place, or write "
                "mitigations: [] when none are.",
                list(self.framework.mitigation_by_id),
            )
        enablers = self._scale("enablers", data.get("enablers", {}), self.framework.enabler_by_id)
        principles = self._principles(data.get("principles", {}))
        suitability = self._suitability(data.get("suitability", {}))
        benefits = self._benefits(data.get("benefits", {}))
        if self.problems or description is None:
            return None
        return Proposal(
            framework_version=version,
            facts=facts,
            not_known=tuple(assumed),
            mitigations=mitigations,
            mitigations_stated="mitigations" in data,
            enablers=enablers,
            principles=principles,
            suitability=suitability,
            benefits=benefits,
            **description,
        )

    def _version(self, value: Any) -> str | None:
        if value is None:
            return None
        text = value if isinstance(value, str) else str(value)
        if (
            isinstance(value, bool)
            or not isinstance(value, str | int | float)
            or text != self.framework.version
        ):
            from coopai.framework.loader import available_versions

            self.fail(
                ("framework_version",),
                f"{text!r} is not the framework version being used ({self.framework.version}). "
                "Score it with that version, or change the file.",
                available_versions(),
            )
            return None
        return text

    def _description(self, value: Any) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(
                ("proposal",),
                "is missing or not a mapping; it needs " + ", ".join(DESCRIPTION_REQUIRED) + ".",
            )
            return None
        allowed = (*DESCRIPTION_TEXT, "category", "technique")
        result: dict[str, Any] = {}
        for key in value:
            if key not in allowed:
                self.fail(("proposal", str(key)), f"{key!r} is not a key of proposal.", allowed)
        # A provisional proposal needs only its title; the rest can come later.
        required = ("title",) if self.allow_incomplete else DESCRIPTION_REQUIRED
        for key in required:
            given = value.get(key)
            if given is None or (isinstance(given, str) and not given.strip()):
                self.fail(("proposal", key), "is required.")
        for key in DESCRIPTION_TEXT:
            item = value.get(key)
            if item is None:
                continue
            if not isinstance(item, str) or len(item) > MAX_TEXT:
                self.fail(("proposal", key), f"must be text of at most {MAX_TEXT:,} characters.")
            else:
                result[key] = item.strip()
        for key, choices in (
            ("category", self.framework.categories),
            ("technique", self.framework.techniques),
        ):
            item = value.get(key)
            ids = [choice.id for choice in choices]
            if item is not None and item not in ids:
                self.fail(("proposal", key), f"{_show(item)} is not a {key}.", ids)
            elif item is not None:
                result[key] = item
        return result

    def _not_known(self, value: Any, facts: Any) -> dict[str, FactValue]:
        """The questions answered "not known", each with the answer it is scored as."""
        allowed = [q.id for q in self.framework.questions if q.not_known is not None]
        if not isinstance(value, list):
            self.fail(("not_known",), "must be a list of fact questions.", allowed)
            return {}
        assumed: dict[str, FactValue] = {}
        for index, key in enumerate(value):
            question = self.framework.question_by_id.get(key) if isinstance(key, str) else None
            if question is None or question.not_known is None:
                message = f"{_show(key)} is not a question that can be answered not known."
                self.fail(("not_known", index), message, allowed)
            elif key in assumed:
                self.fail(("not_known", index), f"{key!r} is listed twice.")
            elif isinstance(facts, dict) and key in facts:
                message = f"{key!r} is answered under facts too; give the answer or not_known."
                self.fail(("not_known", index), message)
            else:
                assumed[key] = question.not_known.counts_as
        return assumed

    def _facts(
        self, value: Any, description: dict[str, Any] | None, assumed: Mapping[str, FactValue]
    ) -> dict[str, FactValue]:
        if value is None and self.allow_incomplete:
            value = {}
        if not isinstance(value, dict):
            self.fail(("facts",), "is missing or not a mapping of question ids to answers.")
            return {}
        value = {**value, **assumed}
        facts: dict[str, FactValue] = {}
        questions = self.framework.question_by_id
        for key, answer in value.items():
            question = questions.get(key)
            if question is None:
                self.fail(("facts", str(key)), f"{key!r} is not a fact question.", list(questions))
                continue
            where = ("facts", key)
            if question.type == "integer":
                if isinstance(answer, bool) or not isinstance(answer, int) or answer < 0:
                    self.fail(
                        where,
                        f"{_show(answer)} is not allowed; it must be a whole number, 0 or more.",
                    )
                    continue
            elif answer not in [a.value for a in question.answers] or isinstance(answer, bool) != (
                question.type == "boolean"
            ):
                self.fail(
                    where,
                    f"{_show(answer)} is not an answer to this question.",
                    [a.value for a in question.answers],
                )
                continue
            facts[key] = answer
        if not self.allow_incomplete and description is not None:
            applicable = self.framework.applicable_facts(
                {
                    **facts,
                    "category": description.get("category"),
                    "technique": description.get("technique"),
                }
            )
            for question in self.framework.questions:
                if self.framework.applies(question, applicable) and question.id not in value:
                    allowed = (
                        [a.value for a in question.answers]
                        if question.answers
                        else ["a whole number, 0 or more"]
                    )
                    self.fail(("facts", question.id), f"is required: {question.prompt}", allowed)
        return facts

    def _mitigations(self, value: Any) -> tuple[str, ...]:
        catalogue = list(self.framework.mitigation_by_id)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(("mitigations",), "must be a list of mitigation keys.", catalogue)
            return ()
        seen: list[str] = []
        for index, key in enumerate(value):
            if key not in catalogue:
                self.fail(("mitigations", index), f"{_show(key)} is not a mitigation.", catalogue)
            elif key in seen:
                self.fail(("mitigations", index), f"{key!r} is listed twice.")
            else:
                seen.append(key)
        return tuple(seen)

    def _scale(self, section: str, value: Any, known: Mapping[str, Any]) -> dict[str, int]:
        if not isinstance(value, dict):
            self.fail((section,), "must be a mapping of ids to ratings from 0 to 3.", list(known))
            return {}
        result = {}
        for key, rating in value.items():
            if key not in known:
                self.fail((section, str(key)), f"{key!r} is not one of the {section}.", list(known))
            elif isinstance(rating, bool) or rating not in (0, 1, 2, 3):
                self.fail((section, key), f"{_show(rating)} is not a rating.", ["0", "1", "2", "3"])
            else:
                result[key] = int(rating)
        return result

    def _principles(self, value: Any) -> dict[str, PrincipleRating]:
        known = self.framework.principle_by_id
        if not isinstance(value, dict):
            self.fail(
                ("principles",),
                "must be a mapping of principle ids to {rating, evidence}.",
                list(known),
            )
            return {}
        result = {}
        for key, item in value.items():
            where: tuple[str | int, ...] = ("principles", str(key))
            if key not in known:
                self.fail(where, f"{key!r} is not a principle.", list(known))
                continue
            if not isinstance(item, dict) or "rating" not in item:
                self.fail(where, "must be a mapping with a rating (0 to 3) and evidence.")
                continue
            extra = set(item) - {"rating", "evidence"}
            if extra:
                self.fail(
                    (*where, sorted(extra)[0]),
                    "is not a key of a principle rating.",
                    ["rating", "evidence"],
                )
            rating, evidence = item["rating"], item.get("evidence", "")
            if isinstance(rating, bool) or rating not in (0, 1, 2, 3):
                self.fail(
                    (*where, "rating"), f"{_show(rating)} is not a rating.", ["0", "1", "2", "3"]
                )
            elif not isinstance(evidence, str) or len(evidence) > MAX_TEXT:
                self.fail((*where, "evidence"), f"must be text of at most {MAX_TEXT:,} characters.")
            else:
                result[key] = PrincipleRating(int(rating), evidence.strip())
        return result

    def _suitability(self, value: Any) -> dict[str, str]:
        questions = {q.id: q for q in self.framework.suitability.questions}
        if not isinstance(value, dict):
            self.fail(
                ("suitability",),
                "must be a mapping of triage questions to answers.",
                list(questions),
            )
            return {}
        result = {}
        for key, answer in value.items():
            if key not in questions:
                self.fail(
                    ("suitability", str(key)), f"{key!r} is not a triage question.", list(questions)
                )
                continue
            answers = [a.value for a in questions[key].answers]
            if answer not in answers:
                self.fail(
                    ("suitability", key),
                    f"{_show(answer)} is not an answer to this question.",
                    answers,
                )
            else:
                result[key] = answer
        return result

    def _benefits(self, value: Any) -> dict[str, int | float | str]:
        fields = {f.id: f for f in self.framework.benefits}
        if not isinstance(value, dict):
            self.fail(("benefits",), "must be a mapping of benefit fields to values.", list(fields))
            return {}
        result: dict[str, int | float | str] = {}
        for key, item in value.items():
            spec = fields.get(key)
            if spec is None:
                self.fail(("benefits", str(key)), f"{key!r} is not a benefit field.", list(fields))
            elif spec.type == "text":
                if not isinstance(item, str) or len(item) > MAX_TEXT:
                    self.fail(
                        ("benefits", key), f"must be text of at most {MAX_TEXT:,} characters."
                    )
                else:
                    result[key] = item.strip()
            elif spec.type == "integer" and (
                isinstance(item, bool) or not isinstance(item, int) or item < 0
            ):
                self.fail(
                    ("benefits", key),
                    f"{_show(item)} is not allowed; it must be a whole number, 0 or more.",
                )
            elif spec.type == "money" and (
                isinstance(item, bool) or not isinstance(item, int | float) or item < 0
            ):
                self.fail(
                    ("benefits", key),
                    f"{_show(item)} is not allowed; it must be an amount in pounds, 0 or more.",
                )
            else:
                result[key] = item
        return result


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return repr(value) if value else "an empty value"
    if isinstance(value, int | float):
        return str(value)
    return f"a {_kind(value)}"


def _kind(value: Any) -> str:
    return {"list": "list", "dict": "mapping", "str": "text"}.get(
        type(value).__name__, type(value).__name__
    )
