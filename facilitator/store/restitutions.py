"""Group restitutions and their items, with the revision history of every text.

Agenda notes are in agenda_notes.py, search in search.py.

Every save is one small transaction, cheap enough for the screens to call on each pause in typing
and on every change of focus. Text is stored exactly as typed (any length, any script, markup
included); only NUL, which PostgreSQL refuses, becomes U+FFFD.

Revisions keep the text a field had before a save, so that a wrong edit can be undone later. They
are coalesced: a save records the previous text only when the field's last revision is older than
REVISION_INTERVAL, or when the save removes a lot of text (a select-all and delete, a paste over).
Revisions are keyed by entity: « restitution » by group id (field « notes »), « item » by item id,
« agenda_note » by agenda item id and « recommendation » by consolidated recommendation id (field
« text » for the last three).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal, Protocol

from sqlalchemy import ColumnElement, and_, delete, func, select, update
from sqlalchemy.orm import Session

from facilitator.core.text import fold
from facilitator.i18n import N_, _
from facilitator.store.database import Database
from facilitator.store.models import (
    AgendaItem,
    Group,
    GroupRound,
    Participant,
    Recommendation,
    RecommendationSource,
    Restitution,
    RestitutionItem,
    Revision,
    utcnow,
)

# Kinds of restitution item, as stored (the demo loader stores the same keys).
CHALLENGE: Final = "challenge"
OPPORTUNITY: Final = "opportunity"
GOOD_PRACTICE: Final = "good_practice"
RECOMMENDATION: Final = "recommendation"
KIND_NAMES: dict[str, str] = {
    CHALLENGE: N_("Challenge"),
    OPPORTUNITY: N_("Opportunity"),
    GOOD_PRACTICE: N_("Good practice"),
    RECOMMENDATION: N_("Recommendation"),
}
KIND_HEADINGS: dict[str, str] = {
    CHALLENGE: N_("Challenges"),
    OPPORTUNITY: N_("Opportunities"),
    GOOD_PRACTICE: N_("Good practices"),
    RECOMMENDATION: N_("Recommendations"),
}
KINDS: tuple[str, ...] = tuple(KIND_NAMES)

# Types of recommendation, as stored.
POLICY: Final = "policy"
OPERATIONAL: Final = "operational"
REC_TYPE_NAMES: dict[str, str] = {POLICY: N_("Policy"), OPERATIONAL: N_("Operational")}
REC_TYPES: tuple[str, ...] = tuple(REC_TYPE_NAMES)

# Suggested horizons, as stored; any other text (up to HORIZON_MAX characters) is kept as typed.
IMMEDIATE: Final = "immediate"
UNDER_1_YEAR: Final = "under_1_year"
ONE_TO_2_YEARS: Final = "1_to_2_years"
TWO_TO_5_YEARS: Final = "2_to_5_years"
OVER_5_YEARS: Final = "over_5_years"
HORIZON_NAMES: dict[str, str] = {
    IMMEDIATE: N_("Immediate"),
    UNDER_1_YEAR: N_("Under 1 year"),
    ONE_TO_2_YEARS: N_("1 to 2 years"),
    TWO_TO_5_YEARS: N_("2 to 5 years"),
    OVER_5_YEARS: N_("Over 5 years"),
}
HORIZONS: tuple[str, ...] = tuple(HORIZON_NAMES)
HORIZON_MAX = 40  # the column's size
RAPPORTEUR_MAX = 300

# Revision entities and their text field.
ENTITY_RESTITUTION: Final = "restitution"
ENTITY_ITEM: Final = "item"
ENTITY_AGENDA_NOTE: Final = "agenda_note"
ENTITY_RECOMMENDATION: Final = "recommendation"
ENTITY_FIELDS: dict[str, str] = {
    ENTITY_RESTITUTION: "notes",
    ENTITY_ITEM: "text",
    ENTITY_AGENDA_NOTE: "text",
    ENTITY_RECOMMENDATION: "text",
}
REVISION_INTERVAL = dt.timedelta(seconds=60)
REVISIONS_KEPT = 50
BIG_CHANGE_CHARS = 30  # removing or replacing this many characters records a revision at once


class RestitutionsInvalid(ValueError):
    """A request about restitutions or notes cannot be done; the message says what is wrong."""


class _Keep(enum.Enum):
    KEEP = "keep"


# « Leave this field as it is » for updates where None means « clear it ».
KEEP: Final = _Keep.KEEP
Keep = Literal[_Keep.KEEP]


def _now() -> dt.datetime:
    """The instant a revision is recorded (a seam for tests)."""
    return utcnow()


# Labels ---------------------------------------------------------------------------------------


def kind_label(kind: str) -> str:
    """The name of an item's kind in the current language (the stored key when unknown)."""
    name = KIND_NAMES.get(kind)
    return _(name) if name else kind.replace("_", " ")


