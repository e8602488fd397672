"""The JSON keys CONTRACT.md promises, written once for every test that checks them."""

from __future__ import annotations

PARTICIPANT_KEYS = frozenset(
    {
        "id",
        "first_name",
        "last_name",
        "organisation",
        "category",
        "gender",
        "email",
        "phone",
        "badge",
        "checked_in_at",
    }
)
SCAN_KEYS = frozenset({"status", "participant", "checked_in_at", "desk", "reason"})
