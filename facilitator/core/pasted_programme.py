"""Reading a programme pasted from Word or Excel into timed agenda items.

What organisers paste: « 08:30 – 09:00 ⇥ Accueil et installation des participants »,
« 9h00-9h30 Allocution d'ouverture », « De 10h à 10h30 : Pause-café », a table copied from Word
or Excel (one row a line, cells separated by tabs: the times, in one cell or two, then the title,
then who speaks), with headings and empty lines between.

A line that starts with a time (or whose first cells hold times) is an item; a line without a
time after an item says who speaks (a second paragraph of the speakers' cell, « M. le
Gouverneur »), unless it is a heading (« MATINÉE », « Jour 2 — mardi 26 mars »). Nothing here
knows a database or a language: problems come back as codes for the screen to word.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from enum import Enum

DEFAULT_MINUTES = 30  # the last item, when no end is given and nothing follows it

_HOUR = r"(?P<{n}h>[01]?\d|2[0-3])"
_MINUTE = r"(?P<{n}m>[0-5]\d)"
# « 08:30 », « 8h30 », « 8 h 30 », « 08.30 », « 08H30 », « 8h », Excel's « 08:30:00 ».
_TIME = (
    r"(?<![\d:.,])" + _HOUR + r"\s?(?:[:.hH]\s?" + _MINUTE + r"(?::[0-5]\d)?|[hH](?![A-Za-zÀ-ÿ]))"
)
_RANGE_SEPARATOR = r"\s*(?:[-–—‐‑/]|\bà\b|\ba\b|\bto\b|\bau\b)\s*"
_START = re.compile(
    r"^\s*(?:[•·▪◦*>]\s*|[-–—]\s+)?(?:(?:de|from)\s+)?"
    + _TIME.format(n="a")
    + r"(?:"
    + _RANGE_SEPARATOR
    + _TIME.format(n="b")
    + r")?",
    re.IGNORECASE,
)
_ONLY_TIMES = re.compile(r"^(?:[\s:–—|,;-]|(?:de|from)\b)*$", re.IGNORECASE)
_AFTER_TIMES = re.compile(r"^[\s:–—|,;.\-]+")  # what separates the times from the title
_CELLS = re.compile(r"\t| {3,}")  # a tab, or a run of spaces left by a PDF or a Word layout
_HEADING = re.compile(
    r"^(?:jour|journée|day|matin|matinée|après-midi|apres-midi|soir|soirée|morning|afternoon|"
    r"evening|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|programme|agenda|horaires?|heures?|time)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•·▪◦*>-]|–|—)\s*")

# How a title hints at the kind of an item (the stored kinds of agenda items).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("pause", r"\bpause|\bcoffee|\bbreak\b|\bcafé\b"),
        ("repas", r"déjeuner|dejeuner|\bdîner|\bdiner|\brepas\b|\blunch\b|\bcocktail|\bdinner"),
        ("accueil", r"\baccueil|\binstallation\b|\benregistrement|\bwelcome\b|\bregistration"),
        ("cloture", r"\bcl[ôo]ture|\bclosing\b|\bfin des travaux"),
        ("restitution", r"\brestitution|\breport[- ]back|\bplénière de restitution"),
        ("travaux_de_groupe", r"travaux de groupe|travaux en groupe|\bgroupes? de travail|"
                              r"\bateliers?\b|\bgroup work|\bbreakout"),
        ("ouverture", r"\bouverture|\ballocution|\bmot de bienvenue|\bdiscours|\bopening\b"),
    )
)  # fmt: skip


class Problem(Enum):
    """Why a line cannot become an item (the screen says it in words)."""

    NO_TITLE = "no_title"  # times, and nothing else
    END_NOT_AFTER_START = "end_not_after_start"  # « 10:00 – 09:30 »
    GOES_BACK = "goes_back"  # starts before the line above: another day pasted below?


@dataclass(frozen=True)
class PastedItem:
    """One item read from the pasted text; `end` is None until the next item gives it."""

    line: int  # 1 for the first line of the pasted text
    start: dt.time
    end: dt.time | None
    title: str
    speakers: str = ""
    kind: str = "session"
    end_guessed: bool = False  # no end was given: the next item's start, or DEFAULT_MINUTES

    @property
    def minutes(self) -> int:
        assert self.end is not None
        return _minutes(self.end) - _minutes(self.start)


@dataclass(frozen=True)
class RefusedLine:
    """A line with a time that cannot become an item, and why."""

    line: int
    text: str
    problem: Problem


@dataclass(frozen=True)
class PastedProgramme:
    """What a paste would add: the items, the lines refused, the lines passed over."""

    items: tuple[PastedItem, ...]
    refused: tuple[RefusedLine, ...]
    skipped: tuple[tuple[int, str], ...]  # (line, text): headings and text before any item

    @property
    def overlaps(self) -> tuple[int, ...]:
        """Lines of the items that start before the item above them ends."""
        return tuple(
            item.line
            for before, item in zip(self.items, self.items[1:], strict=False)
            if before.end is not None and _minutes(item.start) < _minutes(before.end)
        )


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _time(match: re.Match[str], name: str) -> dt.time | None:
    hour = match.group(f"{name}h")
    if hour is None:
        return None
    return dt.time(int(hour), int(match.group(f"{name}m") or 0))


def guess_kind(title: str) -> str:
    """The kind of item a title suggests (« Pause-café » is a break), else a session."""
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return "session"


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" -–—:|;")


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """The pasted lines, numbered; an Excel cell holding line breaks (quoted) stays on its row."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[tuple[int, str]] = []
    index = 0
    while index < len(raw):
        number, line = index + 1, raw[index]
        # Excel quotes a cell with a line break: « "Allocution\nM. le Ministre" ». Join the
        # row's lines while a quote is open, for at most 10 lines (a stray quote stays alone).
        if "\t" in line and line.count('"') % 2 == 1:
            joined, end = line, index
            while joined.count('"') % 2 == 1 and end + 1 < len(raw) and end - index < 10:
                end += 1
                joined += "\n" + raw[end]
            if joined.count('"') % 2 == 0:
                line, index = _unquote_cells(joined), end
        lines.append((number, line))
        index += 1
    return lines


