"""`facilitator badges`: the PDF, the printed marks, the message, and refusals with exit 2."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator.cli import main

DAKAR = "migration-circulaire-dakar-2025"
THIES = "m4sd-cloture-thies-2023"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def participants(capsys: pytest.CaptureFixture[str], db: Path, workshop: str) -> list[dict]:
    code, out, err = run(capsys, "--db", str(db), "participants", workshop, "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert isinstance(rows, list)
    return rows


def printed_ids(db: Path) -> set[int]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT id FROM participants WHERE badge_printed_at IS NOT NULL"
        ).fetchall()
    return {row[0] for row in rows}


def one_line(text: str) -> str:
    """French typography puts no-break spaces where tests type plain ones."""
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.slow
def test_all_badges_of_a_workshop(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everyone = participants(capsys, demo_db_path, DAKAR)
    output = tmp_path / "badges.pdf"
    code, out, err = run(capsys, "--db", str(demo_db_path), "badges", DAKAR, "-o", str(output))
    assert code == 0, err
    assert out.strip() == f"{len(everyone)} badges écrits dans {output}"
    reader = PdfReader(output)
    assert len(reader.pages) == -(-len(everyone) // 8)
    text = one_line(" ".join(page.extract_text() for page in reader.pages))
    text = text.replace("- ", "-")  # a long name wraps after a hyphen (« TREMBLAY- / GAGNON »)
    for person in everyone:
        assert f"{person['first_name']} {person['last_name'].upper()}" in text
    assert printed_ids(demo_db_path) == {person["id"] for person in everyone}
    if shutil.which("pdftoppm") and shutil.which("zbarimg"):
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(output), str(tmp_path / "p")])
        pages = sorted(str(p) for p in tmp_path.glob("p-*.png"))
        decoded = subprocess.run(
            ["zbarimg", "--raw", "-q", *pages], capture_output=True, text=True, check=False
        ).stdout.split()
        assert sorted(decoded) == sorted(person["badge"] for person in everyone)


@pytest.mark.parametrize(("layout", "per_page"), [("a6-4", 4), ("cr80", 1)])
def test_only_some_participants_in_another_layout(
    demo_db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    layout: str,
    per_page: int,
) -> None:
    chosen = participants(capsys, demo_db_path, THIES)[2:7]
    ids = [str(person["id"]) for person in chosen]
    output = tmp_path / "some.pdf"
    code, out, err = run(
        capsys,
        "badges",
        THIES,
        "-o",
        str(output),
        "--layout",
        layout,
        "--only",
        *ids,
        "--db",
        str(demo_db_path),
    )
    assert code == 0, err
    assert out.strip() == f"{len(chosen)} badges écrits dans {output}"
    assert len(PdfReader(output).pages) == -(-len(chosen) // per_page)
    assert printed_ids(demo_db_path) == {person["id"] for person in chosen}


def test_one_badge_in_english(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = participants(capsys, demo_db_path, DAKAR)[0]
    output = tmp_path / "one.pdf"
    code, out, _err = run(
        capsys,
        "--lang",
        "en",
        "--db",
        str(demo_db_path),
        "badges",
        DAKAR,
        "-o",
        str(output),
        "--only",
        str(person["id"]),
    )
    assert code == 0
    assert out.strip() == f"1 badge written to {output}"


def test_unknown_or_other_workshops_ids_are_refused(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = participants(capsys, demo_db_path, DAKAR)[0]["id"]
    other = participants(capsys, demo_db_path, THIES)[0]["id"]
    output = tmp_path / "badges.pdf"
    args = ["--db", str(demo_db_path), "badges", DAKAR, "-o", str(output)]
    code, out, err = run(capsys, *args, "--only", str(own), str(other), "987654")
    assert code == 2 and out == ""
    assert str(other) in err and "987654" in err and "Aucun participant de cet atelier" in err
    assert not output.exists()
    assert printed_ids(demo_db_path) == set()


def test_output_folder_missing_or_a_folder_is_refused(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "badges.pdf"
    code, out, err = run(capsys, "--db", str(demo_db_path), "badges", DAKAR, "-o", str(missing))
    assert code == 2 and out == ""
    assert re.search(r"Le dossier .*nowhere n’existe pas", one_line(err))
    assert not missing.parent.exists()
    code, _out, err = run(capsys, "--db", str(demo_db_path), "badges", DAKAR, "-o", str(tmp_path))
    assert code == 2 and "est un dossier" in err
    assert printed_ids(demo_db_path) == set()


def test_a_workshop_without_participants_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "--db", str(db_path), "new", "Atelier vide", "--date", "2026-01-05", "--json"
    )
    assert code == 0, err
    slug = json.loads(out)["slug"]
    output = tmp_path / "badges.pdf"
    code, out, err = run(capsys, "--db", str(db_path), "badges", slug, "-o", str(output))
    assert code == 2 and out == ""
    assert "« Atelier vide » n’a aucun participant : aucun badge à imprimer." in one_line(err)
    assert not output.exists()


def test_unknown_workshop_and_bad_arguments(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "badges.pdf"
    code, _out, err = run(capsys, "--db", str(demo_db_path), "badges", "nope", "-o", str(output))
    assert code == 2 and "nope" in err
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(demo_db_path), "badges", DAKAR, "-o", str(output), "--layout", "a3"])
    assert exited.value.code == 2
    assert not output.exists()
