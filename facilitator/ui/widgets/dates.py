"""Dates and numbers as people of the app's language write them (« 25–27 mars 2025 »)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale

from facilitator.i18n import current_language


def app_locale() -> QLocale:
    """The QLocale of the language the app speaks (dates, numbers)."""
    if current_language() == "fr":
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _day(date: dt.date) -> str:
    return "1er" if date.day == 1 and current_language() == "fr" else str(date.day)


def format_date(date: dt.date, with_year: bool = True) -> str:
    """A date as people write it: « 25 mars 2025 »."""
    month = app_locale().toString(
        QDate(date.year, date.month, date.day), "MMMM yyyy" if with_year else "MMMM"
    )
    return f"{_day(date)} {month}"


def format_date_range(start: dt.date, end: dt.date) -> str:
    """A workshop's dates, short: « 25–27 mars 2025 », « 30 mars – 2 avril 2025 »."""
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{_day(start)}–{format_date(end)}"
    if start.year == end.year:
        return f"{format_date(start, with_year=False)} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"
