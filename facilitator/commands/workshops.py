"""Headless commands of the command line: each opens the database, does one thing, and prints."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Collection
from pathlib import Path

from facilitator.cli import EXIT_OK, UsageError, _print_json
from facilitator.core.os_errors import reason
from facilitator.i18n import _, ngettext, number
from facilitator.store import backups
from facilitator.store.database import (
    Database,
    open_database,
    restore_event_file,
    sqlite_path,
)
from facilitator.store.participants import list_participants
from facilitator.store.workshops import (
    WorkshopDetails,
    WorkshopInvalid,
    create_workshop,
    find_workshop,
    list_workshops,
)


def check_output_file(output: Path, suffixes: Collection[str] = (), wrong_suffix: str = "") -> None:
    """Refuse, before anything is read or written, an output file that cannot be made there,
    or whose name does not end with one of `suffixes` (then `wrong_suffix`, with its {name},
    says so). A folder is named as such first, whatever its name ends with."""
    try:
        is_folder, parent_is_folder = output.is_dir(), output.parent.is_dir()
        parent_exists = output.parent.exists()
    except OSError as exc:  # a name too long for the system, say
        raise UsageError(
            _("Cannot write {path}: {reason} (nothing was written).").format(
                path=output, reason=reason(exc)
            )
        ) from exc
    if is_folder:
        raise UsageError(_("{path} is a folder; give a file name.").format(path=output))
    if parent_exists and not parent_is_folder:
        raise UsageError(
            _("{path} is a file, not a folder (nothing was written).").format(path=output.parent)
        )
    if not parent_is_folder:
        raise UsageError(
            _("The folder {folder} does not exist (nothing was written).").format(
                folder=output.parent
            )
        )
    if suffixes and output.suffix.lower() not in suffixes:
        raise UsageError(wrong_suffix.format(name=output.name))


def open_from(args: argparse.Namespace, *, create: bool = False, write: bool = True) -> Database:
    """The database named by --db (or the default one).

    Only the commands that create an event pass `create`; a missing file is otherwise refused
    (exit 5) and nothing appears on disk. Commands that only read pass `write=False`: they work on
    an event file that cannot be written (a locked USB stick), which the others refuse.
    """
    return open_database(getattr(args, "db", None), create=create, write=write)


def init(args: argparse.Namespace) -> int:
    from facilitator.store.demo import add_demo_workshops

    db = open_from(args, create=True)
    added: list[str] = []
    if args.demo:
        with db.write() as session:
            added = add_demo_workshops(session)
    print(_("Database ready: {where}").format(where=db.path or db.url))
    for slug in added:
        print(_("Demo workshop added: {slug}").format(slug=slug))
    db.dispose()
    return EXIT_OK


def new(args: argparse.Namespace) -> int:
    db = open_from(args, create=True)
    details = WorkshopDetails(
        title=args.title,
        start_date=args.date,
        end_date=args.date + dt.timedelta(days=args.days - 1),
        venue=args.venue,
        city=args.city,
    )
    try:
        with db.write() as session:
            workshop = create_workshop(session, details)
            result = {"id": workshop.id, "slug": workshop.slug, "title": workshop.title}
    except WorkshopInvalid as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    if args.json:
        _print_json(result)
    else:
        print(_("Workshop created: {id} {slug}").format(**result))
    return EXIT_OK


def workshops(args: argparse.Namespace) -> int:
    db = open_from(args, write=False)
    with db.read() as session:
        rows = list_workshops(session)
    db.dispose()
    if args.json:
        _print_json(
            [
                {
                    "id": w.id,
                    "slug": w.slug,
                    "title": w.title,
                    "start_date": w.start_date,
                    "end_date": w.end_date,
                    "venue": w.venue,
                    "city": w.city,
                    "registered": w.registered,
                    "present": w.present,
                }
                for w in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print(
            _(
                "No workshop yet. « facilitator new » creates one, « facilitator init --demo » "
                "adds the demo workshops."
            )
        )
    for w in rows:
        dates = w.start_date.isoformat()
        if w.end_date != w.start_date:
            dates += " → " + w.end_date.isoformat()
        print(f"{w.id:>4}  {w.slug:<40} {dates:<24} {w.title}")
        print(
            "      "
            + _("{present} of {registered} · {venue}").format(
                present=ngettext("{n} present", "{n} present", w.present).format(n=w.present),
                registered=ngettext("{n} registered", "{n} registered", w.registered).format(
                    n=w.registered
                ),
                venue=", ".join(part for part in (w.venue, w.city) if part) or "—",
            )
        )
    return EXIT_OK


def participants(args: argparse.Namespace) -> int:
    db = open_from(args, write=False)
    with db.read() as session:
        workshop = find_workshop(session, args.workshop)
        rows = list_participants(session, workshop.id)
    db.dispose()
    if args.json:
        _print_json([row.to_json() for row in rows])
        return EXIT_OK
    for row in rows:
        present = row.checked_in_at.strftime("%H:%M") if row.checked_in_at else "—"
        print(
            f"{row.id:>6}  {row.last_name.upper():<24} {row.first_name:<22} "
            f"{row.organisation[:36]:<36} {present:>5}  {row.badge}"
        )
    present_count = sum(1 for row in rows if row.checked_in_at)
    print(
        ngettext("{n} participant", "{n} participants", len(rows)).format(n=len(rows))
        + ", "
        + ngettext("{n} present", "{n} present", present_count).format(n=present_count)
    )
    return EXIT_OK


def import_list(args: argparse.Namespace) -> int:
    # Imported here: the readers and the import are not needed by the quick listing commands.
    from facilitator.core.participant_columns import load_participant_file, parse_participants
    from facilitator.core.tabular import TableError
    from facilitator.store.importing import describe, import_into

    path: Path = args.file
    try:
        table, mapping = load_participant_file(path)
        parsed = parse_participants(table, mapping)
    except TableError as exc:
        raise UsageError(str(exc)) from exc
    db = open_from(args)  # a trial run writes inside a transaction it rolls back
    try:
        with db.read() as session:
            workshop_id = find_workshop(session, args.workshop).id
        report = import_into(db, workshop_id, parsed, dry_run=args.dry_run)
    finally:
        db.dispose()
    if args.json:
        _print_json(report.to_json())
        return EXIT_OK
    print(describe(report, args.dry_run))
    for skipped in report.skipped:
        print(_("  line {line}: {reason}").format(line=skipped.line, reason=skipped.reason))
    if args.dry_run and report.categories:
        # What a trial shows before the import: the type each category value would get.
        print(_("Participant types the categories would get:"))
        for plan in report.categories:
            target = plan.type_name or _("no type")
            if plan.new:
                target = _("{name} (new type)").format(name=target)
            print(
                _("  « {value} » ({n}) → {type}").format(
                    value=plan.values[0], n=number(plan.count), type=target
                )
            )
    if report.new_types:
        print(_("New participant types: {names}").format(names=", ".join(report.new_types)))
    return EXIT_OK


def backup(args: argparse.Namespace) -> int:
    output: Path = args.output
    # Checked before the database is even opened: a refused backup writes nothing anywhere.
    if output.is_dir():
        raise UsageError(_("{path} is a folder; give a file name.").format(path=output))
    if output.exists() or output.is_symlink():
        raise UsageError(
            _("{path} already exists; choose another name (nothing was written).").format(
                path=output
            )
        )
    db = open_from(args, write=False)
    try:
        if db.path is None:
            raise UsageError(_("Backups are made of SQLite files; use your server's own tools."))
        try:
            backups.backup_engine(db.engine, output)
        except OSError as exc:
            raise UsageError(
                _("Cannot write {path}: {reason} (nothing was written).").format(
                    path=output, reason=reason(exc)
                )
            ) from exc
    finally:
        db.dispose()
    print(_("Backup written: {path}").format(path=output))
    return EXIT_OK


def restore(args: argparse.Namespace) -> int:
    source: Path = args.file
    target = sqlite_path(getattr(args, "db", None))
    if target is None:
        raise UsageError(_("Backups are made of SQLite files; use your server's own tools."))
    # The event file is not opened first: a damaged one is exactly what a restore mends.
    safety = restore_event_file(target, source)
    print(
        _("Database restored from {source}; the previous one was saved as {safety}.").format(
            source=source, safety=safety
        )
    )
    return EXIT_OK
