"""A browser page that checks every page it loads with axe-core and for sideways
scrolling, and keyboard helpers.

Tests drive `AuditedPage` rather than Playwright's page: its navigation helpers run
axe on each document loaded and measure the document's width at 1280 and 320 CSS
pixels wide (WCAG 1.4.10, reflow: nothing but a data table's own region may scroll
sideways). The fixture that hands it out fails the test at the end if axe found a
serious or critical problem, if a page scrolled sideways at either width, or if a page
was visited and never checked (say, a form submitted with the keyboard without
`navigating()` around it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from playwright.sync_api import Frame, Locator, Page

ROOT = Path(__file__).resolve().parents[2]
# The browser the tests (and docs/make_screenshots.py) drive: Debian's Chromium.
CHROMIUM = Path(os.environ.get("COOPAI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # The machine has no internet: keep Chromium from calling home at start.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STYLESHEET = ROOT / "var" / "assets" / "coopai.css"
# WCAG 2.2 level AA and everything below it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
LOGIN_PATH = "/accounts/login/"
# A desktop screen, and 1280px at 400% zoom (WCAG 1.4.10): no page may scroll sideways.
WIDTHS = (1280, 320)
# Null when the document fits the window; else its width and the elements that stick
# out past the window (the innermost ones, outside any scrolling region), to say what
# to fix.
OVERFLOW_SCRIPT = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const scrolls = element => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll("*")].filter(
    element => element.getBoundingClientRect().right > width + 1 && !scrolls(element));
  const innermost = wide.filter(element => !wide.some(o => o !== element && element.contains(o)));
  const name = element => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + [...element.classList].map(c => "." + c).join("");
  return {width: root.scrollWidth, culprits: innermost.slice(0, 5).map(name)};
}"""


@dataclass
class Visit:
    """One document the browser showed: where, and whether axe has checked it."""

    url: str
    audited: bool = False
    violations: list[dict[str, Any]] = field(default_factory=list)
    # "at 320px: ..." for each width at which the page scrolled sideways.
    overflows: list[str] = field(default_factory=list)


class AuditedPage:
    """Playwright's page, with navigation that runs axe on every page it reaches.

    Anything not wrapped here (locators, the keyboard, `expect`) is Playwright's own,
    reached through `.page` or by attribute on this object.
    """

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.visits: list[Visit] = []
        self._last_url: str | None = None
        # Sync Playwright cannot evaluate script from inside an event callback, so the
        # callback only notes the new document; the helpers audit it once it has loaded.
        page.on("framenavigated", self._note_navigation)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def _note_navigation(self, frame: Frame) -> None:
        if frame != self.page.main_frame or frame.url.startswith(("about:", "data:")):
            return
        previous, self._last_url = self._last_url, frame.url
        # Moving to an anchor on the same page is not a new document; a form posted
        # back to its own URL is.
        url = urldefrag(frame.url)[0]
        if frame.url != previous and previous is not None and urldefrag(previous)[0] == url:
            return
        self.visits.append(Visit(url))

    def url_for(self, path: str) -> str:
        return path if "://" in path else f"{self.base_url}{path}"

    def goto(self, path: str) -> None:
        """Open a path on the site (or a full URL) and audit the page."""
        self.page.goto(self.url_for(path))
        self.audit()

    def click(self, target: str | Locator) -> None:
        """Click something that loads a new page (a link, a submit button); audit it."""
        locator = self.page.locator(target) if isinstance(target, str) else target
        with self.navigating():
            locator.click()

    @contextmanager
    def navigating(self) -> Iterator[None]:
        """Wrap any action that loads a new page, to wait for it and audit it."""
        with self.page.expect_navigation():
            yield
        self.audit()

    def show(self, html: str) -> None:
        """Render markup with coopai's stylesheet, with no server, and audit it."""
        self.page.set_content(html)
        self.page.add_style_tag(path=STYLESHEET)
        self.visits.append(Visit("specimen"))
        self.audit()

    def audit(self) -> None:
        """Run axe on the page as it is now (after an htmx swap too) and keep its findings."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.add_script_tag(path=AXE_SCRIPT)
        results = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        url = urldefrag(self.page.url)[0]
        visit = self.visits[-1] if self.visits else None
        if visit is None or (visit.url != url and visit.url != "specimen"):
            visit = Visit(url)
            self.visits.append(visit)
        visit.audited = True
        visit.violations += [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
        visit.overflows += self._overflows()

    def _overflows(self) -> list[str]:
        """How the page scrolls sideways at each of `WIDTHS`, if it does; the window's
        size is put back afterwards."""
        original = self.page.viewport_size
        found = []
        for width in WIDTHS:
            height = original["height"] if original else 720
            self.page.set_viewport_size({"width": width, "height": height})
            wide = self.page.evaluate(OVERFLOW_SCRIPT)
            if wide is not None:
                found.append(
                    f"at {width}px the page is {wide['width']}px wide and scrolls sideways; "
                    f"sticking out: {', '.join(wide['culprits']) or 'nothing found'}"
                )
        if original is not None:
            self.page.set_viewport_size(original)
        return found

    def problems(self) -> list[str]:
        """Pages never audited, serious or critical axe violations, and pages that
        scroll sideways, per URL."""
        lines = [
            f"{visit.url}: loaded but never checked by axe (load it with goto, click or "
            "navigating(), or call audit() after)"
            for visit in self.visits
            if not visit.audited
        ]
        for visit in self.visits:
            for violation in visit.violations:
                targets = ", ".join(
                    " ".join(str(part) for part in node["target"]) for node in violation["nodes"]
                )
                lines.append(
                    f"{visit.url}: {violation['id']} ({violation['impact']}): "
                    f"{violation['help']} — {targets}"
                )
            lines += [f"{visit.url}: {overflow}" for overflow in dict.fromkeys(visit.overflows)]
        return lines


def login(page: AuditedPage, username: str, password: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(LOGIN_PATH)
    page.page.fill("#id_username", username)
    page.page.fill("#id_password", password)
    page.click(page.page.get_by_role("button", name="Sign in"))


def tab_to(page: AuditedPage | Page, selector: str, *, max_presses: int = 40) -> int:
    """Press Tab until `selector` has the focus; return how many presses it took.

    Fails if the element is not reached within `max_presses`, so a keyboard test
    proves the element can be reached without a mouse, and in reasonable order.
    """
    raw = page.page if isinstance(page, AuditedPage) else page
    for presses in range(1, max_presses + 1):
        raw.keyboard.press("Tab")
        if raw.evaluate("selector => !!document.activeElement?.matches(selector)", selector):
            return presses
    focused = raw.evaluate("() => document.activeElement?.outerHTML.slice(0, 120)")
    raise AssertionError(
        f"{selector} did not get the focus in {max_presses} presses of Tab; "
        f"the focus ended on {focused}"
    )
