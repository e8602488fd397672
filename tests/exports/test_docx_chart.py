"""The participation chart in the DOCX: a native Word chart, read back part by part."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm
from lxml import etree

from facilitator.exports.docx_chart import BarChart, Series, add_bar_chart
from facilitator.exports.synthesis_chart import presence_bars
from facilitator.exports.synthesis_docx import write_synthesis_docx
from facilitator.exports.synthesis_snapshot import (
    CountRow,
    Participation,
    SynthesisOptions,
    speaking,
)
from facilitator.store.database import Database
from facilitator.store.synthesis import synthesis_snapshot
from tests.exports.test_synthesis_snapshot import demo_snapshot, empty_workshop

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}


def _charts(path: Path) -> list[tuple[str, object]]:
    """(relationship id, chart part) for each chart the document body points at."""
    document = Document(str(path))
    return [
        (rid, rel.target_part) for rid, rel in document.part.rels.items() if rel.reltype == RT.CHART
    ]


def _series(chart_xml: bytes) -> list[tuple[str, list[str], list[int], str, str]]:
    """(name, categories, values, categories' formula, values' formula) per series."""
    root = etree.fromstring(chart_xml)
    found = []
    for ser in root.iterfind(".//c:ser", NS):
        name = ser.findtext("c:tx//c:v", namespaces=NS)
        categories = [v.text for v in ser.iterfind("c:cat//c:pt/c:v", NS)]
        values = [int(v.text) for v in ser.iterfind("c:val//c:pt/c:v", NS)]
        found.append((
            name,
            categories,
            values,
            ser.findtext("c:cat//c:f", namespaces=NS),
            ser.findtext("c:val//c:f", namespaces=NS),
        ))  # fmt: skip
    return found


def _column(sheet: openpyxl.worksheet.worksheet.Worksheet, formula: str) -> list[object]:
    """The cells a chart formula such as « 'Data'!$B$2:$B$8 » points at."""
    _sheet, _bang, cells = formula.rpartition("!")
    return [row[0].value for row in sheet[cells.replace("$", "")]]


def test_the_demo_report_draws_participation_as_a_word_chart(
    demo_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "synthese.docx"
    snapshot = demo_snapshot(demo_db)
    write_synthesis_docx(snapshot, out)
    charts = _charts(out)
    assert len(charts) == 1
    rid, part = charts[0]
    assert str(part.partname) == "/word/charts/chart1.xml"
    # The body places it, inline, under the participation tables, with the title as alt text.
    document = Document(str(out))
    inline = document.element.body.xpath(f'.//c:chart[@r:id="{rid}"]/ancestor::wp:inline')
    assert len(inline) == 1
    title = "Inscrits et présents par type de participant"
    assert inline[0].find("wp:docPr", NS).get("descr") == title
    assert int(inline[0].find("wp:extent", NS).get("cx")) == Cm(16)
    root = etree.fromstring(part.blob)
    assert "".join(root.find("c:chart/c:title", NS).itertext()) == title
    assert root.find(".//c:barDir", NS).get("val") == "bar"
    # Registered, then present, by type in the tables' order, with the tables' figures.
    participation = snapshot.participation
    assert participation is not None
    labels = [row.label for row in participation.by_type]
    series = _series(part.blob)
    assert [s[0] for s in series] == ["Inscrits", "Présents"]
    assert all(s[1] == labels for s in series)
    assert series[0][2] == [row.registered for row in participation.by_type]
    assert series[1][2] == [row.present[0] for row in participation.by_type]
    assert sum(series[1][2]) == 52
    # « Modifier les données » opens an embedded workbook holding the same figures where the
    # chart's formulas point.
    embedded = part.part_related_by(RT.PACKAGE)
    assert str(embedded.partname).endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(embedded.blob)).active
    for _name, categories, values, categories_at, values_at in series:
        assert _column(sheet, categories_at) == categories
        assert _column(sheet, values_at) == values
    assert [cell.value for cell in sheet[1]][1:] == ["Inscrits", "Présents"]


def test_the_chart_speaks_the_report_language(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    snapshot = demo_snapshot(demo_db, language="en")
    write_synthesis_docx(snapshot, out)
    ((_rid, part),) = _charts(out)
    root = etree.fromstring(part.blob)
    assert root.find("c:lang", NS).get("val") == "en-GB"
    assert [s[0] for s in _series(part.blob)] == ["Registered", "Number present"]


def test_awkward_text_and_two_charts_in_one_document(tmp_path: Path) -> None:
    document = Document()
    awkward = BarChart(
        title="R&D <pilotes> « test »",
        categories=("Société civile & diaspora", "Bell\x07 character", "عربي"),
        series=(Series("Inscrits", (3, 0, 12), "#BBBBBB"), Series("Présents", (2, 0, 9), "4477aa")),
    )
    add_bar_chart(document, awkward, width=Cm(12))
    add_bar_chart(document, BarChart("Second", ("A",), (Series("N", (1,), "#000000"),)), Cm(8))
    out = tmp_path / "two.docx"
    document.save(str(out))
    charts = _charts(out)
    assert sorted(str(part.partname) for _rid, part in charts) == [
        "/word/charts/chart1.xml",
        "/word/charts/chart2.xml",
    ]
    first = next(part for _rid, part in charts if part.partname.endswith("chart1.xml"))
    series = _series(first.blob)
    assert series[0][1] == ["Société civile & diaspora", "Bell\ufffd character", "عربي"]
    assert series[1][2] == [2, 0, 9]
    assert b'val="4477AA"' in first.blob
    ids = Document(str(out)).element.body.xpath(".//wp:docPr/@id")
    assert len(ids) == 2 and len(set(ids)) == 2
    embedded = {str(p.part_related_by(RT.PACKAGE).partname) for _rid, p in charts}
    assert len(embedded) == 2


def test_one_bar_of_present_per_day() -> None:
    row = CountRow("Médias", 4, (3, 2), 3)
    days = ("Mardi 25 mars 2025", "Mercredi 26 mars 2025")
    participation = Participation(days, ("25/03", "26/03"), (row,), (), row, "")
    with speaking("fr"):
        chart = presence_bars(participation, "fr-FR")
    assert [(s.name, s.values) for s in chart.series] == [
        ("Inscrits", (4,)),
        ("Présents 25/03", (3,)),
        ("Présents 26/03", (2,)),
    ]
    assert len({s.colour for s in chart.series}) == 3


def test_no_chart_without_participants(tmp_path: Path, db: Database) -> None:
    workshop = empty_workshop(db)
    with db.read() as session:
        snapshot = synthesis_snapshot(session, workshop, SynthesisOptions())
    out = tmp_path / "empty.docx"
    write_synthesis_docx(snapshot, out)
    assert _charts(out) == []
