"""The demo workshops shipped with the app, built from the two concept notes (fictional people)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.badges import new_token
from facilitator.core.text import email_key, fold, name_key
from facilitator.resources import resource_path
from facilitator.store.models import (
    AgendaItem,
    AgendaNote,
    CheckIn,
    Group,
    GroupMember,
    GroupRound,
    Participant,
    Recommendation,
    RecommendationSource,
    Restitution,
    RestitutionItem,
    Workshop,
)
from facilitator.store.participants import OrganisationCache
from facilitator.store.timeutil import to_utc
from facilitator.store.workshops import TypeInfo, WorkshopDetails, create_workshop

DEMO_SLUGS = ("migration-circulaire-dakar-2025", "m4sd-cloture-thies-2023")


def demo_files() -> list[Path]:
    """The demo workshop files: the workshop to run live first, then the one that happened."""
    return [resource_path("demo", f"{slug}.json") for slug in DEMO_SLUGS]


def demo_slugs() -> list[str]:
    """The slugs of the demo workshops, the first being the one the demo opens on."""
    return list(DEMO_SLUGS)


def add_demo_workshops(session: Session) -> list[str]:
    """Add each demo workshop whose slug is absent; returns the slugs added."""
    added: list[str] = []
    for path in demo_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        if session.scalar(select(Workshop.id).where(Workshop.slug == data["slug"])) is None:
            _load(session, data)
            added.append(data["slug"])
    return added


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _load(session: Session, data: dict[str, Any]) -> Workshop:
    details = WorkshopDetails(
        title=data["title"],
        start_date=dt.date.fromisoformat(data["start_date"]),
        end_date=dt.date.fromisoformat(data["end_date"]),
        venue=data.get("venue", ""),
        city=data.get("city", ""),
        organisers=data.get("organisers", ""),
        context=data.get("context", ""),
        objectives=data.get("objectives", ""),
        expected_results=data.get("expected_results", ""),
        timezone=data.get("timezone", "Africa/Dakar"),
        types=[TypeInfo(None, t["key"], t["name"], t["colour"]) for t in data["participant_types"]],
    )
    workshop = create_workshop(session, details, slug=data["slug"])
    tz = workshop.timezone
    type_ids = {t.key: t.id for t in workshop.participant_types}
    orgs = OrganisationCache(session, workshop.id)
    people: dict[str, Participant] = {}
    for p in data["participants"]:
        org = orgs.get(p.get("organisation", ""))
        person = Participant(
            workshop_id=workshop.id,
            first_name=p["first_name"],
            last_name=p["last_name"],
            organisation=org,
            function=p.get("function", ""),
            type_id=type_ids.get(p.get("type", "")),
            gender=p.get("gender") or None,
            email=p.get("email", ""),
            phone=p.get("phone", ""),
            name_key=name_key(p["first_name"], p["last_name"]),
            email_key=email_key(p.get("email", "")),
            badge_token=new_token(workshop.id),
        )
        session.add(person)
        people[p["ref"]] = person
    session.flush()
    for c in data.get("checkins", []):
        day = dt.date.fromisoformat(c["day"])
        session.add(
            CheckIn(
                participant_id=people[c["participant"]].id,
                day=day,
                checked_in_at=to_utc(day, dt.time.fromisoformat(c["time"]), tz),
                desk=c.get("desk", ""),
            )
        )
    _load_agenda(session, workshop, data.get("agenda", []))
    groups = _load_groups(session, workshop, data.get("group_rounds", []), people)
    _load_restitutions(session, data.get("restitutions", []), groups, people)
    _load_recommendations(session, workshop, data.get("recommendations", []), groups)
    session.flush()
    return workshop


def _load_agenda(session: Session, workshop: Workshop, items: list[dict[str, Any]]) -> None:
    tz = workshop.timezone
    notes: list[tuple[AgendaItem, str]] = []
    for position, item in enumerate(items):
        day = dt.date.fromisoformat(item["day"])
        start = dt.time.fromisoformat(item["start"])
        end = dt.time.fromisoformat(item["end"])
        minutes = (dt.datetime.combine(day, end) - dt.datetime.combine(day, start)).seconds // 60
        parent = _agenda_item(workshop, day, position, item, tz)
        notes.append((parent, item.get("notes", "")))
        parent.planned_start = start
        parent.duration_minutes = minutes
        parent.fixed = bool(item.get("fixed", False))
        child_start = dt.datetime.combine(day, start)
        for child_position, child in enumerate(item.get("children", [])):
            sub = _agenda_item(workshop, day, child_position, child, tz)
            notes.append((sub, child.get("notes", "")))
            sub.planned_start = child_start.time()
            sub.duration_minutes = int(child["minutes"])
            child_start += dt.timedelta(minutes=sub.duration_minutes)
            parent.children.append(sub)
        session.add(parent)
    session.flush()
    session.add_all(AgendaNote(agenda_item_id=row.id, text=text) for row, text in notes if text)


def _agenda_item(
    workshop: Workshop, day: dt.date, position: int, item: dict[str, Any], tz: str
) -> AgendaItem:
    return AgendaItem(
        workshop_id=workshop.id,
        day=day,
        position=position,
        title=item["title"],
        kind=item.get("kind", "session"),
        speakers=item.get("speakers", "") or "",
        actual_start=to_utc(day, t, tz) if (t := _time(item.get("actual_start"))) else None,
        actual_end=to_utc(day, t, tz) if (t := _time(item.get("actual_end"))) else None,
    )


def _load_groups(
    session: Session,
    workshop: Workshop,
    rounds: list[dict[str, Any]],
    people: dict[str, Participant],
) -> dict[tuple[str, str], Group]:
    groups: dict[tuple[str, str], Group] = {}
    for round_position, r in enumerate(rounds):
        round_row = GroupRound(workshop_id=workshop.id, name=r["name"], position=round_position)
        session.add(round_row)
        session.flush()
        for position, g in enumerate(r["groups"]):
            group = Group(
                round_id=round_row.id,
                name=g["name"],
                theme=g.get("theme", ""),
                room=g.get("room", ""),
                position=position,
                moderator_id=people[g["moderator"]].id if g.get("moderator") else None,
                rapporteur_id=people[g["rapporteur"]].id if g.get("rapporteur") else None,
            )
            session.add(group)
            session.flush()
            groups[(r["name"], g["name"])] = group
            for ref in g["members"]:
                member = GroupMember(
                    round_id=round_row.id, group_id=group.id, participant_id=people[ref].id
                )
                session.add(member)
    return groups


def _load_restitutions(
    session: Session,
    restitutions: list[dict[str, Any]],
    groups: dict[tuple[str, str], Group],
    people: dict[str, Participant],
) -> None:
    for r in restitutions:
        group = groups[(r["round"], r["group"])]
        rapporteur = people.get(r.get("rapporteur") or "")
        session.add(
            Restitution(
                group_id=group.id,
                rapporteur=f"{rapporteur.first_name} {rapporteur.last_name}" if rapporteur else "",
                notes=r.get("notes", ""),
            )
        )
        for position, item in enumerate(r.get("items", [])):
            session.add(
                RestitutionItem(
                    group_id=group.id,
                    kind=item["kind"],
                    text=item["text"],
                    rec_type=item.get("rec_type"),
                    actor=item.get("actor") or "",
                    horizon=item.get("horizon"),
                    priority=item.get("priority"),
                    position=position,
                )
            )


def _load_recommendations(
    session: Session,
    workshop: Workshop,
    recommendations: list[dict[str, Any]],
    groups: dict[tuple[str, str], Group],
) -> None:
    by_name = {name: group for (_round, name), group in groups.items()}
    for position, rec in enumerate(recommendations):
        row = Recommendation(
            workshop_id=workshop.id,
            text=rec["text"],
            rec_type=rec.get("rec_type"),
            actor=rec.get("actor") or "",
            horizon=rec.get("horizon"),
            priority=rec.get("priority"),
            votes=int(rec.get("votes", 0)),
            kept=bool(rec.get("kept", True)),
            position=position,
        )
        session.add(row)
        session.flush()
        for name in rec.get("groups", []):
            group = by_name[name]
            item = _closest_recommendation(session, group.id, rec["text"])
            session.add(
                RecommendationSource(
                    recommendation_id=row.id,
                    group_id=group.id,
                    item_id=item.id if item is not None else None,
                )
            )


def _closest_recommendation(session: Session, group_id: int, text: str) -> RestitutionItem | None:
    """The group's recommendation item that says most nearly `text` (shared words), if any."""
    def words_of(value: str) -> set[str]:
        return {word for word in fold(value).split() if len(word) >= 5}  # no « de », « les »…

    words = words_of(text)
    items = session.scalars(
        select(RestitutionItem).where(
            RestitutionItem.group_id == group_id, RestitutionItem.kind == "recommendation"
        )
    ).all()
    scored = [(len(words & words_of(item.text)), -item.position, item) for item in items]
    best = max(scored, key=lambda entry: entry[:2], default=None)
    return best[2] if best is not None and best[0] >= 3 else None
