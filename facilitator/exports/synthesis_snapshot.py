"""The end-of-day synthesis as a plain snapshot: every string already worded for the reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from facilitator.core.text import french_spacing as french_spacing
from facilitator.i18n import speaking as speaking  # the writers speak the report's language

Progress = Callable[[int, int], None]

# The report's sections, in the order they are printed.
SECTIONS = (
    "cover",
    "context",
    "participation",
    "agenda",
    "groups",
    "restitutions",
    "recommendations",
    "annexes",
)

@dataclass(frozen=True)
class SynthesisOptions:
    """What the organiser chose to put in the report."""

    sections: frozenset[str] = frozenset(SECTIONS)
    include_contacts: bool = False  # phone numbers and e-mails: off, the report is shared
    language: str = "fr"


@dataclass(frozen=True)
class Section:
    """A section as printed: its key (one of SECTIONS) and its numbered title."""

    key: str
    title: str


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str  # « Rapport de synthèse »
    dates_label: str  # « 27 octobre 2023 »
    venue: str  # « Hôtel BIG FAIM, Thiès »
    organisers: tuple[str, ...]  # one line each
    prepared_label: str  # « Rapport établi le 27 octobre 2023 »


@dataclass(frozen=True)
class TextBlock:
    """A heading and its paragraphs; a paragraph starting with « - » is a bullet."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class CountRow:
    """One line of a participation table: registered, then present on each day."""

    label: str
    registered: int
    present: tuple[int, ...]  # one per day, in the order of Participation.day_labels
    present_any: int  # present on at least one day


@dataclass(frozen=True)
class Participation:
    day_labels: tuple[str, ...]  # « Vendredi 27 octobre 2023 »
    short_day_labels: tuple[str, ...]  # « 27/10 » for narrow columns and the chart
    by_type: tuple[CountRow, ...]
    by_gender: tuple[CountRow, ...]
    total: CountRow
    summary: str  # « 60 inscrits, 52 présents (87 %) »


@dataclass(frozen=True)
class AgendaRow:
    """One agenda item or sub-item with its planned and actual local times."""

    level: int  # 0 for an item, 1 for a sub-item
    title: str
    kind: str  # translated
    speakers: str
    planned_start: dt.datetime
    planned_end: dt.datetime
    actual_start: dt.datetime | None
    actual_end: dt.datetime | None
    delay_minutes: int | None  # minutes late at the start (negative: early), None if not run
    delay_label: str  # « +25 min », « à l'heure », "" when not run
    notes: tuple[str, ...]  # paragraphs


@dataclass(frozen=True)
class AgendaDay:
    label: str
    rows: tuple[AgendaRow, ...]
    summary: str  # « Début prévu 08:30, effectif 08:05 ; fin prévue 13:30, effective 14:05 »


@dataclass(frozen=True)
class GroupMemberLine:
    name: str  # « Awa NDIAYE »
    organisation: str
    category: str


@dataclass(frozen=True)
class GroupEntry:
    round_name: str
    name: str
    theme: str
    room: str
    moderator: str
    rapporteur: str
    members: tuple[GroupMemberLine, ...]


@dataclass(frozen=True)
class RestitutionLine:
    text: str
    details: str  # « Politique · MAESE · 2 à 5 ans · priorité 1 », "" when none


@dataclass(frozen=True)
class RestitutionBlock:
    kind: str  # challenge, opportunity, good_practice, recommendation, or another stored key
    heading: str  # « Défis »
    lines: tuple[RestitutionLine, ...]


@dataclass(frozen=True)
class RestitutionEntry:
    group_name: str
    theme: str
    rapporteur: str
    notes: tuple[str, ...]
    blocks: tuple[RestitutionBlock, ...]


@dataclass(frozen=True)
class RecommendationRow:
    number: int
    text: str
    type_label: str
    actor: str
    horizon_label: str
    priority: int | None
    votes: int
    groups: tuple[str, ...]
    kept: bool


@dataclass(frozen=True)
class ParticipantLine:
    number: int
    last_name: str
    first_name: str
    organisation: str
    function: str
    category: str
    gender: str  # "F", "M" or ""
    phone: str  # "" unless contacts are included
    email: str  # likewise
    arrivals: tuple[dt.datetime | None, ...]  # local check-in time on each day, None when absent


@dataclass(frozen=True)
class SynthesisSnapshot:
    """The whole report; a part is None or empty when its section is left out."""

    options: SynthesisOptions
    workshop_title: str
    dates_label: str
    venue: str
    sections: tuple[Section, ...]  # the sections printed, chosen and with something to say
    cover: Cover | None = None
    context: tuple[TextBlock, ...] = ()
    participation: Participation | None = None
    agenda: tuple[AgendaDay, ...] = ()
    groups: tuple[GroupEntry, ...] = ()
    restitutions: tuple[RestitutionEntry, ...] = ()
    recommendations: tuple[RecommendationRow, ...] = ()
    day_labels: tuple[str, ...] = ()  # the workshop's days, for the annex columns
    short_day_labels: tuple[str, ...] = ()
    participants: tuple[ParticipantLine, ...] = ()
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def language(self) -> str:
        return self.options.language

    @property
    def include_contacts(self) -> bool:
        return self.options.include_contacts

    def has(self, key: str) -> bool:
        return any(section.key == key for section in self.sections)

    def title_of(self, key: str) -> str:
        return next(section.title for section in self.sections if section.key == key)

    @property
    def body_sections(self) -> tuple[Section, ...]:
        """The sections after the cover, which the table of contents lists."""
        return tuple(section for section in self.sections if section.key != "cover")
