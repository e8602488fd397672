"""The attendance sheet files, read back with independent readers: PDF text, openpyxl, csv."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from facilitator.exports import attendance as attendance_module
from facilitator.exports.attendance import UnknownFormat, totals_text, write_attendance
from facilitator.exports.attendance_pdf import register_fonts, shaped
from facilitator.exports.snapshots import AttendanceRow, AttendanceSheet
from facilitator.i18n import set_language

DAKAR = dt.timezone(dt.timedelta(0))
DAY = dt.date(2025, 3, 25)
HEADERS_FR = [
    "N°",
    "Nom",
    "Prénom",
    "Structure",
    "Fonction",
    "Type",
    "Téléphone",
    "E-mail",
    "Heure d’arrivée",
    "Signature",
]


def person(
    number: int,
    last: str,
    first: str,
    gender: str = "F",
    at: str | None = None,
    *,
    organisation: str = "OIM Sénégal",
    phone: str = "77 123 45 67",
) -> AttendanceRow:
    checked_in = dt.datetime.combine(DAY, dt.time.fromisoformat(at), tzinfo=DAKAR) if at else None
    return AttendanceRow(
        number=number,
        last_name=last,
        first_name=first,
        organisation=organisation,
        function="Chargée de programme",
        category="Organisations internationales",
        gender=gender,
        phone=phone,
        email=f"{first.lower()}@example.sn",
        checked_in_at=checked_in,
        desk="Poste 1" if at else "",
    )


def make_sheet(rows: list[AttendanceRow], blank_rows: int = 0) -> AttendanceSheet:
    return AttendanceSheet(
        workshop_title="Atelier de validation de la stratégie migration",
        organisers="Ministère de l'Intérieur\nOIM Sénégal",
        venue="Hôtel Océan, Dakar",
        day=DAY,
        day_label="Mardi 25 mars 2025",
        rows=tuple(rows),
        blank_rows=blank_rows,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty output folder (tmp_path also holds the test's home folder)."""
    path = tmp_path / "out"
    path.mkdir()
    return path


FIVE = [
    person(1, "Ba", "Awa", "F", "08:05"),
    person(2, "Ciss", "Ousmane", "M"),
    person(3, "Cissé", "Fatou", "F", "08:42"),
    person(4, "Cissokho", "Mariama", "F"),
    person(5, "Diop", "Lamine", "M", "09:17", phone="+221 77 799 08 24"),
]


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, laid out as printed (pdftotext), else as pypdf extracts it."""
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
        return text.split("\f")[: len(PdfReader(path).pages)]
    return [page.extract_text(extraction_mode="layout") for page in PdfReader(path).pages]


def numbered_lines(text: str) -> dict[int, str]:
    """Table lines by their row number (the first thing on the line)."""
    return {number: line for number, (_index, line) in numbered_line_positions(text).items()}


def numbered_line_positions(text: str) -> dict[int, tuple[int, str]]:
    """Table lines, with their index among the page's lines, by their row number."""
    found: dict[int, tuple[int, str]] = {}
    for index, line in enumerate(text.splitlines()):
        match = re.match(r"\s*(\d{1,4})(\s{2,}.*)?$", line)
        if match:
            found.setdefault(int(match.group(1)), (index, line))
    return found


def test_pdf_lists_everyone_in_order_with_times_blank_rows_and_totals(tmp_path: Path) -> None:
    out = tmp_path / "emargement.pdf"
    write_attendance(out, make_sheet(FIVE, blank_rows=3))
    text = "\n".join(pdf_pages(out))
    assert "Atelier de validation de la stratégie migration" in text
    assert "Ministère de l'Intérieur" in text and "Hôtel Océan, Dakar" in text
    assert "Liste d’émargement — Mardi 25 mars 2025" in text
    found = numbered_line_positions(text)
    lines = {number: line for number, (_index, line) in found.items()}
    all_lines = text.splitlines()
    names = ["BA", "CISS", "CISSÉ", "CISSOKHO", "DIOP"]
    for number, name in enumerate(names, start=1):
        assert re.search(rf"\b{name}\b", lines[number]), lines[number]
    positions = [found[n][0] for n in range(1, 6)]
    assert positions == sorted(positions)
    assert "08:05" in lines[1] and "08:42" in lines[3] and "09:17" in lines[5]
    for absent in (2, 4):
        assert not re.search(r"\d\d:\d\d", lines[absent]), lines[absent]
    assert "+221 77 799 08 24" in lines[5]
    # Walk-in rows: numbered after the last person, and nothing else written in them.
    for number in (6, 7, 8):
        assert lines[number].strip() == str(number)
        assert found[number][0] > positions[-1]
    assert 9 not in lines
    totals = [i for i, line in enumerate(all_lines) if "5 inscrits" in line]
    assert totals and "5 inscrits · 3 présents · 2 femmes · 1 homme" in all_lines[totals[0]]
    assert totals[0] > found[8][0]
    for header in ("N°", "Nom", "Prénom", "Structure", "Fonction", "Téléphone", "Signature"):
        assert header in text
    assert "Page 1 / 1" in text