def kind_heading(kind: str) -> str:
    """The heading of a kind's section (« Défis », « Recommandations »...)."""
    name = KIND_HEADINGS.get(kind)
    return _(name) if name else kind.replace("_", " ")


def rec_type_label(rec_type: str | None) -> str:
    """The name of a recommendation's type ("" when not set)."""
    if not rec_type:
        return ""
    name = REC_TYPE_NAMES.get(rec_type)
    return _(name) if name else rec_type


def horizon_label(horizon: str | None) -> str:
    """A horizon as shown: a suggested one translated, free text as typed ("" when not set)."""
    if not horizon:
        return ""
    name = HORIZON_NAMES.get(horizon)
    return _(name) if name else horizon


def horizon_from_text(text: str) -> str | None:
    """What to store for a horizon typed or picked in a list: a suggested key when the text is
    one of the labels (in any case or accents), else the text itself (None when blank)."""
    stripped = text.strip()
    if not stripped:
        return None
    wanted = fold(stripped)
    for key, name in HORIZON_NAMES.items():
        if wanted in (fold(key), fold(name), fold(_(name))):
            return key
    return stripped


# Rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRow:
    """One item of a group's restitution; `recommendation_ids`: consolidated ones it feeds."""

    id: int
    group_id: int
    kind: str
    text: str
    rec_type: str | None
    actor: str
    horizon: str | None
    priority: int | None
    position: int
    updated_at: dt.datetime
    recommendation_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class RestitutionView:
    """A group's restitution as the screen shows it (updated_at None: nothing written yet)."""

    group_id: int
    group_name: str
    theme: str
    round_id: int
    round_name: str
    rapporteur: str
    notes: str
    items: tuple[ItemRow, ...]
    updated_at: dt.datetime | None
    # The rapporteur named on the groups screen, to suggest when `rapporteur` is blank.
    group_rapporteur: str = ""

    def items_of(self, kind: str) -> tuple[ItemRow, ...]:
        return tuple(item for item in self.items if item.kind == kind)


@dataclass(frozen=True)
class GroupEntry:
    """A group in the restitution screen's picker; `counts` is (kind, number) for each kind."""

    group_id: int
    name: str
    theme: str
    rapporteur: str
    has_notes: bool
    item_count: int
    counts: tuple[tuple[str, int], ...]

    def count(self, kind: str) -> int:
        return dict(self.counts).get(kind, 0)


@dataclass(frozen=True)
class RoundEntry:
    """A round of groups and its groups, for the picker."""

    round_id: int
    round_name: str
    groups: tuple[GroupEntry, ...]


@dataclass(frozen=True)
class RevisionRow:
    """An earlier text of a field: what it held just before `saved_at` (UTC)."""

    id: int
    entity: str
    entity_id: int
    field: str
    text: str
    saved_at: dt.datetime


# Checks ---------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """The text to store: as typed, but for NUL (refused by PostgreSQL), stored as U+FFFD."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def check_kind(kind: str) -> str:
    if kind not in KIND_NAMES:
        raise RestitutionsInvalid(_("Unknown kind of item: « {kind} ».").format(kind=kind))
    return kind


def check_rec_type(rec_type: str | None) -> str | None:
    if rec_type in (None, ""):
        return None
    if rec_type not in REC_TYPE_NAMES:
        raise RestitutionsInvalid(
            _("Unknown type of recommendation: « {type} ».").format(type=rec_type)
        )
    return rec_type


def check_horizon(horizon: str | None) -> str | None:
    if horizon is None or not horizon.strip():
        return None
    horizon = clean_text(horizon.strip())
    if len(horizon) > HORIZON_MAX:
        raise RestitutionsInvalid(
            _("The horizon is too long ({max} characters at most).").format(max=HORIZON_MAX)
        )
    return horizon


def check_priority(priority: int | None) -> int | None:
    if priority is not None and not 0 <= priority < 2**31:
        raise RestitutionsInvalid(_("The priority must be a positive whole number."))
    return priority


