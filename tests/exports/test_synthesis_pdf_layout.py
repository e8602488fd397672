"""The synthesis PDF's layout under stress, read back with pdftotext and pypdf: very long texts
split across pages, the annex with contacts stays readable, headings keep with what follows."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from facilitator.exports.synthesis_common import organisation_and_function, person_name
from facilitator.exports.synthesis_pdf import write_synthesis_pdf
from facilitator.store.database import Database
from tests.exports.test_synthesis_pdf import needs_pdftotext, pdf_pages
from tests.exports.test_synthesis_snapshot import demo_snapshot


def raw_text(path: Path) -> str:
    """The text in drawing order: the lines of one table cell follow each other."""
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def long_text(tag: str, characters: int) -> str:
    """Numbered words (« r00001 r00002 … »), so that a lost line shows as a missing number."""
    return " ".join(f"{tag}{n:05d}" for n in range(1, characters // 7 + 1))


def words_of(tag: str, text: str) -> set[str]:
    return set(re.findall(rf"\b{tag}\d{{5}}\b", text))


@needs_pdftotext
def test_very_long_texts_split_across_pages_and_nothing_is_lost(
    demo_db: Database, tmp_path: Path
) -> None:
    """A 20,000-character recommendation used to fail: « Flowable <Table…> too large »."""
    snapshot = demo_snapshot(demo_db)
    texts = {tag: long_text(tag, 20_000) for tag in ("rec", "act", "agd", "org", "mem", "grp")}
    recommendations = list(snapshot.recommendations)
    recommendations[0] = dataclasses.replace(
        recommendations[0], text=texts["rec"], actor=texts["act"]
    )
    recommendations[-1] = dataclasses.replace(recommendations[-1], text=long_text("set", 5_000))
    day = snapshot.agenda[0]
    first_item = dataclasses.replace(day.rows[0], title=texts["agd"])
    people = list(snapshot.participants)
    people[0] = dataclasses.replace(people[0], organisation=texts["org"])
    group = snapshot.groups[0]
    member = dataclasses.replace(group.members[0], organisation=texts["mem"])
    entry = snapshot.restitutions[0]
    part = snapshot.participation
    assert part is not None
    kind = dataclasses.replace(part.by_type[0], label=long_text("typ", 3_000))
    snapshot = dataclasses.replace(
        snapshot,
        recommendations=tuple(recommendations),
        agenda=(dataclasses.replace(day, rows=(first_item, *day.rows[1:])), *snapshot.agenda[1:]),
        participants=tuple(people),
        groups=(dataclasses.replace(group, members=(member, *group.members[1:])),
                *snapshot.groups[1:]),
        restitutions=(dataclasses.replace(entry, theme=texts["grp"]), *snapshot.restitutions[1:]),
        participation=dataclasses.replace(part, by_type=(kind, *part.by_type[1:])),
    )  # fmt: skip
    out = tmp_path / "long.pdf"
    write_synthesis_pdf(snapshot, out)

    text = raw_text(out)
    for tag, value in texts.items():
        assert words_of(tag, text) == words_of(tag, value), tag
    assert words_of("set", text) == words_of("set", long_text("set", 5_000))
    assert words_of("typ", text) == words_of("typ", long_text("typ", 3_000))
    pages = pdf_pages(out)
    rec_pages = [page for page in pages if "rec00" in page]
    assert len(rec_pages) >= 5  # the recommendation runs over several pages...
    for page in rec_pages:  # ...under the table's header, printed once on each
        assert page.count("Acteur responsable") == 1
    # The contents list the 20,000-character heading cut short, on one page.
    contents = pages[1]
    assert "Sommaire" in contents and "…" in contents and "7. Annexe" in contents


@needs_pdftotext
def test_annex_with_contacts_is_landscape_and_breaks_no_word(
    demo_db: Database, tmp_path: Path
) -> None:
    """Phone and e-mail columns squeezed Structure to 1.5 cm: « Structu re », 10 pages."""
    snapshot = demo_snapshot(demo_db, sections=frozenset({"annexes"}), include_contacts=True)
    out = tmp_path / "annexe.pdf"
    write_synthesis_pdf(snapshot, out)

    reader = PdfReader(out)
    assert 3 <= len(reader.pages) <= 4  # 10 before, 3 without the contacts
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    text = raw_text(out)
    assert "Structure" in text.split()

    def unbroken(value: str) -> str:
        """A pattern for `value` that lets lines break at its spaces only."""
        return r"\s+".join(re.escape(word) for word in value.split())

    for person in snapshot.participants:
        assert re.search(unbroken(person_name(person)), text), person_name(person)
        structure = organisation_and_function(person)
        assert re.search(unbroken(structure), text), structure
        if person.email:  # whole, or broken after « @ » or « . » only
            pattern = "".join(re.escape(c) + (r"\n?" if c in "@." else "") for c in person.email)
            assert re.search(pattern, text), person.email
        if person.phone:
            assert person.phone in text


@needs_pdftotext
def test_annex_without_contacts_stays_on_portrait_pages(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "annexe.pdf"
    write_synthesis_pdf(demo_snapshot(demo_db, sections=frozenset({"annexes"})), out)
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    assert all(page.mediabox.width < page.mediabox.height for page in reader.pages)


@needs_pdftotext
def test_full_report_turns_landscape_for_the_annex_with_contacts_only(
    demo_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "synthese.pdf"
    write_synthesis_pdf(demo_snapshot(demo_db, include_contacts=True), out)
    pages = pdf_pages(out)
    wide = [page.mediabox.width > page.mediabox.height for page in PdfReader(out).pages]
    first_wide = wide.index(True)
    assert not any(wide[:first_wide]) and all(wide[first_wide:])
    assert "7. Annexe" in pages[first_wide] and "Recommandation" in pages[first_wide - 1]
    for number, page in enumerate(pages[1:], start=2):  # header and footer on either
        assert f"Page {number} / {len(pages)}" in page
        assert "Atelier de clôture du Programme M4SD" in page.splitlines()[0]


@needs_pdftotext
def test_a_heading_never_ends_a_page(demo_db: Database, tmp_path: Path) -> None:
    """« Défis » ended page 1 of the restitutions, its bullets on page 2."""
    snapshot = demo_snapshot(demo_db, sections=frozenset({"restitutions"}))
    headings = {block.heading for entry in snapshot.restitutions for block in entry.blocks}
    first = snapshot.restitutions[0]
    out = tmp_path / "restitutions.pdf"
    for extra in (0, 13, 18, 22, 35):  # more notes on the first group shift every heading
        notes = first.notes + ("Une remarque de plus.",) * extra
        entries = (dataclasses.replace(first, notes=notes), *snapshot.restitutions[1:])
        write_synthesis_pdf(dataclasses.replace(snapshot, restitutions=entries), out)
        for page in pdf_pages(out):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            body = lines[1:-1]  # less the running header and the footer
            assert body and body[-1] not in headings, (extra, body[-1])
