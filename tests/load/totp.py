"""The six-digit code an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps), so the
simulated coordinators sign in with their second factor without importing Django."""

import base64
import hashlib
import hmac
import struct

STEP_SECONDS = 30
DIGITS = 6


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def totp(secret_base32: str, now: float, digits: int = DIGITS) -> str:
    """The code for a base32 secret (as an app scans it, padding optional) at Unix time `now`."""
    secret = secret_base32.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return hotp(key, int(now) // STEP_SECONDS, digits)
