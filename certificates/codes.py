"""Verification codes: 80 random bits, written as four groups of four Crockford base32 characters.

An inspector reads the code off paper or a phone screen and types it, so the alphabet has no
letters that look like digits (I, L, O) or that spell words by accident (U), and typing is
forgiving: case, spaces and dashes do not matter, and I/L are read as 1, O as 0.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 characters x 5 bits = 80 random bits
GROUP = 4

_TYPED_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
_VALID = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")


def new_code() -> str:
    """A fresh code in its stored form: 16 characters, no dashes."""
    value = secrets.randbits(CODE_LENGTH * 5)
    chars = []
    for _ in range(CODE_LENGTH):
        value, index = divmod(value, 32)
        chars.append(ALPHABET[index])
    return "".join(chars)


def normalise(typed: str) -> str | None:
    """The stored form of a code someone typed, or None when it cannot be a code at all."""
    if not typed:
        return None
    cleaned = _SEPARATORS.sub("", typed.strip().upper()).translate(_TYPED_ALIASES)
    return cleaned if _VALID.match(cleaned) else None


def display(code: str) -> str:
    """The printed form: ABCD-EFGH-JKMN-PQRS."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
