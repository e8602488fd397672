"""SQLAlchemy typed models of a whole workshop event: the only description of the schema.

Instants are stored in UTC (naive `datetime`, UTC by convention); planned agenda times are local
wall-clock times of the workshop's day and time zone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from facilitator.store.stored_types import stored_date, stored_datetime, stored_time

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current instant in UTC, naive, as stored."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Workshop(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[dt.date] = mapped_column(stored_date(nullable=False))
    end_date: Mapped[dt.date] = mapped_column(stored_date(nullable=False))
    venue: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Africa/Dakar")
    organisers: Mapped[str] = mapped_column(Text, default="")
    context: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    expected_results: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(stored_datetime(nullable=False), default=utcnow)

    days: Mapped[list[WorkshopDay]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", order_by="WorkshopDay.date"
    )
    participant_types: Mapped[list[ParticipantType]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", order_by="ParticipantType.position"
    )

    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates_in_order"),)


class WorkshopDay(Base):
    __tablename__ = "workshop_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(stored_date(nullable=False))

    workshop: Mapped[Workshop] = relationship(back_populates="days")

    __table_args__ = (UniqueConstraint("workshop_id", "date"),)


class ParticipantType(Base):
    __tablename__ = "participant_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    colour: Mapped[str] = mapped_column(String(9), default="#777777")
    position: Mapped[int] = mapped_column(Integer, default=0)

    workshop: Mapped[Workshop] = relationship(back_populates="participant_types")

    __table_args__ = (UniqueConstraint("workshop_id", "key"),)


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300))

    __table_args__ = (UniqueConstraint("workshop_id", "name_key"),)


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(150), default="")
    last_name: Mapped[str] = mapped_column(String(150), default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    function: Mapped[str] = mapped_column(String(300), default="")
    type_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant_types.id", ondelete="SET NULL"), index=True
    )
    gender: Mapped[str | None] = mapped_column(String(1))
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(80), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Normalised identity, for de-duplication on import and for accent-insensitive search.
    name_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    email_key: Mapped[str] = mapped_column(String(320), default="", index=True)
    badge_token: Mapped[str] = mapped_column(String(40), unique=True)
    badge_printed_at: Mapped[dt.datetime | None] = mapped_column(stored_datetime(nullable=True))
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(stored_datetime(nullable=False), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        stored_datetime(nullable=False), default=utcnow, onupdate=utcnow
    )

    organisation: Mapped[Organisation | None] = relationship()
    type: Mapped[ParticipantType | None] = relationship()

    __table_args__ = (CheckConstraint("gender IN ('F', 'M') OR gender IS NULL", name="gender"),)


class CheckIn(Base):
    """A participant's presence on one day: inserted once, guarded by the unique constraint."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[dt.date] = mapped_column(stored_date(nullable=False))
    checked_in_at: Mapped[dt.datetime] = mapped_column(stored_datetime(nullable=False))
    desk: Mapped[str] = mapped_column(String(80), default="")

    __table_args__ = (UniqueConstraint("participant_id", "day"),)


class AgendaItem(Base):
    """An item of a day's agenda, or a timed sub-item of one (parent_id set)."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[dt.date] = mapped_column(stored_date(nullable=False))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40), default="session")
    speakers: Mapped[str] = mapped_column(Text, default="")
    planned_start: Mapped[dt.time | None] = mapped_column(stored_time(nullable=True))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    fixed: Mapped[bool] = mapped_column(Boolean, default=False)
    actual_start: Mapped[dt.datetime | None] = mapped_column(stored_datetime(nullable=True))
    actual_end: Mapped[dt.datetime | None] = mapped_column(stored_datetime(nullable=True))

    children: Mapped[list[AgendaItem]] = relationship(
        cascade="all, delete-orphan", order_by="AgendaItem.position"
    )

    __table_args__ = (CheckConstraint("duration_minutes >= 0", name="duration"),)


class RunOfShowEvent(Base):
    """The log of what the facilitator did with the timer (start, pause, next, minutes added)."""

    __tablename__ = "run_of_show_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(String(40))
    at: Mapped[dt.datetime] = mapped_column(stored_datetime(nullable=False), default=utcnow)
    seconds: Mapped[int] = mapped_column(Integer, default=0)


class RunOfShowState(Base):
    """The live timer, one row per workshop, so that a restarted app shows the right time left."""

    __tablename__ = "run_of_show_state"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    started_at: Mapped[dt.datetime | None] = mapped_column(stored_datetime(nullable=True))
    paused_at: Mapped[dt.datetime | None] = mapped_column(stored_datetime(nullable=True))
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    extra_seconds: Mapped[int] = mapped_column(Integer, default=0)


class GroupRound(Base):
    __tablename__ = "group_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    seed: Mapped[int | None] = mapped_column(Integer)
    present_only: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(stored_datetime(nullable=False), default=utcnow)

    groups: Mapped[list[Group]] = relationship(
        cascade="all, delete-orphan", order_by="Group.position"
    )

    __table_args__ = (UniqueConstraint("workshop_id", "name"),)


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("group_rounds.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(Text, default="")
    room: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    moderator_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    rapporteur_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )


class GroupMember(Base):
    """A participant's place in one round: at most one group per round."""

    __tablename__ = "group_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("group_rounds.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("round_id", "participant_id"),)


class KeepApart(Base):
    """Two participants the facilitator wants in different groups."""

    __tablename__ = "keep_apart"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    first_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))

    __table_args__ = (UniqueConstraint("workshop_id", "first_id", "second_id"),)


class Restitution(Base):
    """What one group reported back: its rapporteur and free notes (items are separate rows)."""

    __tablename__ = "restitutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), unique=True)
    rapporteur: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(
        stored_datetime(nullable=False), default=utcnow, onupdate=utcnow
    )


class RestitutionItem(Base):
    """A challenge, opportunity, good practice or recommendation from one group."""

    __tablename__ = "restitution_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    rec_type: Mapped[str | None] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(Text, default="")
    horizon: Mapped[str | None] = mapped_column(String(40))
    priority: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(stored_datetime(nullable=False), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        stored_datetime(nullable=False), default=utcnow, onupdate=utcnow
    )


class AgendaNote(Base):
    """Notes taken on one agenda item (speeches, plenary discussion, questions)."""

    __tablename__ = "agenda_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(
        stored_datetime(nullable=False), default=utcnow, onupdate=utcnow
    )


class Recommendation(Base):
    """One consolidated recommendation of the workshop (the « actions clés »)."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    rec_type: Mapped[str | None] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(Text, default="")
    horizon: Mapped[str | None] = mapped_column(String(40))
    priority: Mapped[int | None] = mapped_column(Integer)
    votes: Mapped[int] = mapped_column(Integer, default=0)
    kept: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class RecommendationSource(Base):
    """Which group item a consolidated recommendation came from (so, which groups proposed it)."""

    __tablename__ = "recommendation_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("restitution_items.id", ondelete="SET NULL")
    )


class Revision(Base):
    """An earlier version of a text (note or item), to restore after a wrong edit."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = mapped_column(stored_datetime(nullable=False), default=utcnow)


class ChangeCounter(Base):
    """How many changes were made to one kind of data, by any process: what open screens watch.

    Every operation adds one to the counters of what it changed, in its own transaction; another
    process (a desk, the command line, the phones' server) sees the numbers move within a second.
    """

    __tablename__ = "change_counters"

    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0)