def test_pdf_is_landscape_a4_with_an_embedded_unicode_font(tmp_path: Path) -> None:
    out = tmp_path / "emargement.pdf"
    write_attendance(out, make_sheet(FIVE))
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    regular, _bold = register_fonts()
    if regular != "Helvetica":
        resources: Any = reader.pages[0]["/Resources"]
        fonts = resources["/Font"].get_object()
        assert any("DejaVu" in str(font.get_object()["/BaseFont"]) for font in fonts.values())


def test_long_list_runs_over_pages_with_the_header_and_page_numbers_on_each(
    tmp_path: Path,
) -> None:
    short, long = tmp_path / "short.pdf", tmp_path / "long.pdf"
    write_attendance(short, make_sheet(FIVE))
    people = [person(n, f"Nom{n:03d}", f"Prénom{n:03d}", "F", "08:30") for n in range(1, 201)]
    write_attendance(long, make_sheet(people, blank_rows=10))
    pages = pdf_pages(long)
    assert len(PdfReader(short).pages) == 1
    assert len(pages) >= 10  # 200 signable rows of 1 cm do not fit on a few pages
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} / {len(pages)}" in page
        assert "Prénom" in page and "Signature" in page and "Structure" in page
    # The workshop's header is on the first page only; page 2 starts with the table.
    assert "Hôtel Océan, Dakar" in pages[0] and "Hôtel Océan, Dakar" not in pages[1]
    numbers = sorted(n for page in pages for n in numbered_lines(page))
    assert numbers == list(range(1, 211))
    assert "200 inscrits · 200 présents · 200 femmes · 0 homme" in pages[-1]


def test_rows_are_at_least_one_centimetre_high(tmp_path: Path) -> None:
    out = tmp_path / "emargement.pdf"
    people = [person(n, f"Nom{n:03d}", "Awa") for n in range(1, 101)]
    write_attendance(out, make_sheet(people))
    pages = PdfReader(out).pages
    # A4 landscape is 21 cm high: with margins and a header row, at most 18 rows of 1 cm fit.
    rows_per_page = [len(numbered_lines(text)) for text in pdf_pages(out)]
    assert max(rows_per_page) <= 18
    assert len(pages) >= 6


def test_arabic_names_are_shaped_and_latin_left_alone(tmp_path: Path) -> None:
    assert shaped("Cissé") == "Cissé"
    arabic = shaped("محمد")
    assert arabic != "محمد" and all("\ufe70" <= char <= "\ufeff" for char in arabic)
    out = tmp_path / "emargement.pdf"
    write_attendance(out, make_sheet([*FIVE, person(6, "الفاسي", "محمد", "M", "10:01")]))
    assert "10:01" in "\n".join(pdf_pages(out))


def test_xlsx_has_title_rows_header_values_times_blank_rows_and_totals(tmp_path: Path) -> None:
    out = tmp_path / "emargement.xlsx"
    write_attendance(out, make_sheet(FIVE, blank_rows=2))
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    assert ws["A1"].value == "Atelier de validation de la stratégie migration"
    assert ws["A1"].font.bold
    assert ws["A2"].value == "Ministère de l'Intérieur · OIM Sénégal"
    assert ws["A3"].value == "Hôtel Océan, Dakar"
    assert ws["A4"].value == "Liste d’émargement — Mardi 25 mars 2025"
    header = [cell.value for cell in ws[6]]
    assert header == HEADERS_FR
    assert all(cell.font.bold for cell in ws[6])
    assert ws.freeze_panes == "A7"
    assert ws.print_title_rows == "$6:$6"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["D"].width > ws.column_dimensions["A"].width
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=7, max_row=13)]
    assert rows[0][:8] == [
        1,
        "Ba",
        "Awa",
        "OIM Sénégal",
        "Chargée de programme",
        "Organisations internationales",
        "77 123 45 67",
        "awa@example.sn",
    ]
    assert [row[1] for row in rows[:5]] == ["Ba", "Ciss", "Cissé", "Cissokho", "Diop"]
    assert rows[0][8] == dt.time(8, 5) and ws.cell(7, 9).number_format == "hh:mm"
    assert rows[1][8] is None
    assert rows[4][8] == dt.time(9, 17)
    assert rows[5][0] == 6 and rows[6][0] == 7 and not any(rows[5][1:]) and not any(rows[6][1:])
    totals = [[cell.value for cell in row][:2] for row in ws.iter_rows(min_row=14)]
    assert ["Total", "5 inscrits · 3 présents · 2 femmes · 1 homme"] in totals


