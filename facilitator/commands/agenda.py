"""`facilitator agenda W [--json]`: the agenda with each item's planned and actual times."""

from __future__ import annotations

import argparse
import datetime as dt

from facilitator.cli import EXIT_OK, _print_json
from facilitator.commands.workshops import open_from
from facilitator.i18n import _
from facilitator.store.agenda import AgendaEntry, kind_label
from facilitator.store.agenda import agenda as read_agenda
from facilitator.store.attendance import day_label
from facilitator.store.workshops import find_workshop

INDENT = "    "


def _hm(value: dt.datetime | None) -> str:
    return value.strftime("%H:%M") if value is not None else "…"


def _delay(minutes: int) -> str:
    if minutes == 0:
        return _("on time")
    sign = "+" if minutes > 0 else "−"
    return _("{sign}{minutes} min").format(sign=sign, minutes=abs(minutes))


def entry_line(entry: AgendaEntry, depth: int = 0) -> str:
    """One item as a line: planned times, actual times (or « — »), title and kind."""
    planned = f"{_hm(entry.planned_start)}–{_hm(entry.planned_end)}"
    delay = entry.delay_minutes
    if delay is None:
        actual = "—"
    else:
        actual = _("(actual {start}–{end}, {delay})").format(
            start=_hm(entry.actual_start), end=_hm(entry.actual_end), delay=_delay(delay)
        )
    return f"{INDENT * depth}{planned} {actual} {entry.title} · {kind_label(entry.kind)}"


def _print_entry(entry: AgendaEntry, depth: int) -> None:
    print(entry_line(entry, depth))
    for child in entry.children:
        _print_entry(child, depth + 1)


def agenda(args: argparse.Namespace) -> int:
    db = open_from(args, write=False)
    try:
        with db.read() as session:
            workshop = find_workshop(session, args.workshop)
            entries = read_agenda(session, workshop.id)
            title = workshop.title
    finally:
        db.dispose()
    if args.json:
        _print_json([entry.to_json() for entry in entries])
        return EXIT_OK
    print(title)
    if not entries:
        print(_("No agenda yet."))
        return EXIT_OK
    day: dt.date | None = None
    for entry in entries:
        if entry.day != day:
            day = entry.day
            print()
            print(day_label(day))
        _print_entry(entry, 0)
    return EXIT_OK
