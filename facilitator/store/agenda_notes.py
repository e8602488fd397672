"""Notes taken on agenda items (speeches, plenary discussion, questions), with revisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.store.database import Database
from facilitator.store.models import (
    AgendaItem,
    AgendaNote,
)
from facilitator.store.restitution_fields import clean_text
from facilitator.store.restitutions import _agenda_item
from facilitator.store.revisions import ENTITY_AGENDA_NOTE, forget_revisions, record_revision


@dataclass(frozen=True)
class NoteRow:
    """The notes taken on one agenda item."""

    agenda_item_id: int
    title: str
    day: dt.date
    text: str
    updated_at: dt.datetime



# Agenda notes -----------------------------------------------------------------------------------


def note_row(session: Session, agenda_item_id: int) -> AgendaNote:
    note = session.scalar(select(AgendaNote).where(AgendaNote.agenda_item_id == agenda_item_id))
    if note is None:
        _agenda_item(session, agenda_item_id)
        forget_revisions(session, ENTITY_AGENDA_NOTE, agenda_item_id)
        note = AgendaNote(agenda_item_id=agenda_item_id, text="")
        session.add(note)
    return note


def agenda_note(session: Session, item_id: int) -> NoteRow | None:
    """The notes on one agenda item, if any were written."""
    row = session.execute(
        select(AgendaNote, AgendaItem.title, AgendaItem.day)
        .join(AgendaItem, AgendaItem.id == AgendaNote.agenda_item_id)
        .where(AgendaNote.agenda_item_id == item_id)
    ).first()
    if row is None:
        return None
    note, title, day = row._tuple()
    return NoteRow(item_id, title, day, note.text, note.updated_at)


def save_agenda_note(db: Database, item_id: int, text: str) -> None:
    """Save the notes on an agenda item (created on the first text)."""
    text = clean_text(text)
    with db.write() as session:
        exists = session.scalar(select(AgendaNote.id).where(AgendaNote.agenda_item_id == item_id))
        if exists is None and text == "":
            _agenda_item(session, item_id)
            return
        note = note_row(session, item_id)
        if note.text != text:
            record_revision(
                session,
                lambda: _agenda_item(session, item_id).workshop_id,
                ENTITY_AGENDA_NOTE,
                item_id,
                "text",
                note.text,
                text,
            )
            note.text = text


def _agenda_order(
    session: Session, workshop_id: int
) -> dict[int, tuple[dt.date, int, int, int, int]]:
    """Agenda item id → a key sorting items as the agenda lists them (sub-items after theirs)."""
    items = (
        session.execute(
            select(AgendaItem.id, AgendaItem.parent_id, AgendaItem.day, AgendaItem.position).where(
                AgendaItem.workshop_id == workshop_id
            )
        )
        .tuples()
        .all()
    )
    own = {item_id: (day, position, item_id) for item_id, _parent, day, position in items}
    return {
        item_id: (*own[parent], position, item_id)
        if parent is not None and parent in own
        else (*own[item_id], -1, 0)
        for item_id, parent, _day, position in items
    }


def agenda_notes(session: Session, workshop_id: int) -> list[NoteRow]:
    """The workshop's non-empty agenda notes, in agenda order."""
    order = _agenda_order(session, workshop_id)
    rows = session.execute(
        select(AgendaNote, AgendaItem.title, AgendaItem.day)
        .join(AgendaItem, AgendaItem.id == AgendaNote.agenda_item_id)
        .where(AgendaItem.workshop_id == workshop_id, AgendaNote.text != "")
    ).tuples()
    notes = [NoteRow(n.agenda_item_id, title, day, n.text, n.updated_at) for n, title, day in rows]
    return sorted(notes, key=lambda n: order[n.agenda_item_id])