def _group(session: Session, group_id: int) -> Group:
    found = session.get(Group, group_id)
    if found is None:
        raise RestitutionsInvalid(_("This group no longer exists."))
    return found


def _item(session: Session, item_id: int) -> RestitutionItem:
    found = session.get(RestitutionItem, item_id)
    if found is None:
        raise RestitutionsInvalid(_("This item no longer exists."))
    return found


def _agenda_item(session: Session, agenda_item_id: int) -> AgendaItem:
    found = session.get(AgendaItem, agenda_item_id)
    if found is None:
        raise RestitutionsInvalid(_("This agenda item no longer exists."))
    return found


def group_workshop_id(session: Session, group_id: int) -> int:
    """The workshop a group belongs to."""
    workshop_id = session.scalar(
        select(GroupRound.workshop_id)
        .join(Group, Group.round_id == GroupRound.id)
        .where(Group.id == group_id)
    )
    if workshop_id is None:
        raise RestitutionsInvalid(_("This group no longer exists."))
    return workshop_id


# Revisions ------------------------------------------------------------------------------------


def _big_change(old: str, new: str) -> bool:
    """Whether going from old to new removes or replaces at least BIG_CHANGE_CHARS characters."""
    if len(old) - len(new) >= BIG_CHANGE_CHARS:
        return True
    shortest = min(len(old), len(new))
    prefix = _common_length(old, new, shortest, lambda n: old[:n] == new[:n])
    rest = shortest - prefix
    suffix = _common_length(old, new, rest, lambda n: n == 0 or old[-n:] == new[-n:])
    return len(old) - prefix - suffix >= BIG_CHANGE_CHARS


