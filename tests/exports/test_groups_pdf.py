"""Printed breakout groups read back: one page per group, « (suite) » pages, the door sheet."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator.core.text import fold
from facilitator.exports import groups_pdf
from facilitator.exports.group_snapshots import GroupMemberRow, GroupsDocument, GroupSheet
from facilitator.exports.groups_pdf import write_door_sheet, write_group_lists
from facilitator.i18n import parse_po
from facilitator.resources import resource_path

LAST = ["Diop", "N'Diaye", "Fall", "Cissé", "Sarr", "Mbaye", "Thiam", "Gueye", "Bâ", "Sow", "Lô"]
FIRST = ["Awa", "Moussa", "Ndèye", "Cheikh", "Aïssatou", "Pape", "Khady", "Ousmane", "Mame"]
LONG_ORGANISATION = (
    "Ministère de l'Intégration africaine et des Affaires étrangères — "
    "Direction générale des Sénégalais de l'extérieur"
)
ARABIC_FIRST, ARABIC_LAST = "عبد القادر", "بن محمد"
Writer = Callable[..., None]
MM = 72 / 25.4


def member(index: int, **changes: str) -> GroupMemberRow:
    fields = {
        "last_name": LAST[index % len(LAST)],
        # Unique, letters only (sorting must not depend on digits): Awaab, Awaac…
        "first_name": FIRST[index % len(FIRST)] + _suffix(index),
        "organisation": "OIM Sénégal" if index % 2 else "RADDHO",
        "category": "Société civile",
    }
    fields.update(changes)
    return GroupMemberRow(**fields)


def _suffix(index: int) -> str:
    return chr(ord("a") + index // 26 % 26) + chr(ord("a") + index % 26)


def group(number: int, members: list[GroupMemberRow], **changes: str) -> GroupSheet:
    fields = {
        "name": f"Groupe {number}",
        "theme": f"Question {number} : comment mieux protéger les migrants ?",
        "room": f"Salle{number}",
        "moderator": f"Modératrice{number}",
        "rapporteur": f"Rapporteur{number}",
    }
    fields.update(changes)
    return GroupSheet(members=tuple(members), **fields)


def document(groups: list[GroupSheet]) -> GroupsDocument:
    return GroupsDocument(
        workshop_title="Atelier de validation de la stratégie nationale de migration",
        venue="Hôtel BIG FAIM, Thiès",
        dates_label="25–27 mars 2025",
        round_name="Travaux de groupe — session 1",
        groups=tuple(groups),
    )


def split(people: list[GroupMemberRow], count: int) -> list[GroupSheet]:
    return [group(g + 1, people[g::count]) for g in range(count)]


def page_texts(path: Path) -> list[str]:
    """Each page's text, Arabic presentation forms folded back, spacing evened."""
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
        for page in PdfReader(path).pages
    ]


