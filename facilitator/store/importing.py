"""Importing a participant list into a workshop: merge the same person, never duplicate.

A person already registered (same e-mail, or same normalised name and organisation) is updated
with the list's non-empty values, except that a name written otherwise keeps its better spelling
(accents, mixed case); importing the same file twice adds nobody.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from facilitator.core.badges import new_token
from facilitator.core.categories import TypeName, category_key, match_type
from facilitator.core.participant_columns import ParsedList, ParticipantRow, SkippedRow
from facilitator.core.text import email_key, fold
from facilitator.i18n import _, ngettext, number
from facilitator.store.database import Database
from facilitator.store.models import Organisation, Participant, ParticipantType
from facilitator.store.participants import (
    FIELD_LIMITS,
    OrganisationCache,
    column_length,
    length_problem,
    stored_name_key,
)
from facilitator.store.workshops import get_workshop, slugify

Progress = Callable[[int, int], None]

NEW_TYPE_COLOURS = ("#5A6B7B", "#8C564B", "#4B7F52", "#6A5ACD", "#A0522D", "#2F6F8F")
# What the user may choose for a category value, besides an existing type's id.
NEW_TYPE = "new"  # a type of its own, named after the value
NO_TYPE = "none"  # participants without a type
TypeChoice = int | str
_TYPE_NAME_LIMIT = column_length(ParticipantType.__table__.c.name)
_TYPE_KEY_LIMIT = column_length(ParticipantType.__table__.c.key)
WRITE_CHUNK = 500  # rows per statement: progress moves while a long list is written


@dataclass(frozen=True)
class CategoryPlan:
    """Where the participants of one category value go (the wizard shows it before importing).

    `key` is the value's identity (core.categories.category_key): « Ministère » and « MINISTÈRES »
    are one value. `type_id` is the existing type they join, None for a new type (`new`) or
    for no type. `how`: "name" (same words as the type), "meaning" (same kind of participant),
    "chosen" (the user's choice), "new" or "none".
    """

    key: str
    values: tuple[str, ...]  # the spellings met, the first one first
    count: int
    type_id: int | None
    type_name: str
    how: str

    @property
    def new(self) -> bool:
        return self.how == "new"


@dataclass
class ImportReport:
    """What an import did (or would do, in a dry run)."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    new_types: list[str] = field(default_factory=list)
    categories: list[CategoryPlan] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "new_types": self.new_types,
            "categories": [
                {
                    "value": plan.values[0],
                    "count": plan.count,
                    "type": plan.type_name or None,
                    "new": plan.new,
                }
                for plan in self.categories
            ],
        }


def new_type_name(category: str) -> str:
    """The name a new type made from a category value gets (within its column's length)."""
    name = " ".join(category.split())
    if len(name) > _TYPE_NAME_LIMIT:
        name = name[: _TYPE_NAME_LIMIT - 1].rstrip() + "…"
    return name


class _TypeMatcher:
    """Finds the participant type each category value means (core.categories), or the one the
    user chose for it, and creates a type for a value nothing matches."""

    def __init__(
        self,
        session: Session,
        workshop_id: int,
        report: ImportReport,
        choices: Mapping[str, TypeChoice],
    ) -> None:
        self.session, self.workshop_id, self.report = session, workshop_id, report
        self.choices = choices
        self.types = list(
            session.scalars(
                select(ParticipantType)
                .where(ParticipantType.workshop_id == workshop_id)
                .order_by(ParticipantType.position)
            )
        )
        self.existing = {t.id for t in self.types}
        self.cache: dict[str, tuple[ParticipantType | None, str]] = {}
        self.seen: dict[str, tuple[list[str], list[int]]] = {}  # key: (spellings, [count])

    def _names(self) -> list[TypeName]:
        return [TypeName(t.id, t.key, t.name) for t in self.types]

    def match(self, category: str) -> ParticipantType | None:
        key = category_key(category)
        if not key:
            return None
        spellings, count = self.seen.setdefault(key, ([], [0]))
        value = " ".join(category.split())
        if value not in spellings:
            spellings.append(value)
        count[0] += 1
        if key not in self.cache:
            self.cache[key] = self._decide(key, category)
        return self.cache[key][0]

    def _decide(self, key: str, category: str) -> tuple[ParticipantType | None, str]:
        choice = self.choices.get(key)
        if choice == NO_TYPE:
            return None, "none"
        if isinstance(choice, int) and choice in self.existing:
            return next(t for t in self.types if t.id == choice), "chosen"
        found, how = match_type(category, self._names())
        if found is not None and (choice != NEW_TYPE or how == "name"):
            return next(t for t in self.types if t.id == found.id), how
        return self._create(category), "new"

    def _create(self, category: str) -> ParticipantType:
        position = max((t.position for t in self.types), default=-1) + 1
        taken = {t.key for t in self.types}
        base = slugify(category).replace("-", "_")[: _TYPE_KEY_LIMIT - 10]
        key, n = f"{base}_{position}", 2
        while key in taken:
            key, n = f"{base}_{position}_{n}", n + 1
        created = ParticipantType(
            workshop_id=self.workshop_id,
            key=key,
            name=new_type_name(category),
            colour=NEW_TYPE_COLOURS[position % len(NEW_TYPE_COLOURS)],
            position=position,
        )
        self.session.add(created)
        self.session.flush()
        self.types.append(created)
        self.report.new_types.append(created.name)
        return created

    def plans(self) -> list[CategoryPlan]:
        """Each category value met, in the order of the list, and where it went."""
        result: list[CategoryPlan] = []
        for key, (spellings, count) in self.seen.items():
            ptype, how = self.cache[key]
            result.append(
                CategoryPlan(
                    key,
                    tuple(spellings),
                    count[0],
                    None if how in ("new", "none") or ptype is None else ptype.id,
                    ptype.name if ptype is not None else "",
                    how,
                )
            )
        return result