def test_xlsx_keeps_formula_looking_text_as_text(tmp_path: Path) -> None:
    out = tmp_path / "emargement.xlsx"
    write_attendance(out, make_sheet([person(1, "=HYPERLINK(1)", "Awa")]))
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    assert ws["B7"].value == "=HYPERLINK(1)" and ws["B7"].data_type == "s"


def test_csv_is_utf8_with_bom_and_semicolons_for_french_excel(tmp_path: Path) -> None:
    out = tmp_path / "emargement.csv"
    write_attendance(out, make_sheet([*FIVE, person(6, "=cmd|' /C calc'!A0", "Awa")], 4))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[0] == HEADERS_FR
    assert len(rows) == 7  # data only: blank rows and totals belong to the printed formats
    assert rows[1] == [
        "1",
        "Ba",
        "Awa",
        "OIM Sénégal",
        "Chargée de programme",
        "Organisations internationales",
        "77 123 45 67",
        "awa@example.sn",
        "08:05",
        "",
    ]
    assert [row[1] for row in rows[1:6]] == ["Ba", "Ciss", "Cissé", "Cissokho", "Diop"]
    assert rows[2][8] == "" and rows[3][8] == "08:42"
    assert rows[5][6] == "+221 77 799 08 24"  # a phone number is not mangled
    assert rows[6][1] == "'=cmd|' /C calc'!A0"  # a formula is not run by the spreadsheet


def test_english_headers_and_totals(tmp_path: Path) -> None:
    set_language("en")
    out = tmp_path / "attendance.csv"
    write_attendance(out, make_sheet(FIVE))
    with out.open(encoding="utf-8-sig", newline="") as stream:
        header = next(csv.reader(stream, delimiter=";"))
    assert header[:3] == ["No.", "Last name", "First name"]
    assert header[-2:] == ["Arrival time", "Signature"]
    assert totals_text(make_sheet(FIVE)) == "5 registered · 3 present · 2 women · 1 man"


def test_totals_mention_people_whose_gender_is_not_stated() -> None:
    sheet = make_sheet([person(1, "Ba", "Awa", "", "08:00"), person(2, "Sy", "Ali", "M", "08:10")])
    assert totals_text(sheet) == "2 inscrits · 2 présents · 0 femme · 1 homme · 1 sans sexe indiqué"


def test_unknown_suffix_is_refused_and_nothing_is_written(folder: Path) -> None:
    with pytest.raises(UnknownFormat, match="pdf, .xlsx ou .csv"):
        write_attendance(folder / "emargement.docx", make_sheet(FIVE))
    assert list(folder.iterdir()) == []
    assert issubclass(UnknownFormat, ValueError)


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = folder / "emargement.csv"
    out.write_text("previous", encoding="utf-8")

    def broken(path: Path, sheet: AttendanceSheet, progress: object) -> None:
        path.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    from facilitator.exports import tables

    monkeypatch.setattr(tables, "write_attendance_csv", broken)
    with pytest.raises(RuntimeError):
        attendance_module.write_attendance(out, make_sheet(FIVE))
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in folder.iterdir()] == ["emargement.csv"]


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx", ".csv"])
def test_progress_reaches_the_end_and_the_file_replaces_an_old_one(
    folder: Path, suffix: str
) -> None:
    out = folder / f"emargement{suffix}"
    out.write_bytes(b"old")
    seen: list[tuple[int, int]] = []
    write_attendance(out, make_sheet(FIVE), progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (5, 5)
    assert out.read_bytes() != b"old"
    assert [p.name for p in folder.iterdir()] == [out.name]
