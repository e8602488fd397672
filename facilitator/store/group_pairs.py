"""The « keep apart » pairs of a workshop with the people's names, for a screen to list them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from facilitator.core.text import fold
from facilitator.store.models import KeepApart, Organisation, Participant


@dataclass(frozen=True)
class ApartPerson:
    """One person of a pair, as a list shows them."""

    participant_id: int
    first_name: str
    last_name: str
    organisation: str


@dataclass(frozen=True)
class ApartPair:
    """Two participants asked never to share a group; `first` comes first by name."""

    first: ApartPerson
    second: ApartPerson

    @property
    def ids(self) -> tuple[int, int]:
        """The pair as the store keys it: (smaller id, larger id)."""
        a, b = self.first.participant_id, self.second.participant_id
        return min(a, b), max(a, b)


def _by_name(person: ApartPerson) -> tuple[str, str, int]:
    return fold(person.last_name), fold(person.first_name), person.participant_id


def list_apart_pairs(session: Session, workshop_id: int) -> list[ApartPair]:
    """The workshop's « keep apart » pairs, each once, sorted by name (accents ignored)."""
    people = [aliased(Participant), aliased(Participant)]
    orgs = [aliased(Organisation), aliased(Organisation)]
    query = (
        select(
            people[0].id,
            people[0].first_name,
            people[0].last_name,
            orgs[0].name,
            people[1].id,
            people[1].first_name,
            people[1].last_name,
            orgs[1].name,
        )
        .select_from(KeepApart)
        .join(people[0], people[0].id == KeepApart.first_id)
        .join(people[1], people[1].id == KeepApart.second_id)
        .outerjoin(orgs[0], orgs[0].id == people[0].organisation_id)
        .outerjoin(orgs[1], orgs[1].id == people[1].organisation_id)
        .where(KeepApart.workshop_id == workshop_id)
    )
    pairs: dict[frozenset[int], ApartPair] = {}
    for a_id, a_first, a_last, a_org, b_id, b_first, b_last, b_org in session.execute(query):
        a = ApartPerson(a_id, a_first, a_last, a_org or "")
        b = ApartPerson(b_id, b_first, b_last, b_org or "")
        if a_id == b_id:
            continue  # never written by the app; not a pair anyone could remove
        first, second = sorted((a, b), key=_by_name)
        pairs.setdefault(frozenset((a_id, b_id)), ApartPair(first, second))
    return sorted(pairs.values(), key=lambda p: (_by_name(p.first), _by_name(p.second)))
