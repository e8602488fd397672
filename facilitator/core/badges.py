"""Badge tokens, the text of a QR code: no personal data, unguessable, names its workshop.

A token is `F<workshop id>-<26 base32 characters>` (128 random bits). What a scanner types is
cleaned before lookup: white space, CR/LF and a scanner's prefix or suffix are dropped, and text
typed through a French AZERTY layout by a scanner set for US QWERTY is put back.
"""

from __future__ import annotations

import base64
import re
import secrets

MAX_TOKEN_LENGTH = 40
RANDOM_BYTES = 16  # 128 random bits, above the 96 the contract asks for
TOKEN_PATTERN = re.compile(r"F([0-9]{1,9})-([A-Z2-7]{26})")  # ASCII digits only, not \d

# What a US-QWERTY scanner's keystrokes become on an AZERTY machine, and back (CONTRACT.md).
_QWERTY = "aqzwAQZWmM1234567890-./_"
_AZERTY = "qawzQAWZ,?&é\"'(-è_çà):!°"
_FROM_AZERTY = str.maketrans(_AZERTY, _QWERTY)


def new_token(workshop_id: int) -> str:
    """A fresh badge token for a participant of `workshop_id`."""
    random_part = base64.b32encode(secrets.token_bytes(RANDOM_BYTES)).decode("ascii").rstrip("=")
    token = f"F{workshop_id}-{random_part}"
    assert len(token) <= MAX_TOKEN_LENGTH
    return token


def token_workshop(token: str) -> int | None:
    """The workshop id a well-formed token names, or None when the text is not a token."""
    match = TOKEN_PATTERN.fullmatch(token)
    return int(match.group(1)) if match else None


def from_azerty(text: str) -> str:
    """Undo the AZERTY transposition of what a US-QWERTY scanner typed."""
    return text.translate(_FROM_AZERTY)


def read_payload(typed: str) -> str | None:
    """The badge token in what a scanner or a person typed, or None when there is none.

    The text is taken as typed first; only when it holds no token is the AZERTY repair tried, so
    a genuine token is never altered. Any prefix or suffix around the token is ignored.
    """
    repaired = from_azerty(typed)
    # Base32 ignores case: a Caps Lock left on at the desk still reads.
    for candidate in (typed, typed.upper(), repaired, repaired.upper()):
        match = TOKEN_PATTERN.search(candidate)
        if match:
            return match.group(0)
    return None
