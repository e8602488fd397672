"""Converting stored UTC instants to and from a workshop's local time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> dt.tzinfo:
    """The workshop's time zone; UTC when the name is unknown (Dakar is UTC+0 anyway)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def to_local(instant: dt.datetime, zone_name: str) -> dt.datetime:
    """A stored (naive UTC) instant as an aware local time."""
    return instant.replace(tzinfo=dt.UTC).astimezone(zone(zone_name))


def to_utc(local_day: dt.date, local_time: dt.time, zone_name: str) -> dt.datetime:
    """A local wall-clock time of a day as a stored (naive UTC) instant."""
    aware = dt.datetime.combine(local_day, local_time, tzinfo=zone(zone_name))
    return aware.astimezone(dt.UTC).replace(tzinfo=None)
