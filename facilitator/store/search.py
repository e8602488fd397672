"""Search across a workshop's notes, restitution items and consolidated recommendations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.text import APOSTROPHES, fold
from facilitator.i18n import _
from facilitator.store.agenda_notes import agenda_notes
from facilitator.store.models import (
    Group,
    GroupRound,
    Recommendation,
    Restitution,
    RestitutionItem,
)
from facilitator.store.restitution_fields import kind_label
from facilitator.store.revisions import (
    ENTITY_AGENDA_NOTE,
    ENTITY_ITEM,
    ENTITY_RECOMMENDATION,
    ENTITY_RESTITUTION,
)


@dataclass(frozen=True)
class SearchHit:
    """A note or item matching a search; `match` is where the first match lies in `snippet`."""

    entity: str
    entity_id: int
    group_id: int | None
    agenda_item_id: int | None
    field: str
    title: str
    snippet: str
    match: tuple[int, int]



# Search -----------------------------------------------------------------------------------------

SNIPPET_BEFORE = 40
SNIPPET_AFTER = 100
KEY_CACHE_TEXT_MAX = 10_000
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"}
_TOKEN = re.compile(r"\S+")


@cache
def _marks() -> re.Pattern[str]:
    """Runs of combining marks of the Basic Multilingual Plane (built on the first search)."""
    ranges: list[str] = []
    start: int | None = None
    for code in range(0x300, 0x10001):
        is_mark = code < 0x10000 and unicodedata.category(chr(code)).startswith("M")
        if is_mark and start is None:
            start = code
        elif not is_mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = None
    return re.compile("[" + "".join(ranges) + "]+")


def _drop_apostrophes(text: str) -> str:
    for apostrophe in APOSTROPHES:
        if apostrophe in text:
            text = text.replace(apostrophe, "")
    return text


def _steps(text: str) -> str:
    """fold's steps but for spacing punctuation, each done by one C call."""
    key = unicodedata.normalize("NFKD", _drop_apostrophes(text)).casefold()
    for ligature, letters in _LIGATURES.items():
        if ligature in key:
            key = key.replace(ligature, letters)
    key = _drop_apostrophes(unicodedata.normalize("NFKD", key)).lower()
    return _marks().sub("", key)


@lru_cache(maxsize=4096)
def _settled(char: str) -> bool:
    """Whether the steps leave a character as it is (fold repeats them until the text settles)."""
    return _steps(char) == char


def match_key(text: str) -> str:
    """A text as search matches it: a folded word (core.text.fold) is in fold(text) exactly when
    it is in match_key(text). Several times faster than fold on accented text, and remembered
    for texts of ordinary size, so that search-as-you-type only folds what changed."""
    return _remembered_key(text) if len(text) <= KEY_CACHE_TEXT_MAX else _match_key(text)


@lru_cache(maxsize=32_768)
def _remembered_key(text: str) -> str:
    return _match_key(text)


def _match_key(text: str) -> str:
    if text.isascii():
        return fold(text)
    key = _steps(text)
    # Without combining marks left, the steps act character by character: the key has settled
    # when each of its characters has. Marks beyond the BMP are not in _marks: fold handles them.
    if key.isascii() or (
        max(key) <= "\uffff" and all(_settled(c) for c in set(key) if not c.isascii())
    ):
        return key
    return fold(text)


def _snippet(text: str, words: Sequence[str]) -> tuple[str, tuple[int, int]]:
    """A one-line extract around the first word of `text` matching one of `words`."""
    start, end = 0, 0
    for token in _TOKEN.finditer(text):
        folded = match_key(token.group())
        if any(word in folded for word in words):
            start, end = token.span()
            break
    left = max(0, start - SNIPPET_BEFORE)
    right = min(len(text), end + SNIPPET_AFTER)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    before = " ".join(text[left:start].split())
    hit = " ".join(text[start:end].split())
    after = " ".join(text[end:right].split())
    prefix = ("…" if left > 0 else "") + before + (" " if before else "")
    snippet = prefix + hit + (" " if after else "") + after + ("…" if right < len(text) else "")
    return snippet, (len(prefix), len(prefix) + len(hit))


def search(session: Session, workshop_id: int, query: str) -> list[SearchHit]:
    """Notes, items and consolidated recommendations holding every word of `query` (in any
    order, ignoring case and accents): agenda notes first, then groups, then the consolidated
    list."""
    words = sorted(set(fold(query).split()), key=len, reverse=True)
    if not words:
        return []
    hits: list[SearchHit] = []

    def check(
        text: str,
        entity: str,
        entity_id: int,
        field: str,
        title: str,
        group_id: int | None = None,
        agenda_item_id: int | None = None,
    ) -> bool:
        if not text:
            return False
        folded = match_key(text)
        if not all(word in folded for word in words):
            return False
        snippet, match = _snippet(text, words)
        hits.append(
            SearchHit(entity, entity_id, group_id, agenda_item_id, field, title, snippet, match)
        )
        return True

    for note in agenda_notes(session, workshop_id):
        check(
            note.text,
            ENTITY_AGENDA_NOTE,
            note.agenda_item_id,
            "text",
            note.title,
            agenda_item_id=note.agenda_item_id,
        )
    groups = (
        session.execute(
            select(Group.id, Group.name)
            .join(GroupRound, GroupRound.id == Group.round_id)
            .where(GroupRound.workshop_id == workshop_id)
            .order_by(GroupRound.position, GroupRound.id, Group.position, Group.id)
        )
        .tuples()
        .all()
    )
    group_ids = [group_id for group_id, _name in groups]
    notes = dict(
        session.execute(
            select(Restitution.group_id, Restitution.notes).where(
                Restitution.group_id.in_(group_ids)
            )
        )
        .tuples()
        .all()
    )
    items: dict[int, list[tuple[int, str, str, str]]] = {}
    for group_id, item_id, kind, text, actor in session.execute(
        select(
            RestitutionItem.group_id,
            RestitutionItem.id,
            RestitutionItem.kind,
            RestitutionItem.text,
            RestitutionItem.actor,
        )
        .where(RestitutionItem.group_id.in_(group_ids))
        .order_by(RestitutionItem.position, RestitutionItem.id)
    ).tuples():
        items.setdefault(group_id, []).append((item_id, kind, text, actor))
    for group_id, name in groups:
        check(
            notes.get(group_id, ""), ENTITY_RESTITUTION, group_id, "notes", name, group_id=group_id
        )
        for item_id, kind, text, actor in items.get(group_id, []):
            title = f"{name} — {kind_label(kind)}"
            if not check(text, ENTITY_ITEM, item_id, "text", title, group_id=group_id):
                check(actor, ENTITY_ITEM, item_id, "actor", title, group_id=group_id)
    recs = session.execute(
        select(Recommendation.id, Recommendation.text, Recommendation.actor, Recommendation.kept)
        .where(Recommendation.workshop_id == workshop_id)
        .order_by(Recommendation.position, Recommendation.id)
    ).tuples()
    number = 0  # numbered as in the final list: the kept ones only
    for rec_id, text, actor, kept in recs:
        if kept:
            number += 1
            title = _("Consolidated recommendation {n}").format(n=number)
        else:
            title = _("Recommendation not kept")
        if not check(text, ENTITY_RECOMMENDATION, rec_id, "text", title):
            check(actor, ENTITY_RECOMMENDATION, rec_id, "actor", title)
    return hits

