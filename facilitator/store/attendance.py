"""The attendance sheet (« liste d'émargement ») of one workshop day, as a plain snapshot."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from facilitator.core.dates import month_name
from facilitator.core.text import fold, printable_fields
from facilitator.exports.snapshots import AttendanceRow, AttendanceSheet
from facilitator.i18n import N_, _
from facilitator.store.participants import ParticipantView, list_participants
from facilitator.store.timeutil import zone
from facilitator.store.workshops import day_in_force, get_workshop

# Walk-ins rarely exceed a few dozen; the cap keeps a typo (50000) from printing a ream.
MAX_BLANK_ROWS = 500

WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


class AttendanceInvalid(ValueError):
    """The attendance sheet cannot be made as asked; the message says why."""


class DayOutsideWorkshop(AttendanceInvalid):
    """The day asked for is not one of the workshop's days."""


def day_label(day: dt.date) -> str:
    """A day as people write it in the current language: « Mardi 25 mars 2025 »."""
    pattern = (
        _("{weekday} 1st {month} {year}") if day.day == 1 else _("{weekday} {day} {month} {year}")
    )
    text = pattern.format(
        weekday=_(WEEKDAYS[day.weekday()]),
        day=day.day,
        month=month_name(day.month),
        year=day.year,
    )
    return text[:1].upper() + text[1:]


def _sort_key(person: ParticipantView) -> tuple[str, str, str, str, int]:
    # Folded first (Cissé sorts with Cisse), then the exact spelling so the order is stable.
    return (
        fold(person.last_name),
        fold(person.first_name),
        person.last_name,
        person.first_name,
        person.id,
    )


def attendance_sheet(
    session: Session, workshop_id: int, day: dt.date | None = None, blank_rows: int = 0
) -> AttendanceSheet:
    """Every participant of a workshop in name order, with their check-in time of `day`.

    `day` defaults to the day in force (today in the workshop's time zone, kept within its
    dates); `blank_rows` empty numbered lines follow for walk-ins.
    """
    workshop = get_workshop(session, workshop_id)
    days = [
        workshop.start_date + dt.timedelta(days=offset)
        for offset in range((workshop.end_date - workshop.start_date).days + 1)
    ]
    if day is None:
        day = day_in_force(workshop, dt.datetime.now(zone(workshop.timezone)).date())
    elif day not in days:
        raise DayOutsideWorkshop(
            _("{day} is not a day of the workshop « {title} »; its days: {days}.").format(
                day=day.isoformat(),
                title=workshop.title,
                days=", ".join(d.isoformat() for d in days),
            )
        )
    if not 0 <= blank_rows <= MAX_BLANK_ROWS:
        raise AttendanceInvalid(
            _("The number of blank rows must be between 0 and {max}.").format(max=MAX_BLANK_ROWS)
        )
    people = sorted(list_participants(session, workshop_id, day), key=_sort_key)
    rows = tuple(
        AttendanceRow(
            number=number,
            last_name=p.last_name,
            first_name=p.first_name,
            organisation=p.organisation,
            function=p.function,
            category=p.category,
            gender=p.gender or "",
            phone=p.phone,
            email=p.email,
            checked_in_at=p.checked_in_at,
            desk=p.desk,
        )
        for number, p in enumerate(people, start=1)
    )
    # Text is stored as typed; a control character in a name must not break the spreadsheet.
    sheet = AttendanceSheet(
        workshop_title=workshop.title,
        organisers=workshop.organisers,
        venue=", ".join(part for part in (workshop.venue, workshop.city) if part),
        day=day,
        day_label=day_label(day),
        rows=rows,
        blank_rows=blank_rows,
    )
    return printable_fields(sheet)