_FIELDS = ("first_name", "last_name", "function", "gender", "email", "phone")
_NAME_FIELDS = ("first_name", "last_name")


def _accented_letters(text: str) -> int:
    return sum(1 for char in unicodedata.normalize("NFD", text) if unicodedata.combining(char))


def _mixed_case(text: str) -> bool:
    return any(char.isupper() for char in text) and any(char.islower() for char in text)


def better_spelling(registered: str, listed: str) -> str:
    """The name to keep when a list gives `listed` for a name registered as `registered`.

    Another name (once folded) is a correction: the list wins. The same name written otherwise
    (« GUÈYE » and « gueye », « Diatta » and « DIATTA ») keeps the better-written spelling: the
    one with more accented letters, then the one in mixed case rather than all capitals or all
    lower case; the registered one when neither is better.
    """
    if fold(listed) != fold(registered):
        return listed

    def quality(text: str) -> tuple[int, bool]:
        return _accented_letters(text), _mixed_case(text)

    return listed if quality(listed) > quality(registered) else registered


@dataclass
class _Person:
    """A participant as the import sees it: a registered one (id set) or one to add."""

    id: int | None
    first_name: str
    last_name: str
    function: str
    gender: str | None
    email: str
    phone: str
    notes: str
    organisation_id: int | None
    organisation_key: str
    type_id: int | None
    name_key: str
    email_key: str
    original: dict[str, object] | None = None  # as registered before this import
    counted: bool = False

    @property
    def changed(self) -> bool:
        return self.original is not None and self.values() != self.original

    def merge(self, row: ParticipantRow, type_id: int | None, org: Organisation | None) -> bool:
        """Fill in details from a list row; True when something changed."""
        changed = False
        for name in _FIELDS:
            value = getattr(row, name)
            if name == "email" and email_key(value) == self.email_key:
                continue  # the same address in other capitals is no change
            if value and name in _NAME_FIELDS:
                value = better_spelling(getattr(self, name), value)
            if value and getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        if org is not None and self.organisation_id != org.id:
            self.organisation_id, self.organisation_key = org.id, org.name_key
            changed = True
        if type_id is not None and self.type_id != type_id:
            self.type_id = type_id
            changed = True
        if row.notes and row.notes not in self.notes:
            self.notes = f"{self.notes}\n{row.notes}".strip()
            changed = True
        if changed:
            self.name_key = stored_name_key(self.first_name, self.last_name)
            self.email_key = email_key(self.email)
        return changed

    def values(self) -> dict[str, object]:
        return {
            name: getattr(self, name)
            for name in (*_FIELDS, "notes", "organisation_id", "type_id", "name_key", "email_key")
        }


def _registered(session: Session, workshop_id: int) -> list[_Person]:
    org_keys: dict[int, str] = {
        org_id: key
        for org_id, key in session.execute(
            select(Organisation.id, Organisation.name_key).where(
                Organisation.workshop_id == workshop_id
            )
        )
    }
    columns = (*_FIELDS, "notes", "organisation_id", "type_id", "name_key", "email_key")
    rows = session.execute(
        select(Participant.id, *(getattr(Participant, name) for name in columns)).where(
            Participant.workshop_id == workshop_id
        )
    )
    people: list[_Person] = []
    for row in rows:
        values = dict(zip(columns, row[1:], strict=True))
        org_id = values["organisation_id"]
        person = _Person(
            id=row[0], organisation_key=org_keys.get(org_id, "") if org_id else "", **values
        )
        person.original = person.values()
        people.append(person)
    return people


def _too_long(row: ParticipantRow) -> str | None:
    """Why a row cannot be imported as it is: a value longer than its column holds."""
    for name in FIELD_LIMITS:
        problem = length_problem(name, getattr(row, name))
        if problem:
            return problem
    return None


