"""The attendance sheet PDF with absurdly long cells: it splits the row across pages and keeps
every word (reportlab used to fail with « Flowable <Table…> too large on page »)."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from facilitator.exports.attendance import write_attendance
from tests.exports.test_attendance import make_sheet, pdf_pages, person


def numbered_words(tag: str, characters: int) -> str:
    return " ".join(f"{tag}{n:04d}" for n in range(1, characters // 6 + 1))


def test_a_5000_character_organisation_and_function_split_across_pages(tmp_path: Path) -> None:
    organisation, function = numbered_words("o", 6_000), numbered_words("f", 5_000)
    people = [person(n, f"Nom{n}", "Awa", at="08:30") for n in range(1, 6)]
    people[2] = dataclasses.replace(people[2], organisation=organisation, function=function)
    out = tmp_path / "emargement.pdf"
    write_attendance(out, make_sheet(people, blank_rows=2))

    raw = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    for tag, value in (("o", organisation), ("f", function)):
        assert set(re.findall(rf"\b{tag}\d{{4}}\b", raw)) == set(value.split())
    pages = pdf_pages(out)
    assert 3 <= len(PdfReader(out).pages) <= 10
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} / {len(pages)}" in page and "Signature" in page
    text = "\n".join(pages)
    assert all(f"NOM{n}" in text for n in range(1, 6))
    assert "5 inscrits · 5 présents · 5 femmes · 0 homme" in pages[-1]