def _unquote_cells(row: str) -> str:
    cells = []
    for cell in row.split("\t"):
        if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
            cell = cell[1:-1].replace('""', '"')
        cells.append(cell.replace("\n", " / "))
    return "\t".join(cells)


def _is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) >= 3 and all(c.isupper() for c in letters)
    return shouting or bool(_HEADING.match(_BULLET.sub("", text)))


def _read_times(cells: list[str]) -> tuple[dt.time, dt.time | None, list[str]] | None:
    """The start (and end) at the head of a row, and the cells left after them; None: no time."""
    first = _START.match(cells[0])
    if first is None:
        return None
    start, end = _time(first, "a"), _time(first, "b")
    assert start is not None
    rest = [cells[0][first.end() :], *cells[1:]]
    if end is None and not _AFTER_TIMES.sub("", rest[0]) and len(rest) > 1:
        # Excel's two columns: « 08:30 ⇥ 09:00 ⇥ Accueil ».
        second = _START.match(rest[1])
        if (
            second is not None
            and second.group("bh") is None
            and not _AFTER_TIMES.sub("", rest[1][second.end() :])
        ):
            end = _time(second, "a")
            rest = rest[:1] + rest[2:]
    return start, end, rest


def _item(number: int, cells: list[str]) -> PastedItem | RefusedLine | None:
    times = _read_times(cells)
    if times is None:
        return None
    start, end, rest = times
    texts = [_clean(_AFTER_TIMES.sub("", cell)) for cell in rest]
    texts = [text for text in texts if text and not _ONLY_TIMES.match(text)]
    line = "\t".join(cells)
    if not texts:
        return RefusedLine(number, line, Problem.NO_TITLE)
    if end is not None and _minutes(end) <= _minutes(start):
        return RefusedLine(number, line, Problem.END_NOT_AFTER_START)
    title, speakers = texts[0], ", ".join(texts[1:])
    return PastedItem(number, start, end, title, speakers, guess_kind(title))


def parse_programme(text: str) -> PastedProgramme:
    """Read a pasted programme: its items with their times, and the lines it cannot use."""
    items: list[PastedItem] = []
    refused: list[RefusedLine] = []
    skipped: list[tuple[int, str]] = []
    for number, line in _logical_lines(text):
        if not line.strip():
            continue
        cells = [cell for cell in _CELLS.split(line.strip()) if cell.strip()] or [line]
        found = _item(number, cells)
        if isinstance(found, RefusedLine):
            refused.append(found)
        elif found is not None:
            if items and _minutes(found.start) < _minutes(items[-1].start):
                refused.append(RefusedLine(number, line.strip(), Problem.GOES_BACK))
                continue
            items.append(found)
        elif items and not _is_heading(line):  # who speaks, under the item's title
            extra = _clean(_BULLET.sub("", " ".join(cells)))
            last = items[-1]
            speakers = f"{last.speakers}, {extra}" if last.speakers else extra
            items[-1] = replace(last, speakers=speakers)
        else:
            skipped.append((number, _clean(line)))
    return PastedProgramme(tuple(_with_ends(items)), tuple(refused), tuple(skipped))


def _with_ends(items: list[PastedItem]) -> list[PastedItem]:
    """Give each item without an end the next item's start (or DEFAULT_MINUTES at the end)."""
    done = []
    for index, item in enumerate(items):
        if item.end is None:
            following = items[index + 1].start if index + 1 < len(items) else None
            if following is None or _minutes(following) <= _minutes(item.start):
                minutes = min(_minutes(item.start) + DEFAULT_MINUTES, 24 * 60 - 1)
                following = dt.time(minutes // 60, minutes % 60)
            item = replace(item, end=following, end_guessed=True)
        done.append(item)
    return done
