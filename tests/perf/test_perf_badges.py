"""Benchmark for issue 3 (run on demand: `python -m pytest tests/perf -s`).

500 badges to PDF in under 3 s, QR codes drawn as vector paths.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator.core.badges import new_token
from facilitator.exports.badges import LAYOUTS, write_badges
from facilitator.exports.snapshots import BadgeData

FIRST = ["Awa", "Ndèye Fatou", "Mamadou Lamine", "Aïssatou", "Cheikh", "عبد القادر", "Ousmane"]
LAST = ["Diop", "N'DIAYE", "Fall", "Cissé", "Sarr", "Mbaye", "بن محمد", "Gueye", "Sy"]
ORGANISATIONS = [
    "Ministère de l’Intérieur et de la Sécurité publique – CILMI",
    "Organisation internationale pour les migrations (OIM)",
    "RADDHO",
    "Ambassade du Royaume d'Espagne",
    "Sonatel",
    "سفارة المملكة المغربية",
]
TYPES = [("Ministères", "#1F4E9C"), ("Société civile", "#2E8B3A"), ("Médias", "#B8326E")]
COUNT = 500
LIMIT_SECONDS = 3.0


def _badges(count: int) -> list[BadgeData]:
    chance = random.Random(3)
    rows = []
    for index in range(count):
        category, colour = chance.choice(TYPES)
        rows.append(
            BadgeData(
                participant_id=index + 1,
                first_name=chance.choice(FIRST),
                last_name=f"{chance.choice(LAST)} {index}",
                organisation=chance.choice(ORGANISATIONS),
                function=chance.choice(["Directeur", "Chargée de programme", "Journaliste", ""]),
                category=category,
                colour=colour,
                token=new_token(chance.randint(1, 500)),
                workshop_title="Gouvernance de la migration circulaire au Sénégal",
                workshop_dates="25–27 mars 2025",
                venue="Centre de conférences de la Corniche, Dakar",
            )
        )
    return rows


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_500_badges_in_under_3_seconds(tmp_path: Path, layout: str) -> None:
    badges = _badges(COUNT)
    path = tmp_path / "badges.pdf"
    started = time.perf_counter()
    write_badges(path, badges, layout)
    elapsed = time.perf_counter() - started
    size = path.stat().st_size / 1e6
    print(f"\n{COUNT} badges ({layout}) to PDF: {elapsed:.2f} s, {size:.1f} MB")
    assert len(PdfReader(path).pages) == -(-COUNT // LAYOUTS[layout].per_page)
    assert elapsed < LIMIT_SECONDS
