"""`facilitator scan W PAYLOAD`: a check-in recorded exactly as the desk records it."""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import sys

from facilitator.cli import EXIT_ALREADY, EXIT_OK, EXIT_REJECTED, _print_json
from facilitator.commands.workshops import open_from
from facilitator.core.dates import format_date, format_date_range
from facilitator.i18n import _
from facilitator.store.checkin import ALREADY, CHECKED_IN, DayCheck, day_check
from facilitator.store.checkin import scan as scan_badge
from facilitator.store.workshops import find_workshop, get_workshop


def scan(args: argparse.Namespace) -> int:
    db = open_from(args)
    # One instant for the check-in and for the day it is compared with: the same day, even at
    # midnight.
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        with db.read() as session:
            workshop_id = find_workshop(session, args.workshop).id
            check = day_check(get_workshop(session, workshop_id), now)
        # Without --desk, the machine's name: an « already » answer always says where.
        desk = args.desk or socket.gethostname()
        result = scan_badge(db, workshop_id, args.payload, desk=desk, now=now)
    finally:
        db.dispose()
    if args.json:
        _print_json(result.to_json())
    elif result.status == CHECKED_IN:
        assert result.participant is not None and result.checked_in_at is not None
        print(
            _("Checked in: {name} ({organisation}) at {time}").format(
                name=result.participant.full_name,
                organisation=result.participant.organisation or "—",
                time=result.checked_in_at.strftime("%H:%M"),
            )
        )
    elif result.status == ALREADY:
        assert result.participant is not None
        print(_("{name}: {reason}").format(name=result.participant.full_name, reason=result.reason))
    else:
        print(_("Refused: {reason}").format(reason=result.reason))
    if check.outside and result.status in (CHECKED_IN, ALREADY):
        # The desk asks first; a command cannot ask (its exit codes are fixed), so it says so.
        print(outside_dates_warning(check), file=sys.stderr)
    return {CHECKED_IN: EXIT_OK, ALREADY: EXIT_ALREADY}.get(result.status, EXIT_REJECTED)


def outside_dates_warning(check: DayCheck) -> str:
    """The warning of a check-in counted for another day than today (a wrong clock or dates)."""
    return _(
        "Warning: today ({today}) is not a day of the workshop ({dates}); the arrival counts for "
        "{day}. Check the computer's date or the workshop's dates."
    ).format(
        today=format_date(check.today),
        dates=format_date_range(check.start, check.end),
        day=format_date(check.day),
    )
