"""The synthesis PDF read back with pdftotext and pypdf: cover, contents, sections, page numbers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator.exports import synthesis_pdf_parts
from facilitator.exports.synthesis_pdf import write_synthesis_pdf
from facilitator.store.database import Database
from facilitator.store.synthesis import synthesis_snapshot
from tests.exports.test_synthesis_snapshot import NBSP, demo_snapshot, empty_workshop

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@needs_pdftotext
def test_demo_report(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "synthese.pdf"
    seen: list[tuple[int, int]] = []
    write_synthesis_pdf(demo_snapshot(demo_db), out, progress=lambda d, t: seen.append((d, t)))
    pages = pdf_pages(out)
    assert len(pages) == len(PdfReader(out).pages) > 5
    assert seen and seen[-1] == (7, 7)
    cover, contents = pages[0], pages[1]
    assert "RAPPORT DE SYNTHÈSE" in cover and "Thiès" in cover and "27 octobre 2023" in cover
    assert "Organisation internationale pour les migrations" in cover
    assert "Page " not in cover  # the cover stands alone
    assert "Sommaire" in contents
    titles = [
        "1. Contexte, objectifs et résultats attendus",
        "2. Participation",
        "3. Déroulement de l’atelier",
        "4. Groupes de travail",
        "5. Restitutions des groupes",
        "6. Recommandations consolidées",
        f"7. Annexe{NBSP}: liste des participants",
    ]
    text = "\n".join(pages)
    for title in titles:
        plain = title.replace(NBSP, " ")
        assert re.search(re.escape(plain) + r"[ .]*\d+", contents.replace(NBSP, " ")), title
        # each section starts a page, with its title at the top
        assert any(page.replace(NBSP, " ").find(plain) >= 0 for page in pages[2:]), title
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} / {len(pages)}" in page
        assert "Atelier de clôture du Programme M4SD" in page.splitlines()[0]
    for part in ("Défis", "Opportunités", "Bonnes pratiques", "Recommandations"):
        assert part in text
    # Non-breaking spaces (DejaVu draws them with the space's glyph, so extractors print a
    # space): no line starts with a lone « : ; ! ? » » and none ends with « «.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in ":;!?»" or line.endswith("«")]
    assert "« migration et développement »" in text
    assert "Inscrits et présents par type de participant" in text  # the chart's title


@needs_pdftotext
def test_recommendations_numbered_with_their_groups(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "synthese.pdf"
    write_synthesis_pdf(demo_snapshot(demo_db, sections=frozenset({"recommendations"})), out)
    text = "\n".join(pdf_pages(out))
    numbers = [int(n) for n in re.findall(r"^ {0,3}(\d{1,2}) +\S", text, re.MULTILINE)]
    assert [n for n in numbers if n <= 12] == list(range(1, 13))
    assert "Propositions non retenues" in text
    assert "Groupe 2," in text and "Groupe 4" in text
    assert "Proposée" in text and "Acteur responsable" in text


@needs_pdftotext
def test_contacts_off_by_default(demo_db: Database, tmp_path: Path) -> None:
    plain, full = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_synthesis_pdf(demo_snapshot(demo_db, sections=frozenset({"annexes"})), plain)
    write_synthesis_pdf(
        demo_snapshot(demo_db, sections=frozenset({"annexes"}), include_contacts=True), full
    )
    assert "@" not in "".join(pdf_pages(plain)) and "Téléphone" not in "".join(pdf_pages(plain))
    assert "".join(pdf_pages(full)).count("@") >= 40  # long addresses may wrap: count the @


@needs_pdftotext
def test_english_report(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_synthesis_pdf(demo_snapshot(demo_db, language="en"), out)
    text = "\n".join(pdf_pages(out))
    assert "SYNTHESIS REPORT" in text and "Contents" in text
    assert "6. Consolidated recommendations" in text and "Page 2 / " in text


@needs_pdftotext
def test_empty_workshop_has_only_its_cover(db: Database, tmp_path: Path) -> None:
    workshop_id = empty_workshop(db)
    with db.read() as session:
        snapshot = synthesis_snapshot(session, workshop_id)
    out = tmp_path / "vide.pdf"
    write_synthesis_pdf(snapshot, out)
    pages = pdf_pages(out)
    assert len(pages) == 1 and "Atelier à venir" in pages[0]
    assert "Sommaire" not in pages[0] and "Participation" not in pages[0]


def test_failure_midway_leaves_the_target_alone(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "synthese.pdf"
    out.write_bytes(b"previous report")

    def broken(*args: object) -> list[object]:
        raise RuntimeError("disk pulled out")

    monkeypatch.setitem(synthesis_pdf_parts._BUILDERS, "groups", broken)
    with pytest.raises(RuntimeError):
        write_synthesis_pdf(demo_snapshot(demo_db), out)
    assert out.read_bytes() == b"previous report"
    assert [p.name for p in folder.iterdir()] == ["synthese.pdf"]
