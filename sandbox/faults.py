"""Injected latency, errors and downtime for /core/v1, to rehearse the BFF's failure handling."""

from __future__ import annotations

import random
import time

from .problems import Problem
from .runtime import current

RETRY_AFTER_SECONDS = 30
_chance = random.SystemRandom()


def apply_faults() -> None:
    """Runs before every core request: sleep, then maybe fail."""
    store = current().store
    with store.lock:
        faults = store.faults.as_json()
    if faults["latency_ms"]:
        time.sleep(faults["latency_ms"] / 1000)  # outside the lock: other requests go on
    if faults["down"]:
        raise Problem(503, "service_unavailable", "سامانه قضایی موقتاً در دسترس نیست.",
                      {"Retry-After": str(RETRY_AFTER_SECONDS)})
    if faults["error_rate"] and _chance.random() < faults["error_rate"]:
        raise Problem(500, "internal_error", "خطای داخلی شبیه‌سازی‌شده در سامانه قضایی.")
