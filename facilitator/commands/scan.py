"""`facilitator scan W PAYLOAD`: a check-in recorded exactly as the desk records it."""

from __future__ import annotations

import argparse
import socket

from facilitator.cli import EXIT_ALREADY, EXIT_OK, EXIT_REJECTED, _print_json
from facilitator.commands.workshops import open_from
from facilitator.i18n import _
from facilitator.store.checkin import ALREADY, CHECKED_IN
from facilitator.store.checkin import scan as scan_badge
from facilitator.store.workshops import find_workshop


def scan(args: argparse.Namespace) -> int:
    db = open_from(args)
    try:
        with db.read() as session:
            workshop_id = find_workshop(session, args.workshop).id
        # Without --desk, the machine's name: an « already » answer always says where.
        desk = args.desk or socket.gethostname()
        result = scan_badge(db, workshop_id, args.payload, desk=desk)
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
    return {CHECKED_IN: EXIT_OK, ALREADY: EXIT_ALREADY}.get(result.status, EXIT_REJECTED)
