"""Printed group lists fit a usual group (up to about 32 members) on one page, still readable."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from pathlib import Path

from pypdf import PdfReader

from facilitator.exports.group_snapshots import GroupMemberRow
from facilitator.exports.groups_pdf import write_group_lists
from tests.exports.test_groups_pdf import (
    MM,
    document,
    group,
    member,
    needs,
    words_with_boxes,
)


def _members(count: int) -> list[GroupMemberRow]:
    return [member(i) for i in range(count)]


def _split_pages(path: Path) -> list[str]:
    """Each page's text as pdftotext reads it, spacing evened."""
    needs("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in out.split("\f") if page.strip()]


def _row_pitches(path: Path, page: int) -> list[float]:
    """The distances between the numbers 1, 2, 3… of a page's table, in millimetres."""
    words = [w for w in words_with_boxes(path) if w[0] == page]
    head = next(y0 for _n, word, _x0, y0, _x1, _y1 in words if word == "N°")
    left: dict[str, float] = {}
    for _n, word, x0, y0, _x1, _y1 in words:
        if y0 > head and word.isdigit() and x0 < 30 * MM and word not in left:
            left[word] = y0
    tops = [left[str(n)] for n in range(1, len(left) + 1) if str(n) in left]
    return [(b - a) / MM for a, b in zip(tops, tops[1:], strict=False)]


def _font_sizes(path: Path) -> dict[int, set[float]]:
    """The type sizes used on each page (points), as the PDF's text operators set them."""
    sizes: dict[int, set[float]] = defaultdict(set)
    for number, page in enumerate(PdfReader(path).pages, start=1):

        def seen(
            text: str, _cm: object, tm: list[float], _font: object, size: float, n: int = number
        ) -> None:
            if text.strip():
                sizes[n].add(round(size * abs(tm[3] or 1), 2))

        page.extract_text(visitor_text=seen)
    return sizes


def test_groups_of_thirty_take_one_page_each(tmp_path: Path) -> None:
    people = _members(90)
    path = tmp_path / "groupes.pdf"
    write_group_lists(document([group(g + 1, people[g::3]) for g in range(3)]), path)
    pages = _split_pages(path)
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert f"Groupe {number}" in text and "30 membres" in text and "(suite)" not in text
        assert f"Page {number} / 3" in text
        assert " 30 " in text  # the last member's number is on the group's only page


def test_thirty_two_members_and_a_two_line_theme_fit_one_page(tmp_path: Path) -> None:
    theme = (
        "Question 1 : comment mieux protéger les migrants de retour et faciliter leur "
        "réinsertion économique dans leur communauté ?"
    )
    path = tmp_path / "groupes.pdf"
    write_group_lists(document([group(1, _members(32), theme=theme)]), path)
    (text,) = _split_pages(path)
    assert "32 membres" in text and "(suite)" not in text and "Page 1 / 1" in text
    pitches = _row_pitches(path, 1)
    assert len(pitches) == 31
    assert min(pitches) >= 6 - 0.05, pitches  # rows stay tall enough to read and point at
    assert min(_font_sizes(path)[1]) >= 8


def test_sixty_members_take_two_pages(tmp_path: Path) -> None:
    people = _members(120)
    path = tmp_path / "groupes.pdf"
    write_group_lists(document([group(1, people[:60]), group(2, people[60:])]), path)
    pages = _split_pages(path)
    assert len(pages) == 4
    assert "Groupe 1 (suite)" in pages[1] and "Groupe 2 (suite)" in pages[3]
    assert "(suite)" not in pages[0] + pages[2]
    assert all(min(sizes) >= 8 for sizes in _font_sizes(path).values())


def test_a_small_group_keeps_the_roomy_rows(tmp_path: Path) -> None:
    path = tmp_path / "groupes.pdf"
    write_group_lists(document([group(1, _members(15))]), path)
    pitches = _row_pitches(path, 1)
    assert len(pitches) == 14 and min(pitches) >= 7 - 0.05
    assert 10 in _font_sizes(path)[1]
