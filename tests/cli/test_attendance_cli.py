"""`facilitator attendance` end to end on the demo database: files, messages, exit codes."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pytest

from facilitator.cli import main
from facilitator.core.text import fold
from tests.exports.test_attendance import numbered_lines, pdf_pages

M4SD = "m4sd-cloture-thies-2023"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


def test_pdf_of_the_demo_day(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = out_dir / "emargement.pdf"
    code, stdout, err = run(
        capsys, "--db", str(demo_db_path), "attendance", M4SD, "-o", str(out), "--blank-rows", "6"
    )
    assert code == 0, err
    assert stdout.count("\n") == 1
    assert "Liste d’émargement écrite dans" in stdout and "Vendredi 27 octobre 2023" in stdout
    assert "60 inscrits · 52 présents · 25 femmes · 27 hommes" in stdout
    pages = pdf_pages(out)
    assert len(pages) > 1
    assert "Prénom" in pages[1] and "Signature" in pages[1]
    text = "\n".join(pages)
    lines = numbered_lines(text)
    assert sorted(lines) == list(range(1, 67))
    assert "60 inscrits · 52 présents · 25 femmes · 27 hommes" in pages[-1]
    last_names = [re.split(r"\s{2,}", lines[n].strip())[1] for n in range(1, 61)]
    assert [fold(name) for name in last_names] == sorted(fold(name) for name in last_names)
    with_time = [n for n in range(1, 61) if re.search(r"\b\d\d:\d\d\b", lines[n])]
    assert len(with_time) == 52
    assert all(lines[n].strip() == str(n) for n in range(61, 67))


def test_xlsx_and_csv_agree_with_each_other(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx, table = out_dir / "emargement.xlsx", out_dir / "emargement.csv"
    for out in (xlsx, table):
        code, _out, err = run(
            capsys,
            "attendance",
            M4SD,
            "-o",
            str(out),
            "--day",
            "2023-10-27",
            "--db",
            str(demo_db_path),
        )
        assert code == 0, err
    rows = _csv_rows(table)
    assert rows[0][:3] == ["N°", "Nom", "Prénom"] and len(rows) == 61
    assert sum(1 for row in rows[1:] if re.fullmatch(r"\d\d:\d\d", row[8])) == 52
    keys = [(fold(row[1]), fold(row[2])) for row in rows[1:]]
    assert keys == sorted(keys)
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None
    sheet_rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=7, max_row=66)]
    assert [row[1] for row in sheet_rows] == [row[1] for row in rows[1:]]
    times = [row[8].strftime("%H:%M") if row[8] else "" for row in sheet_rows]
    assert times == [row[8] for row in rows[1:]]


def test_english_message(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = out_dir / "attendance.csv"
    code, stdout, _err = run(
        capsys, "--lang", "en", "--db", str(demo_db_path), "attendance", M4SD, "-o", str(out)
    )
    assert code == 0
    assert stdout.startswith("Attendance sheet written to") and "Friday 27 October 2023" in stdout
    assert _csv_rows(out)[0][:3] == ["No.", "Last name", "First name"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{out}/emargement.docx"], "s’écrit en .pdf, .xlsx ou .csv"),
        (["-o", "{out}/emargement"], "s’écrit en .pdf, .xlsx ou .csv"),
        (["-o", "{out}/emargement.pdf", "--day", "2023-10-28"], "ses jours\u00a0: 2023-10-27"),
        (["-o", "{out}/absent/emargement.pdf"], "n’existe pas"),
        (["-o", "{out}/emargement.pdf", "--blank-rows", "100000"], "lignes vierges"),
    ],
)
def test_bad_usage_exits_2_with_a_french_message_and_writes_nothing(
    demo_db_path: Path,
    out_dir: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    argv = ["--db", str(demo_db_path), "attendance", M4SD] + [
        arg.format(out=out_dir) for arg in args
    ]
    code, stdout, err = run(capsys, *argv)
    assert code == 2
    assert stdout == ""
    assert err.startswith("facilitator\u00a0: ")
    assert message in err
    assert list(out_dir.iterdir()) == []


def test_a_folder_as_output_and_an_unknown_workshop_exit_2(
    demo_db_path: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = out_dir / "sheet.pdf"
    folder.mkdir()
    code, _out, err = run(capsys, "--db", str(demo_db_path), "attendance", M4SD, "-o", str(folder))
    assert code == 2 and "est un dossier" in err
    code, _out, err = run(
        capsys, "--db", str(demo_db_path), "attendance", "nope", "-o", str(out_dir / "a.pdf")
    )
    assert code == 2 and "nope" in err
    assert [p.name for p in out_dir.iterdir()] == ["sheet.pdf"]
