"""The report document carries what the audit decided as typed marks on its cells."""

import re

from coopai.audit import BiasMapping, bias_audit, publishable_bias
from coopai.audit.render import to_html, to_markdown, to_text
from coopai.audit.report import Cell, bias_document

from .test_findings import selections


def headline_rows(table_file):
    # Women selected 15%, men 31%: men flagged on the selection rate, women fail four-fifths.
    result = bias_audit(
        table_file(selections([("F", 1000, 150), ("M", 1000, 310)])),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
    )
    document = bias_document(result)
    return document, {row[0].text: row for row in headline_table(document).rows}


def headline_table(document):
    return next(t for s in document.sections for t in s.tables if t.caption.startswith("Headline"))


def test_a_flagged_ratio_and_a_failed_four_fifths_rule_are_marked_not_written_in(table_file):
    _, rows = headline_rows(table_file)
    assert rows["sex: M"][-2:] == [Cell("2.07", "flagged"), Cell("passes")]
    assert rows["sex: F (reference)"][-2:] == [Cell("1.00"), Cell("", "fails")]
    assert all(cell.mark is None for row in rows.values() for cell in row[:-2])


def test_plain_formats_write_a_mark_as_a_word_after_its_figure(table_file):
    document, _ = headline_rows(table_file)
    assert Cell("2.07", "flagged").plain == "2.07 FLAGGED"
    assert Cell("", "fails").plain == "FAILS"
    assert Cell("passes").plain == "passes"
    assert "| 2.07 FLAGGED | passes |" in to_markdown(document)
    assert "<td>2.07 FLAGGED</td><td>passes</td>" in to_html(document)
    assert re.search(r"^sex: F \(reference\) .* 1\.00 +FAILS$", to_text(document), re.MULTILINE)


def test_publication_keeps_the_marks(table_file):
    result = bias_audit(
        table_file(selections([("F", 1000, 150), ("M", 1000, 310)])),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
    )
    table = headline_table(bias_document(publishable_bias(result)))
    assert [row[-2].mark for row in table.rows] == [None, "flagged"]
    assert [row[-1].mark for row in table.rows] == ["fails", None]


def test_a_flag_whose_ratio_is_withheld_is_still_marked(table_file):
    # Women: 6 of 200 selected, a count under 10, so their rate and men's ratio are withheld.
    result = bias_audit(
        table_file(selections([("F", 200, 6), ("M", 200, 60)])),
        mapping=BiasMapping(protected=["sex"], prediction="pred"),
    )
    table = headline_table(bias_document(publishable_bias(result)))
    assert table.rows[1][0].text == "sex: M"
    assert table.rows[1][-2] == Cell("not defined", "flagged")