def _common_length(old: str, new: str, limit: int, same: Callable[[int], bool]) -> int:
    """The largest n ≤ limit with same(n), by bisection (slice comparisons run in C)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _field_revisions(entity: str, entity_id: int, field: str) -> ColumnElement[bool]:
    return and_(Revision.entity == entity, Revision.entity_id == entity_id, Revision.field == field)


def record_revision(
    session: Session,
    workshop_id: Callable[[], int],
    entity: str,
    entity_id: int,
    field: str,
    old: str,
    new: str,
    *,
    force: bool = False,
) -> None:
    """Keep `old` as a revision of a field about to hold `new`, unless coalesced with the last.

    `workshop_id` is only called when a revision is written (it costs a query).
    """
    if old == new or not old:
        return
    now = _now()
    where = _field_revisions(entity, entity_id, field)
    # Newest first by id: the scan stops at the field's last revision, usually a recent row.
    latest = session.execute(
        select(Revision.id, Revision.saved_at).where(where).order_by(Revision.id.desc()).limit(1)
    ).first()
    if (
        latest is not None
        and not force
        and now - latest.saved_at < REVISION_INTERVAL
        and not _big_change(old, new)
    ):
        return
    if (
        latest is not None
        and session.scalar(select(Revision.text).where(Revision.id == latest.id)) == old
    ):
        return
    session.add(
        Revision(
            workshop_id=workshop_id(),
            entity=entity,
            entity_id=entity_id,
            field=field,
            text=old,
            saved_at=now,
        )
    )
    session.flush()
    extra = list(
        session.scalars(
            select(Revision.id).where(where).order_by(Revision.id.desc()).offset(REVISIONS_KEPT)
        )
    )
    if extra:
        session.execute(delete(Revision).where(Revision.id.in_(extra)))


def forget_revisions(session: Session, entity: str, entity_id: int) -> None:
    """Drop revisions left by a deleted row whose id a new row now takes."""
    session.execute(
        delete(Revision).where(Revision.entity == entity, Revision.entity_id == entity_id)
    )


def revisions(session: Session, entity: str, entity_id: int, field: str) -> list[RevisionRow]:
    """The earlier texts of a field, newest first."""
    rows = session.scalars(
        select(Revision)
        .where(_field_revisions(entity, entity_id, field))
        .order_by(Revision.id.desc())
    )
    return [RevisionRow(r.id, r.entity, r.entity_id, r.field, r.text, r.saved_at) for r in rows]


def restore_revision(db: Database, revision_id: int) -> None:
    """Put an earlier text back; the text it replaces becomes a revision itself."""
    with db.write() as session:
        revision = session.get(Revision, revision_id)
        if revision is None:
            raise RestitutionsInvalid(_("This earlier version no longer exists."))
        entity, entity_id, text = revision.entity, revision.entity_id, revision.text
        if ENTITY_FIELDS.get(entity) != revision.field:
            raise RestitutionsInvalid(_("This earlier version cannot be restored."))
        workshop = revision.workshop_id

        def keep_current(old: str) -> None:
            record_revision(
                session, lambda: workshop, entity, entity_id, revision.field, old, text, force=True
            )

        if entity == ENTITY_RESTITUTION:
            row = _restitution_row(session, entity_id)
            keep_current(row.notes)
            row.notes = text
        elif entity == ENTITY_ITEM:
            item = _item(session, entity_id)
            keep_current(item.text)
            item.text = text
        elif entity == ENTITY_AGENDA_NOTE:
            from facilitator.store.agenda_notes import note_row  # it imports this module

            note = note_row(session, entity_id)
            keep_current(note.text)
            note.text = text
        else:
            rec = session.get(Recommendation, entity_id)
            if rec is None:
                raise RestitutionsInvalid(_("This recommendation no longer exists."))
            keep_current(rec.text)
            rec.text = text


# Restitutions -----------------------------------------------------------------------------------


def _item_row(item: RestitutionItem, recs: dict[int, list[int]]) -> ItemRow:
    return ItemRow(
        item.id,
        item.group_id,
        item.kind,
        item.text,
        item.rec_type,
        item.actor,
        item.horizon,
        item.priority,
        item.position,
        item.updated_at,
        tuple(recs.get(item.id, ())),
    )


def _recommendations_of(session: Session, item_ids: Sequence[int]) -> dict[int, list[int]]:
    """Item id → ids of the consolidated recommendations it is a source of."""
    found: dict[int, list[int]] = {}
    if not item_ids:
        return found
    rows = session.execute(
        select(RecommendationSource.item_id, RecommendationSource.recommendation_id)
        .where(RecommendationSource.item_id.in_(item_ids))
        .order_by(RecommendationSource.recommendation_id)
    ).tuples()
    for item_id, rec_id in rows:
        if item_id is not None and rec_id not in found.setdefault(item_id, []):
            found[item_id].append(rec_id)
    return found


def _ordered_items(session: Session, group_id: int) -> list[RestitutionItem]:
    return list(
        session.scalars(
            select(RestitutionItem)
            .where(RestitutionItem.group_id == group_id)
            .order_by(RestitutionItem.position, RestitutionItem.id)
        )
    )


def restitution_view(session: Session, group_id: int) -> RestitutionView:
    """A group's rapporteur, notes and items in order (empty when nothing is written yet)."""
    group = _group(session, group_id)
    round_row = session.get(GroupRound, group.round_id)
    assert round_row is not None
    restitution = session.scalar(select(Restitution).where(Restitution.group_id == group_id))
    items = _ordered_items(session, group_id)
    recs = _recommendations_of(session, [item.id for item in items])
    named = session.get(Participant, group.rapporteur_id) if group.rapporteur_id else None
    return RestitutionView(
        group_id=group.id,
        group_name=group.name,
        theme=group.theme,
        round_id=round_row.id,
        round_name=round_row.name,
        rapporteur=restitution.rapporteur if restitution else "",
        notes=restitution.notes if restitution else "",
        items=tuple(_item_row(item, recs) for item in items),
        updated_at=restitution.updated_at if restitution else None,
        group_rapporteur=f"{named.first_name} {named.last_name}".strip() if named else "",
    )


