"""Badge tokens, the text of a QR code: no personal data, unguessable, names its workshop."""

from __future__ import annotations

import base64
import re
import secrets

MAX_TOKEN_LENGTH = 40
RANDOM_BYTES = 16  # 128 random bits, above the 96 the contract asks for
_TOKEN = re.compile(r"^F(\d{1,9})-([A-Z2-7]{26})$")


def new_token(workshop_id: int) -> str:
    """A fresh badge token for a participant of `workshop_id`: F<workshop>-<26 base32 chars>."""
    random_part = base64.b32encode(secrets.token_bytes(RANDOM_BYTES)).decode("ascii").rstrip("=")
    token = f"F{workshop_id}-{random_part}"
    assert len(token) <= MAX_TOKEN_LENGTH
    return token


def token_workshop(token: str) -> int | None:
    """The workshop id a well-formed token names, or None when the text is not a token."""
    match = _TOKEN.match(token)
    return int(match.group(1)) if match else None