def needs(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (Debian: poppler-utils)")


def layout_lines(path: Path) -> list[str]:
    needs("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def words_with_boxes(path: Path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, x0, y0, x1, y1) for every word, y downwards from the page's top."""
    needs("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    found = []
    for number, page in enumerate(ET.fromstring(out).iterfind(".//x:page", ns), start=1):
        for word in page.iterfind("x:word", ns):
            box = [float(word.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")]
            found.append((number, word.text or "", box[0], box[1], box[2], box[3]))
    return found


# -- Group lists ---------------------------------------------------------------------------------


def test_one_page_per_group_with_its_heading_and_members(tmp_path: Path) -> None:
    people = [member(i) for i in range(15)]
    path = tmp_path / "groupes.pdf"
    write_group_lists(document(split(people, 3)), path)
    pages = page_texts(path)
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert f"Groupe {number}" in text
        assert f"Question {number} : comment mieux protéger les migrants ?" in text
        for label in ("Thème :", "Salle :", "Modérateur :", "Rapporteur :"):
            assert label in text
        for value in (f"Salle{number}", f"Modératrice{number}", f"Rapporteur{number}"):
            assert value in text
        assert "5 membres" in text
        assert "N° Nom Prénom Structure Type" in text
        assert f"Page {number} / 3" in text
        for index, person in enumerate(people):
            inside = index % 3 == number - 1
            assert (person.first_name in text) == inside, (number, person)
    assert "OIM Sénégal" in pages[0] and "RADDHO" in pages[0]


def test_members_are_numbered_in_french_order(tmp_path: Path) -> None:
    names = ["Ezzz", "eeee", "Élodie", "Ba", "Bâ", "Zongo", "N'Diaye", "Ndao"]
    people = [
        member(i, last_name=name, first_name=f"P{_suffix(i)}") for i, name in enumerate(names)
    ]
    path = tmp_path / "groupes.pdf"
    write_group_lists(document([group(1, people)]), path)
    order = [line for line in layout_lines(path) if re.match(r"\d+ \S+ P\w\w", line)]
    printed = [line.split()[1] for line in order]
    assert printed == ["BA", "BÂ", "EEEE", "ÉLODIE", "EZZZ", "NDAO", "N'DIAYE", "ZONGO"]
    assert [int(line.split()[0]) for line in order] == list(range(1, 9))


def test_sixty_members_continue_on_suite_pages(tmp_path: Path) -> None:
    people = [member(i) for i in range(60)]
    path = tmp_path / "groupes.pdf"
    write_group_lists(document([group(1, people), group(2, people[:3])]), path)
    pages = page_texts(path)
    assert len(pages) >= 3
    assert "Groupe 1 (suite)" not in pages[0] and "60 membres" in pages[0]
    for text in pages[1:-1]:
        assert "Groupe 1 (suite)" in text and "N° Nom Prénom" in text
    assert "Groupe 2" in pages[-1] and "(suite)" not in pages[-1]
    assert all(f"Page {n} / {len(pages)}" in text for n, text in enumerate(pages, start=1))
    first_group = " ".join(pages[:-1])
    for person in people:
        assert len(re.findall(rf"\b{person.first_name}\b", first_group)) == 1, person
    numbers = [
        int(line.split()[0])
        for line in layout_lines(path)
        if re.match(r"\d+ [^\sa-z]+ ", line) and "Page" not in line
    ]
    assert numbers == list(range(1, 61)) + [1, 2, 3]


def test_long_organisations_wrap_inside_their_cell(tmp_path: Path) -> None:
    people = [member(i, organisation=LONG_ORGANISATION) for i in range(4)]
    people.append(member(9, organisation="Organisation" * 8))  # one word longer than the cell
    path = tmp_path / "groupes.pdf"
    write_group_lists(document([group(1, people)]), path)
    widths = groups_pdf._widths()
    left = groups_pdf.MARGIN + sum(widths[:3])
    right = left + widths[3]
    distinct = {word for word in LONG_ORGANISATION.split() if len(word) > 6}  # not « de »
    seen = 0
    for _page, word, x0, _y0, x1, _y1 in words_with_boxes(path):
        if word in distinct or "ganisation" in word:
            assert left <= x0 and x1 <= right, word
            seen += 1
    assert seen >= 4 * len(distinct) + 2  # the long word is cut over two lines at least
    text = page_texts(path)[0]
    assert "Organisation" * 8 in "".join(text.split())  # nothing of it lost
    assert "Direction générale des Sénégalais de l'extérieur" in text


def test_every_word_stays_between_header_and_footer(tmp_path: Path) -> None:
    people = [member(i, organisation=LONG_ORGANISATION) for i in range(70)]
    groups = [group(1, people, theme="Très longue question " * 40), group(2, people[:5])]
    for writer, name in ((write_group_lists, "groupes.pdf"), (write_door_sheet, "porte.pdf")):
        path = tmp_path / name
        writer(document(groups), path)
        page_w, page_h = groups_pdf.PAGE
        top, bottom = page_h - groups_pdf.TOP, page_h - groups_pdf.BOTTOM  # y downwards
        for page, word, x0, y0, x1, y1 in words_with_boxes(path):
            where = (name, page, word)
            assert x0 >= groups_pdf.MARGIN - 0.5 and x1 <= page_w - groups_pdf.MARGIN + 0.5, where
            header, footer = y1 <= 12 * MM, y0 >= page_h - 12.5 * MM
            assert header or footer or (top - 0.5 <= y0 and y1 <= bottom + 0.5), where


def test_empty_groups_and_moderators(tmp_path: Path) -> None:
    path = tmp_path / "groupes.pdf"
    write_group_lists(document([group(1, [], moderator="", rapporteur="", theme="")]), path)
    (text,) = page_texts(path)
    assert "Aucun membre pour l’instant." in text and "0 membre" in text
    assert "Thème" not in text
    with pytest.raises(ValueError):
        write_group_lists(document([]), path)
    with pytest.raises(ValueError):
        write_door_sheet(document([group(1, [])]), tmp_path / "porte.pdf")


# -- Door sheet ----------------------------------------------------------------------------------


def door_rows(path: Path) -> list[tuple[str, str, str]]:
    """(name, group, room) for every person line of the door sheet."""
    rows = []
    for line in layout_lines(path):
        found = re.fullmatch(r"(.+?) → (Groupe \d+)(?: Salle (\S+))?", line)
        if found:
            rows.append((found[1], found[2], found[3] or ""))
    return rows


def test_door_sheet_lists_everyone_once_in_french_order(tmp_path: Path) -> None:
    people = [member(i) for i in range(120)]
    people += [
        member(200, last_name="Eeee", first_name="Anta"),
        member(201, last_name="Élodie", first_name="Anta"),
        member(202, last_name="Ezzz", first_name="Anta"),
        member(203, last_name="eeef", first_name="Anta"),
    ]
    groups = split(people, 6)
    path = tmp_path / "porte.pdf"
    seen: list[tuple[int, int]] = []
    write_door_sheet(document(groups), path, progress=lambda d, t: seen.append((d, t)))
    rows = door_rows(path)
    assert len(rows) == len(people)
    expected = {}
    for g in groups:
        for person in g.members:
            expected[f"{person.last_name.upper()} {person.first_name}"] = (g.name, g.room)
    assert {name: (grp, room) for name, grp, room in rows} == expected
    names = [name for name, _grp, _room in rows]
    assert names.index("EEEE Anta") < names.index("EEEF Anta") < names.index("ÉLODIE Anta")
    assert names.index("ÉLODIE Anta") < names.index("EZZZ Anta")
    keys = [(fold(name.split()[0]), fold(name.split()[1])) for name in names]
    assert keys == sorted(keys)
    assert seen[-1] == (len(people), len(people))
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_door_sheet_has_letters_header_and_page_numbers(tmp_path: Path) -> None:
    people = [member(i) for i in range(150)]
    path = tmp_path / "porte.pdf"
    write_door_sheet(document(split(people, 5)), path)
    pages = page_texts(path)
    assert len(pages) > 1
    lines = layout_lines(path)
    letters = [line for line in lines if re.fullmatch(r"[A-Z]( \(suite\))?", line)]
    assert [line for line in letters if len(line) == 1] == sorted(
        {fold(name)[0].upper() for name in LAST}
    )
    for number, text in enumerate(pages, start=1):
        assert "Trouvez votre groupe" in text
        assert "Atelier de validation de la stratégie nationale de migration" in text
        assert "Travaux de groupe — session 1" in text
        assert f"Page {number} / {len(pages)}" in text
    if len(pages) > 1:
        # A letter carried onto the next page is repeated there, with « (suite) ».
        assert any("(suite)" in line for line in letters)


def test_door_sheet_type_is_at_least_14_points(tmp_path: Path) -> None:
    path = tmp_path / "porte.pdf"
    write_door_sheet(document(split([member(i) for i in range(10)], 2)), path)
    needs("pdftotext")
    heights = [
        y1 - y0
        for _page, word, _x0, y0, _x1, y1 in words_with_boxes(path)
        if word.startswith(tuple(FIRST))
    ]
    assert heights and min(heights) >= 14  # pdftotext's box: the font's full height


# -- Both ------------------------------------------------------------------------------------


def test_arabic_names_are_shaped_and_present(tmp_path: Path) -> None:
    people = [member(0, first_name=ARABIC_FIRST, last_name=ARABIC_LAST), member(1)]
    for writer in (write_group_lists, write_door_sheet):
        path = tmp_path / f"{writer.__name__}.pdf"
        writer(document([group(1, people)]), path)
        text = " ".join(page_texts(path))
        for part in (ARABIC_FIRST, ARABIC_LAST):
            assert part in text or part[::-1] in text, (writer.__name__, text)
        raw = "".join(page.extract_text() for page in PdfReader(path).pages)
        assert any(0xFE70 <= ord(c) <= 0xFEFF for c in raw), "Arabic letters were not joined"


@pytest.mark.parametrize("writer", [write_group_lists, write_door_sheet])
def test_a_failure_midway_leaves_the_previous_file_and_no_partial_one(
    tmp_path: Path, writer: Writer
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "groupes.pdf"
    doc = document(split([member(i) for i in range(300)], 10))

    def crash(done: int, total: int) -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        writer(doc, path, progress=crash)
    assert not path.exists() and not list(folder.iterdir())
    path.write_bytes(b"previous lists")
    with pytest.raises(RuntimeError):
        writer(doc, path, progress=crash)
    assert path.read_bytes() == b"previous lists"
    assert [p.name for p in folder.iterdir()] == ["groupes.pdf"]
    writer(doc, path)
    assert PdfReader(path).pages
    assert [p.name for p in folder.iterdir()] == ["groupes.pdf"]


def test_group_progress_counts_groups(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    doc = document(split([member(i) for i in range(100)], 2))
    write_group_lists(doc, tmp_path / "g.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 2), (2, 2)]


def test_catalogue_does_not_contradict_the_others() -> None:
    """French catalogues are merged: a message repeated with another translation would win."""
    folder = resource_path("translations") / "fr"
    ours = parse_po((folder / "groups_pdf.po").read_text(encoding="utf-8"))
    for po in folder.glob("*.po"):
        if po.name != "groups_pdf.po":
            theirs = parse_po(po.read_text(encoding="utf-8"))
            for msgid in ours.keys() & theirs.keys():
                assert ours[msgid] == theirs[msgid], (po.name, msgid)
