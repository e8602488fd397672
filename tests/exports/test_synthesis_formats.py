"""The synthesis as DOCX, XLSX and Markdown, read back with python-docx, openpyxl and text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.shared import Cm

from facilitator.exports.synthesis_docx import write_synthesis_docx
from facilitator.exports.synthesis_md import synthesis_markdown, write_synthesis_md
from facilitator.exports.synthesis_xlsx import write_synthesis_xlsx
from facilitator.store.database import Database
from facilitator.store.restitutions import groups_with_restitutions, save_restitution
from facilitator.store.synthesis import synthesis_snapshot
from facilitator.store.workshops import find_workshop
from tests.exports.test_synthesis_snapshot import M4SD, demo_snapshot, empty_workshop

TITLES = [
    "1. Contexte, objectifs et résultats attendus",
    "2. Participation",
    "3. Déroulement de l’atelier",
    "4. Groupes de travail",
    "5. Restitutions des groupes",
    "6. Recommandations consolidées",
    "7. Annexe\u00a0: liste des participants",
]


def test_docx_headings_tables_and_fields(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "synthese.docx"
    write_synthesis_docx(demo_snapshot(demo_db), out)
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == TITLES
    assert {p.text for p in document.paragraphs if p.style.name == "Heading 3"} >= {
        "Défis", "Opportunités", "Bonnes pratiques", "Recommandations"
    }  # fmt: skip
    body = document.element.body.xml
    assert "TOC \\o" in body  # a real table of contents field
    # Until Word computes its page numbers (it does on opening), the field lists the titles.
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Sommaire") + 1
    assert texts[start : start + len(TITLES)] == TITLES
    assert document.settings.element.xpath("w:updateFields/@w:val") == ["true"]
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "Atelier de clôture" in document.sections[0].header.paragraphs[0].text
    recommendations = next(
        t for t in document.tables if t.rows[0].cells[1].text == "Recommandation"
    )
    numbers = [row.cells[0].text for row in recommendations.rows[1:]]
    assert numbers == [str(n) for n in range(1, 11)]
    assert recommendations.rows[1].cells[-1].text == "Groupe 2, Groupe 4"
    # The type under the text: no narrow column cuts « Opérationnelle » in two.
    assert recommendations.rows[1].cells[1].text.endswith(".\nPolitique")
    assert "Type" not in [cell.text for cell in recommendations.rows[0].cells]
    assert recommendations.rows[1].cells[1].paragraphs[0].style.name == "Texte de tableau"
    rapporteurs = [p for p in document.paragraphs if p.text.startswith("Rapporteur")]
    assert rapporteurs and all(p.paragraph_format.keep_with_next for p in rapporteurs)
    agenda = next(t for t in document.tables if t.rows[0].cells[0].text == "Prévu")
    assert agenda.rows[2].cells[3].text.startswith("Discours introductifs\nouverture · ")
    assert agenda.rows[1].cells[2].text == "−25\u00a0min"
    assert recommendations.style.name == "Light Grid Accent 1"
    assert "w:tblHeader" in recommendations.rows[0]._tr.xml
    annex = document.tables[-1]
    assert len(annex.rows) == 61 and "@" not in annex._tbl.xml


def test_docx_with_contacts_in_english(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    write_synthesis_docx(demo_snapshot(demo_db, language="en", include_contacts=True), out)
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == ["6. Consolidated recommendations", "7. Annex: list of participants"]
    assert document.tables[-1]._tbl.xml.count("@") >= 40
    # Phone and e-mail share one column, on two lines; the table fits the page's text width,
    # the structure widest.
    annex = document.tables[-1]
    assert [cell.text for cell in annex.rows[0].cells][4] == "Contacts"
    assert annex.rows[1].cells[4].text == "70.357.61.26\nalassane.ba@gmail.example.com"
    widths = [cell.width for cell in annex.rows[1].cells]
    assert len(widths) == 6 and sum(widths) <= Cm(25.71)
    assert max(widths) == widths[2]
    # The annex with contacts is a landscape section; no row is cut at a page's foot.
    last = document.sections[-1]
    assert len(document.sections) == 2 and last.page_width > last.page_height
    assert sum(widths) > Cm(25.6) and document.sections[0].page_width < Cm(21.01)
    assert all("w:cantSplit" in row._tr.xml for row in annex.rows)
    # The file's properties are the report's, not python-docx's template's.
    properties = document.core_properties
    assert properties.created.year >= 2026 and properties.comments == ""
    assert properties.last_modified_by == "Facilitator" and properties.language == "en"
    app = next(p for p in document.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    assert b"<Application>Facilitator</Application>" in app.blob and b"Macintosh" not in app.blob


def test_xlsx_four_sheets(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "synthese.xlsx"
    snapshot = demo_snapshot(demo_db)
    write_synthesis_xlsx(snapshot, out)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == [
        "Participants", "Programme", "Groupes", "Restitutions", "Recommandations"
    ]  # fmt: skip
    people = workbook["Participants"]
    assert people.max_row == 61 and people.freeze_panes == "A2" and people.auto_filter.ref
    header = [c.value for c in people[1]]
    assert "Téléphone" not in header and header[-1] == "Vendredi 27 octobre 2023"
    assert people["A1"].font.bold
    arrivals = [row[-1] for row in people.iter_rows(min_row=2, values_only=True)]
    assert sum(isinstance(a, dt.time) for a in arrivals) == 52
    agenda = workbook["Programme"]
    assert agenda.max_row - 1 == sum(1 for _ in agenda.iter_rows(min_row=2)) >= 7
    assert isinstance(agenda["E2"].value, dt.datetime) and agenda["I2"].value == -25
    groups = workbook["Groupes"]
    assert groups.max_row - 1 == sum(len(g.members) for g in snapshot.groups) == 45
    assert [c.value for c in groups[1]][:2] == ["Groupe", "Thème"]  # one round: no « Tour »
    # With several rounds, each line says its round.
    several = dataclasses.replace(
        snapshot, groups=tuple(dataclasses.replace(g, round_name="Tour 1") for g in snapshot.groups)
    )
    write_synthesis_xlsx(several, out)
    groups = openpyxl.load_workbook(out)["Groupes"]
    assert groups["A1"].value == "Tour" and groups["A2"].value == "Tour 1"
    recommendations = workbook["Recommandations"]
    rows = list(recommendations.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(range(1, 13))
    assert rows[0][7] == "Groupe 2, Groupe 4" and rows[0][6] == 24 and rows[-1][-1] == "non"


def test_xlsx_group_reports(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "synthese.xlsx"
    snapshot = demo_snapshot(demo_db)
    write_synthesis_xlsx(snapshot, out)
    sheet = openpyxl.load_workbook(out)["Restitutions"]
    header = [c.value for c in sheet[1]]
    assert header == ["Groupe", "Thème", "Rapporteur", "Type", "N°", "Texte", "Détails"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = [
        (entry.group_name, block.heading, number, line.text, line.details or None)
        for entry in snapshot.restitutions
        for block in entry.blocks
        for number, line in enumerate(block.lines, start=1)
    ]
    items = [(r[0], r[3], r[4], r[5], r[6]) for r in rows if r[3] != "Notes prises"]
    assert items == expected and len(items) >= 20
    assert {r[3] for r in rows} >= {"Défis", "Opportunités", "Bonnes pratiques", "Recommandations"}
    noted = [entry for entry in snapshot.restitutions if entry.notes]
    assert [r[0] for r in rows if r[3] == "Notes prises"] == [e.group_name for e in noted]


def test_xlsx_holds_only_the_sections_chosen(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "recommandations.xlsx"
    snapshot = demo_snapshot(demo_db, sections=frozenset({"cover", "recommendations"}))
    write_synthesis_xlsx(snapshot, out)
    assert openpyxl.load_workbook(out).sheetnames == ["Recommandations"]  # no names of people


def test_xlsx_contacts_when_asked(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "synthese.xlsx"
    write_synthesis_xlsx(demo_snapshot(demo_db, include_contacts=True), out)
    header = [c.value for c in openpyxl.load_workbook(out)["Participants"][1]]
    assert "Téléphone" in header and "E-mail" in header


def test_markdown(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "synthese.md"
    write_synthesis_md(demo_snapshot(demo_db), out)
    text = out.read_text(encoding="utf-8")
    for title in TITLES:
        assert f"\n## {title}\n" in text
    assert "## Sommaire" in text and "#### Bonnes pratiques" in text
    assert "| 12 | " in text and "@" not in text
    # Table cells fold line breaks but keep the no-break spaces of French typography.
    row = next(line for line in text.splitlines() if line.startswith("| 1 | Inscrire"))
    assert "«\u00a0migration et développement\u00a0»" in row


def test_control_characters_pasted_in_notes_do_not_break_any_format(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.read() as session:
        rounds = groups_with_restitutions(session, find_workshop(session, M4SD).id)
    group_id = rounds[0].groups[0].group_id
    save_restitution(demo_db, group_id, notes="Page 1\x0cPage 2\x07 fin\x0bsuite")
    snapshot = demo_snapshot(demo_db)
    for writer, name in ((write_synthesis_docx, "s.docx"), (write_synthesis_xlsx, "s.xlsx"),
                         (write_synthesis_md, "s.md")):  # fmt: skip
        writer(snapshot, tmp_path / name)
    paragraphs = [p.text for p in Document(str(tmp_path / "s.docx")).paragraphs]
    start = paragraphs.index("Page 1")  # a page or line tabulation starts a paragraph
    assert paragraphs[start : start + 3] == ["Page 1", "Page 2 fin", "suite"]
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["Restitutions"]
    assert "Page 1\nPage 2 fin\nsuite" in [row[5] for row in sheet.iter_rows(values_only=True)]
    assert "Page 2 fin" in (tmp_path / "s.md").read_text(encoding="utf-8")


def test_markdown_of_an_empty_workshop(db: Database) -> None:
    workshop_id = empty_workshop(db)
    with db.read() as session:
        text = synthesis_markdown(synthesis_snapshot(session, workshop_id))
    assert "## " not in text and text.startswith("# Atelier à venir")


@pytest.mark.parametrize("writer", [write_synthesis_docx, write_synthesis_xlsx, write_synthesis_md])
def test_failure_midway_leaves_the_target_alone(
    writer: object, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import facilitator.exports.atomic as atomic

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "synthese.bin"
    out.write_bytes(b"previous")

    def failing_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError):
        writer(demo_snapshot(demo_db), out)  # type: ignore[operator]
    assert out.read_bytes() == b"previous"
    assert [p.name for p in folder.iterdir()] == ["synthese.bin"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Coût | délai *urgent* _x_", "Coût \\| délai \\*urgent\\* \\_x\\_"),
        (
            "<b>gras</b> [lien](http://exemple.sn)",
            "\\<b\\>gras\\</b\\> \\[lien\\](http://exemple.sn)",
        ),
        ("- une puce *ici*", "- une puce \\*ici\\*"),
        ("# pas un titre", "\\# pas un titre"),
        ("R&D &amp; co", "R&D \\&amp; co"),
        ("l’accès au crédit\u00a0: 3 ans", "l’accès au crédit\u00a0: 3 ans"),
    ],
)
def test_markdown_shows_typed_text_as_typed(typed: str, written: str) -> None:
    from facilitator.exports.synthesis_md import escaped

    assert escaped(typed) == written
