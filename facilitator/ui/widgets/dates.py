"""Dates and numbers in the app's language: the QLocale for widgets, and the shared formatters."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from facilitator.core.dates import format_date, format_date_range
from facilitator.i18n import current_language

__all__ = ["app_locale", "format_date", "format_date_range"]


def app_locale() -> QLocale:
    """The QLocale of the language the app speaks (date fields, numbers)."""
    if current_language() == "fr":
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
