"""How long to wait before trying again: growing backoff with jitter, and what a Retry-After header says.

Used by every retry in the BFF: calls to outside systems (the core), the briefs outbox, push deliveries.
"""

from __future__ import annotations

import random
from datetime import datetime
from email.utils import parsedate_to_datetime

from bff.platform import clock


def exponential(attempt: int, *, base: float, cap: float, jitter: tuple[float, float] = (0.8, 1.0)) -> float:
    """Seconds before the next try after ``attempt`` failed ones (1 for the first): ``base`` doubling
    each time, at most ``cap``, times a random factor from ``jitter`` (so retries do not march in step;
    (0, 1) is "full jitter")."""
    delay = min(cap, base * 2 ** max(0, attempt - 1))
    return delay * random.uniform(*jitter)


def retry_after(value: str | None, *, default: float, cap: float | None = None,
                now: datetime | None = None) -> float:
    """Seconds from a Retry-After header (RFC 9110: delay-seconds or an HTTP-date), at least 1 and at
    most ``cap``; ``default`` when it is missing or unreadable."""
    if not value or not value.strip():
        return default
    value = value.strip()
    try:
        seconds = float(int(value))
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(value) - (now or clock.utcnow())).total_seconds()
        except (TypeError, ValueError):
            return default
    seconds = max(1.0, seconds)
    return seconds if cap is None else min(float(cap), seconds)
