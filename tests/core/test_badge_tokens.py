"""Badge tokens (CONTRACT.md « Badges and scanning »): format, randomness, and what a scanner types.

The AZERTY transposition is written here again from CONTRACT.md's table, independently of
facilitator.core.badges, so that a mistake in the module's table cannot hide itself.
"""

from __future__ import annotations

import base64
import math
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.badges import from_azerty, new_token, read_payload, token_workshop
from tests.azerty import CONTRACT_TABLE, azerty, unazerty

# What a badge token must look like, in ASCII only: F<workshop id>-<base32>.
TOKEN = re.compile(r"F([0-9]{1,9})-([A-Z2-7]+)", re.ASCII)
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

# CONTRACT.md: what a US-QWERTY scanner's keystrokes become on a French AZERTY machine.


def random_token(rng: random.Random, workshop_id: int | None = None) -> str:
    """A token as new_token makes them, from a seeded generator (reproducible failures)."""
    wid = workshop_id if workshop_id is not None else rng.randint(1, 999_999_999)
    return f"F{wid}-" + "".join(rng.choice(BASE32) for _ in range(26))


tokens = st.builds(
    lambda wid, body: f"F{wid}-{body}",
    st.integers(1, 999_999_999),
    st.text(alphabet=BASE32, min_size=26, max_size=26),
)


def test_the_independent_table_is_a_bijection() -> None:
    assert len(set(CONTRACT_TABLE.values())) == len(CONTRACT_TABLE)
    sample = "F12-AQZWMaqzwm1234567890-./_"
    assert unazerty(azerty(sample)) == sample
    assert azerty("F12-AQZWM") == "F&é)QAWZ?"


# --- format ---------------------------------------------------------------------------------


@pytest.mark.parametrize("workshop_id", [1, 7, 42, 1234, 999_999_999])
def test_token_format_and_length(workshop_id: int) -> None:
    token = new_token(workshop_id)
    assert len(token) <= 40
    assert token.isascii() and token.isprintable() and token == token.strip()
    match = TOKEN.fullmatch(token)
    assert match, token
    assert int(match.group(1)) == workshop_id
    body = match.group(2)
    # 96 random bits need at least 20 base32 characters; the part must decode as base32.
    assert len(body) * 5 >= 96
    decoded = base64.b32decode(body + "=" * (-len(body) % 8))
    assert len(decoded) * 8 >= 96


def test_tokens_are_unique_and_carry_at_least_96_random_bits() -> None:
    made = [new_token(3) for _ in range(10_000)]
    assert len(set(made)) == len(made)
    bodies = [token.split("-", 1)[1] for token in made]
    assert all(TOKEN.fullmatch(token) for token in made)
    assert len({len(body) for body in bodies}) == 1
    # Each position of the random part must vary: the sum over positions of log2(distinct
    # characters seen) is a lower bound on the entropy a counter or a clock would not reach.
    bits = sum(math.log2(len({body[i] for body in bodies})) for i in range(len(bodies[0])))
    assert bits >= 96, bits
    # No position is dominated by one character (a biased generator would be guessable).
    for i in range(len(bodies[0]) - 1):  # the last character holds only the remaining bits
        commonest = max(
            sum(1 for body in bodies if body[i] == char) for char in {b[i] for b in bodies}
        )
        assert commonest < 10_000 * 0.06, (i, commonest)


def test_a_token_names_its_workshop() -> None:
    for workshop_id in (1, 2, 15, 480, 999_999_999):
        assert token_workshop(new_token(workshop_id)) == workshop_id
    token = new_token(8)
    assert token_workshop(token + "A") is None
    assert token_workshop(token[:-1]) is None
    assert token_workshop(" " + token) is None
    assert token_workshop("garbage") is None
    assert token_workshop("") is None


# --- reading what a scanner typed ----------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", ""),
        ("  ", "  "),
        ("", "\r\n"),
        ("", "\n"),
        ("", "\r"),
        ("\r\n", "\r\n"),
        ("\t", "\t"),
        ("\t", "\r\n"),
        ("]Q1", ""),
        ("]Q1", "\r\n"),
        ("]Q3", "\t"),
        ("\x02", "\x03"),
        ("\x02", "\x03\r\n"),
        ("\x02]Q1", "\x03"),
        ("\u00a0", "\u00a0"),
        ("QR:", "\x04"),
    ],
)
def test_read_payload_ignores_white_space_and_scanner_prefixes(before: str, after: str) -> None:
    token = new_token(27)
    assert read_payload(before + token + after) == token


