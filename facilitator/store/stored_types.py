"""Column types whose stored values never crash a read: damage shows as a blank, not a traceback.

Opening an event file checks every stored date (store/integrity.py), but a large file is checked in
full only after a crash, and a disk can fail while the app runs. A value SQLAlchemy cannot parse
is then read as the column's fallback (None, or a plain stand-in for a column that is never empty)
and logged, so the desk, the lists and the reports keep working.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Date, DateTime, Dialect, Time, TypeDecorator

log = logging.getLogger(__name__)

# What a damaged value of a column that is never empty reads as: visibly not a real value.
EPOCH = dt.datetime(1970, 1, 1)


class _Lenient(TypeDecorator[Any]):
    """A type whose reader answers `fallback` for a stored value it cannot parse."""

    cache_ok = True

    def __init__(self, fallback: object = None) -> None:
        super().__init__()
        self.fallback = fallback

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        strict = super().result_processor(dialect, coltype)
        if strict is None:
            return None
        fallback = self.fallback

        def read(value: Any) -> Any:
            try:
                return strict(value)
            except (ValueError, TypeError, OverflowError):
                log.warning("unreadable stored value %r read as %r", value, fallback)
                return fallback

        return read


class StoredDateTime(_Lenient):
    impl = DateTime
    cache_ok = True


class StoredDate(_Lenient):
    impl = Date
    cache_ok = True


class StoredTime(_Lenient):
    impl = Time
    cache_ok = True


def stored_datetime(*, nullable: bool) -> StoredDateTime:
    return StoredDateTime(None if nullable else EPOCH)


def stored_date(*, nullable: bool) -> StoredDate:
    return StoredDate(None if nullable else EPOCH.date())


def stored_time(*, nullable: bool) -> StoredTime:
    return StoredTime(None if nullable else EPOCH.time())
