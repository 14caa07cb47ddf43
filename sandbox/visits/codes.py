"""The booking code shown at the counter and the QR payload the office checks.

Code: six characters from the 20 of ``34679ACEFHJKMNPRTWXY`` (no look-alikes: no 0/O/Q/D, 1/I/L,
2/Z, 5/S, 8/B, G beside 6, U/V), unique among all bookings of the sandbox, so certainly per office
and day.
QR payload: ``JV1:<code>:<token>``, 27 characters of the QR alphanumeric set (version 2 at level M).
The token is the first 80 bits, in RFC 4648 base32, of HMAC-SHA256 under the core's key over
``JV1|<visit id>|<code>|<slot id>|<citizen sub>``: a moved booking gets a new token, so an old
screenshot no longer passes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from .state import Visit, VisitState

ALPHABET = "34679ACEFHJKMNPRTWXY"
CODE_LENGTH = 6
QR_PREFIX = "JV1"


def new_code(state: VisitState, seed: int, visit_id: str) -> str:
    """A code derived from the seed and the visit id (the same run gives the same codes), never reused."""
    attempt = 0
    while True:
        number = int.from_bytes(hashlib.sha256(f"{seed}:{visit_id}:{attempt}".encode()).digest()[:8], "big")
        code = ""
        for _ in range(CODE_LENGTH):
            number, digit = divmod(number, len(ALPHABET))
            code += ALPHABET[digit]
        if code not in state.codes:
            return code
        attempt += 1


def token(key: bytes, visit: Visit) -> str:
    message = "|".join((QR_PREFIX, visit.id, visit.code, visit.slot_id, visit.person)).encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()[:10]
    return base64.b32encode(digest).decode()


def qr_payload(key: bytes, visit: Visit) -> str:
    return f"{QR_PREFIX}:{visit.code}:{token(key, visit)}"


def check(key: bytes, state: VisitState, payload: str) -> tuple[str, Visit | None]:
    """(outcome, visit): valid, cancelled (with the visit), or malformed, unknown, forged (without)."""
    parts = payload.strip().split(":")
    if len(parts) != 3 or parts[0] != QR_PREFIX:
        return "malformed", None
    visit_id = state.codes.get(parts[1])
    if visit_id is None:
        return "unknown", None
    visit = state.visits[visit_id]
    if not hmac.compare_digest(token(key, visit), parts[2]):
        return "forged", None
    return ("valid" if visit.status == "booked" else "cancelled"), visit