def groups_with_restitutions(session: Session, workshop_id: int) -> list[RoundEntry]:
    """The workshop's rounds and their groups in order, with what each has written."""
    rows = session.execute(
        select(GroupRound.id, GroupRound.name, Group.id, Group.name, Group.theme)
        .join(Group, Group.round_id == GroupRound.id)
        .where(GroupRound.workshop_id == workshop_id)
        .order_by(GroupRound.position, GroupRound.id, Group.position, Group.id)
    ).tuples()
    counts: dict[int, dict[str, int]] = {}
    for group_id, kind, number in session.execute(
        select(RestitutionItem.group_id, RestitutionItem.kind, func.count())
        .join(Group, Group.id == RestitutionItem.group_id)
        .join(GroupRound, GroupRound.id == Group.round_id)
        .where(GroupRound.workshop_id == workshop_id)
        .group_by(RestitutionItem.group_id, RestitutionItem.kind)
    ).tuples():
        counts.setdefault(group_id, {})[kind] = number
    written = {
        group_id: (rapporteur, has_notes)
        for group_id, rapporteur, has_notes in session.execute(
            select(Restitution.group_id, Restitution.rapporteur, Restitution.notes != "")
            .join(Group, Group.id == Restitution.group_id)
            .join(GroupRound, GroupRound.id == Group.round_id)
            .where(GroupRound.workshop_id == workshop_id)
        ).tuples()
    }
    rounds: dict[int, tuple[str, list[GroupEntry]]] = {}
    for round_id, round_name, group_id, name, theme in rows:
        by_kind = counts.get(group_id, {})
        rapporteur, has_notes = written.get(group_id, ("", False))
        entry = GroupEntry(
            group_id,
            name,
            theme,
            rapporteur,
            bool(has_notes),
            sum(by_kind.values()),
            tuple(
                (kind, by_kind.get(kind, 0))
                for kind in (*KINDS, *sorted(set(by_kind) - set(KINDS)))
            ),
        )
        rounds.setdefault(round_id, (round_name, []))[1].append(entry)
    return [RoundEntry(rid, name, tuple(groups)) for rid, (name, groups) in rounds.items()]


def _restitution_row(session: Session, group_id: int) -> Restitution:
    row = session.scalar(select(Restitution).where(Restitution.group_id == group_id))
    if row is None:
        _group(session, group_id)
        forget_revisions(session, ENTITY_RESTITUTION, group_id)
        row = Restitution(group_id=group_id, rapporteur="", notes="")
        session.add(row)
    return row


def save_restitution(
    db: Database, group_id: int, *, rapporteur: str | None = None, notes: str | None = None
) -> None:
    """Save a group's rapporteur and/or notes (None leaves one as it is)."""
    if rapporteur is not None:
        rapporteur = clean_text(rapporteur)
        if len(rapporteur) > RAPPORTEUR_MAX:
            raise RestitutionsInvalid(
                _("The rapporteur's name is too long ({max} characters at most).").format(
                    max=RAPPORTEUR_MAX
                )
            )
    if notes is not None:
        notes = clean_text(notes)
    with db.write() as session:
        if not rapporteur and not notes:
            # Leaving an untouched group writes nothing: an empty row would mark it as written.
            exists = session.scalar(select(Restitution.id).where(Restitution.group_id == group_id))
            if exists is None:
                _group(session, group_id)
                return
        row = _restitution_row(session, group_id)
        if rapporteur is not None and row.rapporteur != rapporteur:
            row.rapporteur = rapporteur
        if notes is not None and row.notes != notes:
            record_revision(
                session,
                lambda: group_workshop_id(session, group_id),
                ENTITY_RESTITUTION,
                group_id,
                "notes",
                row.notes,
                notes,
            )
            row.notes = notes


def add_item(
    db: Database,
    group_id: int,
    kind: str,
    text: str = "",
    *,
    after_id: int | None = None,
    rec_type: str | None = None,
    actor: str = "",
    horizon: str | None = None,
    priority: int | None = None,
) -> int:
    """Add an item at the end of the group's list (or just after `after_id`); returns its id."""
    item = RestitutionItem(
        group_id=group_id,
        kind=check_kind(kind),
        text=clean_text(text),
        rec_type=check_rec_type(rec_type),
        actor=clean_text(actor),
        horizon=check_horizon(horizon),
        priority=check_priority(priority),
    )
    with db.write() as session:
        _group(session, group_id)
        if after_id is not None:
            after = _item(session, after_id)
            if after.group_id != group_id:
                raise RestitutionsInvalid(_("This item belongs to another group."))
            item.position = after.position + 1
            _shift_items(session, group_id, item.position)
        else:
            last = session.scalar(
                select(func.max(RestitutionItem.position)).where(
                    RestitutionItem.group_id == group_id
                )
            )
            item.position = 0 if last is None else last + 1
        session.add(item)
        session.flush()
        forget_revisions(session, ENTITY_ITEM, item.id)
        return item.id


def _shift_items(session: Session, group_id: int, from_position: int) -> None:
    """Make room at `from_position` in a group's list."""
    session.execute(
        update(RestitutionItem)
        .where(RestitutionItem.group_id == group_id, RestitutionItem.position >= from_position)
        .values(position=RestitutionItem.position + 1)
    )


