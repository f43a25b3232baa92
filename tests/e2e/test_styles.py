"""coopai's own classes, rendered with the built stylesheet, pass axe (contrast above all)."""

from __future__ import annotations

import pytest

from tests.e2e.browser import STYLESHEET, AuditedPage

pytestmark = pytest.mark.e2e

SPECIMEN = """<!DOCTYPE html>
<html lang="en-GB" class="govuk-template" style="--coopai-brand: {brand}">
<head><title>Specimen - coopai</title></head>
<body class="govuk-template__body">
<header class="govuk-generic-header">
  <div class="govuk-generic-header__container govuk-width-container">
    <div class="govuk-generic-header__logo">
      <a href="/" class="govuk-generic-header__homepage-link">Example Council</a>
    </div>
  </div>
</header>
<section class="govuk-service-navigation" aria-label="Service information">
  <div class="govuk-width-container"><div class="govuk-service-navigation__container">
    <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
      <ul class="govuk-service-navigation__list">
        <li class="govuk-service-navigation__item govuk-service-navigation__item--active">
          <a class="govuk-service-navigation__link" href="/" aria-current="page">
            <strong class="govuk-service-navigation__active-fallback">Proposals</strong></a>
        </li>
        <li class="govuk-service-navigation__item">
          <a class="govuk-service-navigation__link" href="/audits">Audits</a></li>
      </ul>
    </nav>
  </div></div>
</section>
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
  <h1 class="govuk-heading-l">Specimen</h1>
  <p class="govuk-body">
    <strong class="coopai-tier coopai-tier--1">Tier 1</strong>
    <strong class="coopai-tier coopai-tier--2">Tier 2</strong>
    <strong class="coopai-tier coopai-tier--3">Tier 3</strong>
    <strong class="coopai-tier coopai-tier--4">Tier 4</strong>
  </p>
  <aside class="coopai-running-tier" aria-labelledby="running-tier">
    <h2 class="coopai-running-tier__heading" id="running-tier">Impact so far</h2>
    <span class="coopai-running-tier__tier">Tier 3</span>
    <ul class="coopai-running-tier__reasons"><li>Decides about people</li></ul>
  </aside>
  <svg class="coopai-chart" viewBox="0 0 300 80" aria-labelledby="chart-title">
    <title id="chart-title">Selection rate by group</title>
    <a href="#group-a"><rect class="coopai-chart__bar" x="90" y="5" width="200" height="20"/>
      <text x="0" y="20">Group A</text></a>
    <rect class="coopai-chart__bar coopai-chart__bar--warning" x="90" y="30" width="120"
      height="20"/>
    <text x="0" y="45">Group B</text>
    <line class="coopai-chart__axis" x1="90" y1="0" x2="90" y2="55"/>
  </svg>
  <p class="govuk-body"><a class="govuk-link" href="#main-content">A link</a></p>
</main></div>
<footer class="govuk-footer coopai-footer">
  <div class="govuk-width-container"><div class="govuk-footer__meta coopai-footer__meta">
    <p class="govuk-footer__meta-item">coopai, free software under the AGPL</p>
    <a class="govuk-footer__link" href="/accessibility">Accessibility</a>
  </div></div>
</footer>
</body>
</html>"""


@pytest.mark.parametrize("brand", ["#1f5c4a", "#4c2c92", "#0b0c0c"])
def test_the_app_classes_pass_axe_in_a_brand_colour(specimen_page: AuditedPage, brand: str) -> None:
    specimen_page.show(SPECIMEN.format(brand=brand))

    header = specimen_page.locator(".govuk-generic-header")
    assert header.evaluate("e => getComputedStyle(e).fontFamily").startswith("system-ui")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(brand)


def test_a_focused_chart_bar_turns_yellow(specimen_page: AuditedPage) -> None:
    specimen_page.show(SPECIMEN.format(brand="#1f5c4a"))
    specimen_page.locator(".coopai-chart a").focus()

    bar = specimen_page.locator(".coopai-chart a .coopai-chart__bar")
    assert bar.evaluate("e => getComputedStyle(e).fill") == "rgb(255, 221, 0)"


def test_the_stylesheet_carries_no_gov_uk_branding() -> None:
    css = STYLESHEET.read_text()

    assert "GDS Transport" not in css
    assert "@font-face" not in css


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"
