"""The report's participation chart: no stray « 0 » for a day nobody was checked in on (the
tester's 10 December, still to come), a note that says the day is left out, and each type's
bars in the legend's order."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Group, String, UserNode

from facilitator.exports.synthesis_chart import presence_bars, presence_chart
from facilitator.exports.synthesis_docx import write_synthesis_docx
from facilitator.exports.synthesis_pdf import write_synthesis_pdf
from facilitator.exports.synthesis_snapshot import (
    CountRow,
    Participation,
    SynthesisOptions,
    speaking,
)
from facilitator.store.checkin import check_in
from facilitator.store.database import Database
from facilitator.store.participants import ParticipantInput, add_participant
from facilitator.store.synthesis import synthesis_snapshot
from facilitator.store.timeutil import zone
from facilitator.store.workshops import WorkshopDetails, create_workshop, get_workshop
from tests.exports.test_synthesis_pdf import needs_pdftotext, pdf_pages

NBSP = "\u00a0"
DAYS = ("Mercredi 9 décembre 2026", "Jeudi 10 décembre 2026")
SHORT = ("9 décembre", "10 décembre")


def _participation(present: list[tuple[int, ...]], registered: list[int]) -> Participation:
    rows = tuple(
        CountRow(name, count, days, max(days))
        for name, count, days in zip(("Ministères", "Médias"), registered, present, strict=False)
    )
    total = CountRow("Total", sum(registered), tuple(map(sum, zip(*present, strict=True))), 0)
    return Participation(DAYS, SHORT, rows, (), total, "")


def _strings(drawing: Drawing) -> list[tuple[str, float, float]]:
    """(text, x, y) of every string the drawing draws, its charts and legends expanded."""
    found: list[tuple[str, float, float]] = []

    def walk(node: Any, dx: float = 0.0, dy: float = 0.0) -> None:
        if isinstance(node, UserNode):  # a chart, a legend, a label: what it draws
            walk(node.provideNode(), dx, dy)
        elif isinstance(node, String):
            found.append((node.text, node.x + dx, node.y + dy))
        elif isinstance(node, Group):
            transform = getattr(node, "transform", (1, 0, 0, 1, 0, 0))
            for child in node.contents:
                walk(child, dx + transform[4], dy + transform[5])

    walk(drawing)
    return found


def _bar_labels(drawing: Drawing) -> list[tuple[str, float, float]]:
    """The figures written at the end of the bars: inside the plot, right of the types' names
    and above the counts' axis."""
    chart = next(node for node in drawing.contents if isinstance(node, HorizontalBarChart))
    return [(t, x, y) for t, x, y in _strings(drawing) if x > chart.x and y > chart.y]


def _legend(drawing: Drawing) -> list[str]:
    legend = next(node for node in drawing.contents if isinstance(node, Legend))
    return [text for text, _x, _y in _strings(Drawing(0, 0, legend))]


def test_a_day_nobody_came_has_no_bars_and_is_said_under_the_chart() -> None:
    from facilitator.exports.synthesis_chart import empty_days_note

    participation = _participation([(7, 0), (3, 0)], [13, 11])
    with speaking("fr"):
        drawing = presence_chart(participation, 480)
        note = empty_days_note(participation)
        word = presence_bars(participation, "fr-FR")
    figures = [text for text, _x, _y in _bar_labels(drawing)]
    assert "0" not in figures, figures  # the tester's stray « 0 » beside every type
    assert sorted(figures) == sorted(["13", "7", "11", "3"])
    assert _legend(drawing) == ["Inscrits", "Présents 9 décembre"]
    assert (
        note
        == f"Aucune arrivée enregistrée le 10 décembre{NBSP}: ce jour n’est pas dans le graphique."
    )
    assert [s.name for s in word.series] == ["Inscrits", "Présents 9 décembre"]


def test_a_day_with_arrivals_keeps_its_bars_and_its_zeros() -> None:
    from facilitator.exports.synthesis_chart import empty_days_note

    participation = _participation([(7, 5), (0, 2)], [13, 11])
    with speaking("fr"):
        drawing = presence_chart(participation, 480)
        note = empty_days_note(participation)
    assert _legend(drawing) == ["Inscrits", "Présents 9 décembre", "Présents 10 décembre"]
    figures = [text for text, _x, _y in _bar_labels(drawing)]
    assert figures.count("0") == 1  # nobody from the media on the first day: a real figure
    assert note == ""


def test_each_type_s_bars_read_down_in_the_legend_s_order() -> None:
    participation = _participation([(7, 5)], [13])
    with speaking("fr"):
        drawing = presence_chart(participation, 480)
    height = {text: y for text, _x, y in _bar_labels(drawing)}
    assert height["13"] > height["7"] > height["5"]  # registered, then day 1, then day 2
    assert _legend(drawing) == ["Inscrits", "Présents 9 décembre", "Présents 10 décembre"]


def _two_day_workshop(db: Database) -> int:
    """Five people registered for 9–10 December, three checked in on the 9th, none since."""
    first = dt.date(2026, 12, 9)
    with db.write() as session:
        workshop = create_workshop(
            session, WorkshopDetails("Atelier SOP", first, first + dt.timedelta(days=1))
        )
        session.flush()
        types = {t.key: t.id for t in get_workshop(session, workshop.id).participant_types}
        ids = [
            add_participant(
                session,
                workshop.id,
                ParticipantInput(first_name, last, "OIM", type_id=types[key], gender="F"),
            ).id
            for first_name, last, key in [
                ("Awa", "Diop", "ministry"), ("Fatou", "Ndiaye", "media"),
                ("Khady", "Ba", "ministry"), ("Aïda", "Sow", "media"), ("Binta", "Fall", "media"),
            ]
        ]  # fmt: skip
        workshop_id, timezone = workshop.id, workshop.timezone
    morning = dt.datetime(2026, 12, 9, 9, 0, tzinfo=zone(timezone))
    for pid in ids[:3]:
        check_in(db, workshop_id, pid, "Accueil", now=morning)
    return workshop_id


def test_the_word_report_leaves_the_empty_day_out_and_says_so(db: Database, tmp_path: Path) -> None:
    workshop_id = _two_day_workshop(db)
    with speaking("fr"), db.read() as session:
        snapshot = synthesis_snapshot(session, workshop_id, SynthesisOptions())
    out = tmp_path / "synthese.docx"
    with speaking("fr"):
        write_synthesis_docx(snapshot, out)
    chart = zipfile.ZipFile(out).read("word/charts/chart1.xml").decode("utf-8")
    assert "Présents 9 décembre" in chart and "Présents 10 décembre" not in chart
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert (
        f"Aucune arrivée enregistrée le 10 décembre{NBSP}: ce jour n’est pas dans le graphique."
        in paragraphs
    )


@needs_pdftotext
def test_the_pdf_report_says_the_day_is_left_out(db: Database, tmp_path: Path) -> None:
    workshop_id = _two_day_workshop(db)
    with speaking("fr"), db.read() as session:
        snapshot = synthesis_snapshot(session, workshop_id, SynthesisOptions())
    out = tmp_path / "synthese.pdf"
    with speaking("fr"):
        write_synthesis_pdf(snapshot, out)
    text = "\n".join(pdf_pages(out)).replace(NBSP, " ")
    assert (
        "Aucune arrivée enregistrée le 10 décembre : ce jour n’est pas dans le graphique." in text
    )
