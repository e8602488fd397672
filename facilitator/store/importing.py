"""Importing a participant list into a workshop: merge the same person, never duplicate.

A person already registered (same e-mail, or same normalised name and organisation) is updated
with the list's non-empty values; importing the same file twice adds nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.badges import new_token
from facilitator.core.participant_columns import ParsedList, ParticipantRow, SkippedRow
from facilitator.core.text import email_key, fold, name_key
from facilitator.i18n import _
from facilitator.store.database import Database
from facilitator.store.models import Organisation, Participant, ParticipantType
from facilitator.store.participants import OrganisationCache
from facilitator.store.workshops import get_workshop, slugify

Progress = Callable[[int, int], None]

# Words organisers use in a category column, by participant type key (folded).
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "ministry": ("ministere", "ministry", "gouvernement", "government", "administration", "etat"),
    "embassy": ("ambassade", "embassy", "diplomat", "consulat", "representation diplomatique"),
    "international": (
        "organisation internationale", "international", "oi", "onu", "nations unies",
        "agence", "bailleur", "partenaire technique", "ptf",
    ),
    "civil_society": ("societe civile", "civil society", "osc", "ong", "ngo", "association"),
    "private_sector": ("prive", "private", "entreprise", "company", "business", "patronat"),
    "media": ("media", "presse", "press", "journaliste", "journalist", "radio", "television"),
    "migrant": ("migrant", "diaspora", "beneficiaire", "beneficiary"),
}
NEW_TYPE_COLOURS = ("#5A6B7B", "#8C564B", "#4B7F52", "#6A5ACD", "#A0522D", "#2F6F8F")


@dataclass
class ImportReport:
    """What an import did (or would do, in a dry run)."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    new_types: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "new_types": self.new_types,
        }


class _TypeMatcher:
    """Finds the participant type a category text means, creating one for an unknown category."""

    def __init__(self, session: Session, workshop_id: int, report: ImportReport) -> None:
        self.session, self.workshop_id, self.report = session, workshop_id, report
        self.types = list(
            session.scalars(
                select(ParticipantType)
                .where(ParticipantType.workshop_id == workshop_id)
                .order_by(ParticipantType.position)
            )
        )
        self.cache: dict[str, ParticipantType | None] = {}

    def match(self, category: str) -> ParticipantType | None:
        key = fold(category)
        if not key:
            return None
        if key not in self.cache:
            self.cache[key] = self._find(key) or self._create(category)
        return self.cache[key]

    def _find(self, key: str) -> ParticipantType | None:
        for t in self.types:
            if key in (fold(t.name), fold(t.key)):
                return t
        words = f" {key} "
        for t in self.types:
            for word in CATEGORY_WORDS.get(t.key, ()):
                if f" {word}" in words:
                    return t
        return None

    def _create(self, category: str) -> ParticipantType:
        position = len(self.types)
        created = ParticipantType(
            workshop_id=self.workshop_id,
            key=slugify(category).replace("-", "_")[:50] + f"_{position}",
            name=" ".join(category.split()),
            colour=NEW_TYPE_COLOURS[position % len(NEW_TYPE_COLOURS)],
            position=position,
        )
        self.session.add(created)
        self.types.append(created)
        self.report.new_types.append(created.name)
        return created


_FIELDS = ("first_name", "last_name", "function", "gender", "email", "phone")


def _merge(
    participant: Participant,
    row: ParticipantRow,
    ptype: ParticipantType | None,
    org: Organisation | None,
) -> bool:
    """Fill a registered person's details from a list row; True when something changed."""
    changed = False
    for name in _FIELDS:
        value = getattr(row, name)
        if value and getattr(participant, name) != value:
            setattr(participant, name, value)
            changed = True
    if org is not None and participant.organisation is not org:
        participant.organisation = org
        changed = True
    if ptype is not None and participant.type is not ptype:
        participant.type = ptype
        changed = True
    if row.notes and row.notes not in participant.notes:
        participant.notes = f"{participant.notes}\n{row.notes}".strip()
        changed = True
    if changed:
        participant.name_key = name_key(participant.first_name, participant.last_name)
        participant.email_key = email_key(participant.email)
    return changed


def _identity(person: Participant) -> tuple[str, str]:
    """Same normalised name and same organisation: the same person."""
    return person.name_key, person.organisation.name_key if person.organisation else ""


def import_participants(
    session: Session, workshop_id: int, parsed: ParsedList, progress: Progress | None = None
) -> ImportReport:
    """Add or merge every row of a parsed list; the caller commits (or rolls back a dry run)."""
    get_workshop(session, workshop_id)
    report = ImportReport(skipped=list(parsed.skipped))
    types = _TypeMatcher(session, workshop_id, report)
    orgs = OrganisationCache(session, workshop_id)
    existing = list(
        session.scalars(select(Participant).where(Participant.workshop_id == workshop_id))
    )
    by_email = {p.email_key: p for p in existing if p.email_key}
    by_name = {_identity(p): p for p in existing}
    seen: set[int] = set()  # Python ids of participants already touched by this file
    total = len(parsed.rows)
    with session.no_autoflush:
        for index, row in enumerate(parsed.rows):
            org = orgs.get(row.organisation)
            ptype = types.match(row.category)
            e_key, n_key = email_key(row.email), name_key(row.first_name, row.last_name)
            identity = (n_key, org.name_key if org else "")
            match = (by_email.get(e_key) if e_key else None) or by_name.get(identity)
            if match is None:
                person = Participant(
                    workshop_id=workshop_id,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    organisation=org,
                    function=row.function,
                    type=ptype,
                    gender=row.gender,
                    email=row.email,
                    phone=row.phone,
                    notes=row.notes,
                    name_key=n_key,
                    email_key=e_key,
                    badge_token=new_token(workshop_id),
                )
                session.add(person)
                report.imported += 1
            else:
                person = match
                changed = _merge(person, row, ptype, org)
                if id(person) not in seen:  # a second row of one file is merged silently
                    if changed:
                        report.updated += 1
                    else:
                        report.unchanged += 1
            seen.add(id(person))
            if person.email_key:
                by_email.setdefault(person.email_key, person)
            by_name.setdefault(_identity(person), person)
            if progress is not None and (index % 200 == 0 or index == total - 1):
                progress(index + 1, total)
    session.flush()
    return report


def import_into(
    db: Database,
    workshop_id: int,
    parsed: ParsedList,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """The whole import as a user runs it: a backup first, then one transaction (none if dry)."""
    if not dry_run:
        db.backup("before-import")
    with db.session() as session:
        report = import_participants(session, workshop_id, parsed, progress)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    return report


def describe(report: ImportReport, dry_run: bool) -> str:
    """One sentence for a person: what the import did."""
    text = _(
        "{imported} added, {updated} updated, {unchanged} already up to date, {skipped} skipped."
    ).format(
        imported=report.imported,
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=len(report.skipped),
    )
    if dry_run:
        text = _("Trial run, nothing was saved: {summary}").format(summary=text)
    return text
