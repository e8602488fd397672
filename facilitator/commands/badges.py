"""`facilitator badges W -o OUT.pdf`: print badges with their QR codes, and record them printed."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli import EXIT_OK, UsageError
from facilitator.commands.workshops import check_output_file, open_from
from facilitator.core.os_errors import reason
from facilitator.exports.badges import write_badges
from facilitator.i18n import _, ngettext
from facilitator.store.badges import UnknownParticipants, badge_data, mark_printed
from facilitator.store.workshops import find_workshop


def badges(args: argparse.Namespace) -> int:
    output: Path = args.output
    check_output_file(output)
    db = open_from(args, write=False)
    try:
        with db.read() as session:
            workshop = find_workshop(session, args.workshop)
            workshop_id, title = workshop.id, workshop.title
            try:
                rows = badge_data(session, workshop_id, ids=args.only)
            except UnknownParticipants as exc:
                raise UsageError(str(exc)) from exc
        if not rows:
            raise UsageError(
                _("« {workshop} » has no participant: no badge to print.").format(workshop=title)
            )
        try:
            write_badges(output, rows, args.layout)
        except OSError as exc:
            raise UsageError(
                _("Cannot write the badges to {path}: {reason}").format(
                    path=output, reason=reason(exc)
                )
            ) from exc
        if not db.read_only:  # printed from a locked USB stick: the badges, without the mark
            with db.write() as session:
                mark_printed(session, [row.participant_id for row in rows])
    finally:
        db.dispose()
    print(
        ngettext("{n} badge written to {path}", "{n} badges written to {path}", len(rows)).format(
            n=len(rows), path=output
        )
    )
    if db.read_only:
        print(
            _(
                "The event file cannot be written: these badges are not marked as printed, so "
                "« Only those whose badge was not printed yet » will include them again."
            )
        )
    return EXIT_OK