def import_participants(
    session: Session,
    workshop_id: int,
    parsed: ParsedList,
    progress: Progress | None = None,
    choices: Mapping[str, TypeChoice] | None = None,
) -> ImportReport:
    """Add or merge every row of a parsed list; the caller commits (or rolls back a dry run).

    `choices` says which type a category value goes to (by core.categories.category_key), where
    the user chose otherwise than the automatic match. A row with a value longer than its
    column holds is skipped with the reason. `progress(done, total)` counts each row twice:
    once matched, once written.

    Rows are matched in memory and written with bulk statements: 10,000 rows in well under
    the 3 s budget, where one ORM object per row took several seconds.
    """
    get_workshop(session, workshop_id)
    report = ImportReport(skipped=list(parsed.skipped))
    types = _TypeMatcher(session, workshop_id, report, choices or {})
    orgs = OrganisationCache(session, workshop_id)
    people = _registered(session, workshop_id)
    by_email = {p.email_key: p for p in people if p.email_key}
    by_name = {(p.name_key, p.organisation_key): p for p in people}
    added: list[_Person] = []
    total = 2 * len(parsed.rows)
    for index, row in enumerate(parsed.rows):
        if progress is not None and index % WRITE_CHUNK == 0:
            progress(index, total)
        problem = _too_long(row)
        if problem is not None:
            report.skipped.append(SkippedRow(row.line, problem))
            continue
        org = orgs.get(row.organisation)
        if org is not None and org.id is None:
            session.flush()
        ptype = types.match(row.category)
        type_id = ptype.id if ptype else None
        e_key, n_key = email_key(row.email), stored_name_key(row.first_name, row.last_name)
        org_key = org.name_key if org else ""
        person = (by_email.get(e_key) if e_key else None) or by_name.get((n_key, org_key))
        if person is None:
            person = _Person(
                None,
                row.first_name,
                row.last_name,
                row.function,
                row.gender,
                row.email,
                row.phone,
                row.notes,
                org.id if org else None,
                org_key,
                type_id,
                n_key,
                e_key,
                counted=True,
            )
            added.append(person)
            report.imported += 1
        else:
            person.merge(row, type_id, org)
            person.counted = True
        if person.email_key:
            by_email.setdefault(person.email_key, person)
        by_name.setdefault((person.name_key, person.organisation_key), person)
    report.skipped.sort(key=lambda skipped: skipped.line)
    report.categories = types.plans()
    touched = [p for p in people if p.counted]
    changed = [{"id": p.id, **p.values()} for p in touched if p.changed]
    report.updated, report.unchanged = len(changed), len(touched) - len(changed)
    _write(session, workshop_id, added, changed, progress, total)
    return report


def _write(
    session: Session,
    workshop_id: int,
    added: list[_Person],
    changed: list[dict[str, object]],
    progress: Progress | None,
    total: int,
) -> None:
    """Insert the new participants and update the changed ones, a chunk at a time."""
    done = total // 2
    rows: list[tuple[str, list[dict[str, object]]]] = [
        (
            "insert",
            [
                {**p.values(), "workshop_id": workshop_id, "badge_token": new_token(workshop_id)}
                for p in added
            ],
        ),
        ("update", changed),
    ]
    # The rows written count for the rows of the list (merged and unchanged ones included).
    step = (total - done) / max(len(added) + len(changed), 1)
    written = 0
    for kind, values in rows:
        for start in range(0, len(values), WRITE_CHUNK):
            chunk = values[start : start + WRITE_CHUNK]
            if progress is not None:
                progress(done + int(written * step), total)
            statement = insert(Participant) if kind == "insert" else update(Participant)
            session.execute(statement, chunk)
            written += len(chunk)
    if progress is not None:
        progress(total, total)


def import_into(
    db: Database,
    workshop_id: int,
    parsed: ParsedList,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    choices: Mapping[str, TypeChoice] | None = None,
) -> ImportReport:
    """The whole import as a user runs it: a backup first, then one transaction (none if dry)."""
    if not dry_run:
        db.backup("before-import")
    # A trial run starts as a reader, so that previews do not hold the write lock from the
    # start against other desks; whatever it writes is rolled back.
    with db.reader() if dry_run else db.session() as session:
        report = import_participants(session, workshop_id, parsed, progress, choices)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    return report


def describe(report: ImportReport, dry_run: bool) -> str:
    """One sentence for a person: what the import did."""
    skipped = len(report.skipped)
    parts = (
        ngettext("{n} participant added", "{n} participants added", report.imported),
        ngettext("{n} updated", "{n} updated", report.updated),
        ngettext("{n} already up to date", "{n} already up to date", report.unchanged),
        ngettext("{n} line skipped", "{n} lines skipped", skipped),
    )
    counts = (report.imported, report.updated, report.unchanged, skipped)
    text = ", ".join(part.format(n=number(n)) for part, n in zip(parts, counts, strict=True))
    text += "."
    if dry_run:
        text = _("Trial run, nothing was saved: {summary}").format(summary=text)
    return text
