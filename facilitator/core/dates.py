"""Dates as people of the app's language write them: « 25–27 mars 2025 », « 1er août 2023 ».

Plain Python, so that documents, the command line and the windows all print dates the same way.
"""

from __future__ import annotations

import datetime as dt

from facilitator.i18n import current_language

MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def _language(language: str | None) -> str:
    lang = language or current_language()
    return lang if lang in MONTHS else "en"


def month_name(month: int, language: str | None = None) -> str:
    """The name of a month (1–12) in the given language, the current one by default."""
    return MONTHS[_language(language)][month - 1]


def day_number(date: dt.date, language: str | None = None) -> str:
    """The day of the month as written before its month: « 1er » in French, else the number."""
    return "1er" if date.day == 1 and _language(language) == "fr" else str(date.day)


def format_date(date: dt.date, with_year: bool = True, language: str | None = None) -> str:
    """A date as people write it: « 25 mars 2025 »."""
    text = f"{day_number(date, language)} {month_name(date.month, language)}"
    return f"{text} {date.year}" if with_year else text


def format_date_range(start: dt.date, end: dt.date, language: str | None = None) -> str:
    """A workshop's dates, short: « 25–27 mars 2025 », « 30 mars – 2 avril 2025 »."""
    if start == end:
        return format_date(start, language=language)
    if (start.year, start.month) == (end.year, end.month):
        return f"{day_number(start, language)}–{format_date(end, language=language)}"
    if start.year == end.year:
        first = format_date(start, with_year=False, language=language)
        return f"{first} – {format_date(end, language=language)}"
    return f"{format_date(start, language=language)} – {format_date(end, language=language)}"