def update_item(
    db: Database,
    item_id: int,
    *,
    text: str | None = None,
    kind: str | None = None,
    rec_type: str | None | Keep = KEEP,
    actor: str | None = None,
    horizon: str | None | Keep = KEEP,
    priority: int | None | Keep = KEEP,
) -> None:
    """Change some fields of an item. None leaves text, kind and actor as they are; for the
    recommendation fields, KEEP leaves them and None clears them."""
    with db.write() as session:
        item = _item(session, item_id)
        if text is not None:
            text = clean_text(text)
            if text != item.text:
                record_revision(
                    session,
                    lambda: group_workshop_id(session, item.group_id),
                    ENTITY_ITEM,
                    item_id,
                    "text",
                    item.text,
                    text,
                )
                item.text = text
        if kind is not None:
            item.kind = check_kind(kind)
        if actor is not None:
            item.actor = clean_text(actor)
        if rec_type is not KEEP:
            item.rec_type = check_rec_type(rec_type)
        if horizon is not KEEP:
            item.horizon = check_horizon(horizon)
        if priority is not KEEP:
            item.priority = check_priority(priority)


def delete_item(db: Database, item_id: int) -> ItemRow:
    """Delete an item; returns it as it was, for restore_item (its revisions are kept)."""
    with db.write() as session:
        item = _item(session, item_id)
        row = _item_row(item, _recommendations_of(session, [item_id]))
        session.delete(item)
        return row


def restore_item(db: Database, row: ItemRow) -> int:
    """Put a deleted item back with its id, place and links to consolidated recommendations.

    Returns its id: the same one, unless a newer item has taken it meanwhile.
    """
    with db.write() as session:
        _group(session, row.group_id)
        taken = session.get(RestitutionItem, row.id) is not None
        # Its place is free unless the list was reordered since: then make room.
        if session.scalar(
            select(RestitutionItem.id)
            .where(
                RestitutionItem.group_id == row.group_id, RestitutionItem.position == row.position
            )
            .limit(1)
        ):
            _shift_items(session, row.group_id, row.position)
        item = RestitutionItem(
            group_id=row.group_id,
            kind=row.kind,
            text=row.text,
            rec_type=row.rec_type,
            actor=row.actor,
            horizon=row.horizon,
            priority=row.priority,
            position=row.position,
        )
        if not taken:
            item.id = row.id
        session.add(item)
        session.flush()
        for rec_id in row.recommendation_ids:
            if session.get(Recommendation, rec_id) is None:
                continue
            source = session.scalar(
                select(RecommendationSource)
                .where(
                    RecommendationSource.recommendation_id == rec_id,
                    RecommendationSource.group_id == row.group_id,
                    RecommendationSource.item_id.is_(None),
                )
                .limit(1)
            )
            if source is None:
                session.add(
                    RecommendationSource(
                        recommendation_id=rec_id, group_id=row.group_id, item_id=item.id
                    )
                )
            else:
                source.item_id = item.id
        return item.id


def set_order(db: Database, group_id: int, ids: Sequence[int]) -> None:
    """Order some of a group's items as `ids`: they take the places those items held (all the
    group's items reorder the whole list; the items of one kind reorder that kind only)."""
    with db.write() as session:
        _reorder(session, group_id, ids)


class _Positioned(Protocol):
    id: int
    position: int


def reorder_in_place(rows: Sequence[_Positioned], ids: Sequence[int]) -> bool:
    """Put the rows named by `ids`, in that order, into the places those rows held, and number
    every row's position again; False (nothing changed) when `ids` are not distinct rows."""
    by_id = {row.id: row for row in rows}
    if len(set(ids)) != len(ids) or not set(ids) <= set(by_id):
        return False
    chosen = set(ids)
    slots = iter(ids)
    order = [by_id[next(slots)] if row.id in chosen else row for row in rows]
    for position, row in enumerate(order):
        if row.position != position:
            row.position = position
    return True


def _reorder(session: Session, group_id: int, ids: Sequence[int]) -> None:
    if not reorder_in_place(_ordered_items(session, group_id), ids):
        raise RestitutionsInvalid(_("These items are not all items of this group."))


def move_item(db: Database, item_id: int, new_position: int) -> None:
    """Move an item to `new_position` among its group's items of the same kind (0 is first)."""
    with db.write() as session:
        item = _item(session, item_id)
        same = [i.id for i in _ordered_items(session, item.group_id) if i.kind == item.kind]
        same.remove(item_id)
        same.insert(max(0, min(new_position, len(same))), item_id)
        _reorder(session, item.group_id, same)