def test_read_payload_of_the_exact_token_is_the_token() -> None:
    for workshop_id in (1, 9, 10, 99, 123_456):
        token = new_token(workshop_id)
        assert read_payload(token) == token


@pytest.mark.parametrize(
    "typed",
    [
        "",
        " ",
        "\r\n",
        "hello",
        "F",
        "F1-",
        "F1-ABC",
        "0123456789",
        "F-" + "A" * 26,
    ],
)
def test_read_payload_of_text_without_a_token_is_none(typed: str) -> None:
    assert read_payload(typed) is None


def test_a_token_typed_with_caps_lock_on_still_reads() -> None:
    token = new_token(3)
    assert read_payload(token.lower()) == token
    assert read_payload("  " + token.lower() + "\r\n") == token


def test_a_truncated_token_is_not_read_as_a_token() -> None:
    token = new_token(5)
    assert read_payload(token[:-1]) is None
    assert read_payload(token[:-1] + "\r\n") is None


def test_azerty_transposed_tokens_are_read_back_exactly() -> None:
    rng = random.Random(20250325)
    for _ in range(1_000):
        token = random_token(rng)
        typed = azerty(token)
        assert read_payload(typed) == token, (token, typed)
        assert read_payload(typed + "\r\n") == token
        assert read_payload(azerty("]Q1" + token) + "\r\n") == token
        assert read_payload("\x02" + typed + "\x03") == token


def test_azerty_transposition_of_real_tokens() -> None:
    for workshop_id in (1, 6, 10, 66, 1234567890 // 10):
        token = new_token(workshop_id)
        assert read_payload(azerty(token)) == token
        assert from_azerty(azerty(token)) == token


def test_a_correctly_typed_token_is_never_altered_by_the_repair() -> None:
    rng = random.Random(7)
    for _ in range(1_000):
        # Tokens rich in the letters the repair swaps (A, Q, Z, W, M): the raw text must win.
        wid = rng.randint(1, 999_999_999)
        token = f"F{wid}-" + "".join(rng.choice("AQZWM" + BASE32) for _ in range(26))
        assert read_payload(token) == token
        assert read_payload(" " + token + "\r\n") == token


def test_read_payload_refuses_non_ascii_digits_in_the_workshop_number() -> None:
    # BUG facilitator/core/badges.py:16: TOKEN_PATTERN uses `\d`, which in a str pattern also
    # matches Arabic-Indic and other Unicode digits, so read_payload("F١٢-…") returns a string
    # that is not a badge token (and token_workshop gives it workshop 12). Fix: write `[0-9]`
    # instead of `\d` (or compile with re.ASCII).
    body = "A" * 26
    for digits in ("١٢", "۳", "٣", "१२", "１２"):
        found = read_payload(f"F{digits}-{body}")
        assert found is None or TOKEN.fullmatch(found), found
        assert token_workshop(f"F{digits}-{body}") is None


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(st.text())
def test_read_payload_never_raises_and_finds_only_tokens(typed: str) -> None:
    found = read_payload(typed)
    assert found is None or TOKEN.fullmatch(found), found
    if found is not None:
        # Base32 ignores case (Caps Lock at the desk): the token is in the text, up to case.
        assert found in typed.upper() or found in unazerty(typed).upper()


# ASCII digits only: Unicode digits are the bug test_read_payload_refuses_non_ascii_digits_...
# shows; kept out of here so that this property stays deterministic.
@settings(max_examples=150, deadline=None)
@given(st.from_regex(r"[\]\x02 \t]?[FfE]?[0-9]{0,3}[-)]?[A-Z2-7a-z&é\"'(è_çà]{20,30}[\r\n\x03]*"))
def test_read_payload_on_near_tokens(typed: str) -> None:
    found = read_payload(typed)
    assert found is None or TOKEN.fullmatch(found), found
    if found is not None:
        # Base32 ignores case (Caps Lock at the desk): the token is in the text, up to case.
        assert found in typed.upper() or found in unazerty(typed).upper()


@settings(max_examples=150, deadline=None)
@given(tokens, st.text().filter(lambda s: "F" not in s), st.text())
def test_a_token_survives_any_prefix_and_suffix(token: str, before: str, after: str) -> None:
    # Matches start only at an « F », so a prefix without one cannot hide the token.
    assert read_payload(before + token + after) == token


@settings(max_examples=150, deadline=None)
@given(tokens)
def test_typed_correctly_or_through_azerty_gives_the_same_token(token: str) -> None:
    assert read_payload(token) == token
    assert read_payload(azerty(token)) == token
    assert read_payload(azerty(token) + "\r\n") == token
