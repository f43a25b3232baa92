"""What a person reads on a page or in a download, and the ids that must never be in it."""

from __future__ import annotations

import re

import html5lib

from coopai.framework import Framework
from coopai.framework.result import RECOMMENDATION_WORDS

# Raw values a person should never read: Python's booleans, and a number of people left
# without its thousands separator (resident-chatbot.yaml's people_per_year).
RAW_VALUES = ("True", "False", "60000")


def visible_text(page: str) -> str:
    """The text of a page's main content, without tags, attributes or links' addresses."""
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    main = tree.find(".//main")
    root = main if main is not None else tree
    return " ".join("".join(root.itertext()).split())


def internal_ids(framework: Framework) -> set[str]:
    """Every id in the framework's content a person could meet, that could not be taken for
    an English word: those with an underscore (`decision_role`, `proceed_with_conditions`)."""
    found = set(RECOMMENDATION_WORDS)
    for question in framework.questions:
        found.add(question.id)
        found.update(a.value for a in question.answers if isinstance(a.value, str))
    for question in framework.suitability.questions:
        found.add(question.id)
        found.update(a.value for a in question.answers)
    items = (
        *framework.mitigations,
        *framework.requirements,
        *framework.categories,
        *framework.techniques,
        *framework.enablers,
        *framework.principles,
        *framework.risks,
        *framework.red_lines,
        *framework.scoring.floors,
        *framework.benefits,
        *framework.contradictions,
    )
    found.update(item.id for item in items)
    return {key for key in found if "_" in key}


def ids_in(text: str, framework: Framework) -> list[str]:
    """The internal ids and raw values that appear in the text as words of their own."""
    wanted = sorted(internal_ids(framework)) + list(RAW_VALUES)
    return [key for key in wanted if re.search(rf"(?<![\w/-]){re.escape(key)}(?![\w-])", text)]


def table_rows(page: str) -> list[list[str]]:
    """The text of each cell of each row in the bodies of a page's tables."""
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    return [
        [" ".join(" ".join(cell.itertext()).split()) for cell in row if cell.tag in ("td", "th")]
        for body in tree.iter("tbody")
        for row in body.iter("tr")
    ]
