"""The SMS provider's records: messages with their delivery progress, the account's credit and the
scripted failures. Kept in the sandbox's store, under its one lock; a reset starts it afresh."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .protocol import QUEUED, SCHEDULED, SENT_TO_OPERATOR

DEFAULT_CREDIT = 1_000_000_000  # rial
PART_COST = 1_000  # rial per part: a sample tariff, not the provider's price list


@dataclass
class SmsFaults:
    down: bool = False
    latency_ms: int = 0
    error_rate: float = 0.0
    rate_limit_per_minute: int = 0  # 0: no limit
    undelivered_rate: float = 0.0
    failing_receptors: tuple[str, ...] = ()
    links_blocked: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"down": self.down, "latency_ms": self.latency_ms, "error_rate": self.error_rate,
                "rate_limit_per_minute": self.rate_limit_per_minute, "undelivered_rate": self.undelivered_rate,
                "failing_receptors": list(self.failing_receptors), "links_blocked": self.links_blocked}


@dataclass(frozen=True)
class Timings:
    """Seconds after sending at which a message reaches the operator, and its delivery report arrives."""

    operator_after: float
    report_after: float


@dataclass
class SmsMessage:
    messageid: int
    localid: str | None
    tag: str | None
    receptor: str
    sender: str
    text: str
    encoding: str
    parts: int
    cost: int
    accepted_at: float  # Unix time
    send_at: float  # Unix time: when it leaves the queue (later than accepted_at when scheduled)
    outcome: int  # the final status its delivery report will carry

    def status(self, now: float, timings: Timings) -> int:
        if now < self.send_at:
            return SCHEDULED
        elapsed = now - self.send_at
        if elapsed < timings.operator_after:
            return QUEUED
        if elapsed < timings.report_after:
            return SENT_TO_OPERATOR
        return self.outcome

    def sent_at(self, now: float, timings: Timings) -> float | None:
        """When it reached the operator, once it has."""
        moment = self.send_at + timings.operator_after
        return moment if moment <= now else None

    def reported_at(self, now: float, timings: Timings) -> float | None:
        """When its delivery report arrived, once it has."""
        moment = self.send_at + timings.report_after
        return moment if moment <= now else None


@dataclass
class SmsState:
    messages: dict[int, SmsMessage] = field(default_factory=dict)
    localids: dict[str, int] = field(default_factory=dict)  # localid -> messageid
    faults: SmsFaults = field(default_factory=SmsFaults)
    credit: int = DEFAULT_CREDIT
    send_calls: deque[float] = field(default_factory=deque)  # monotonic times of recent send calls
    # Message ids keep growing across resets and restarts, so a stored id never names a newer message.
    last_id: int = field(default_factory=lambda: time.time_ns() // 1000)

    def next_id(self) -> int:
        self.last_id += 1
        return self.last_id

    def over_rate_limit(self, now: float) -> bool:
        """Counts this send call; True when it is one too many in the last minute."""
        limit = self.faults.rate_limit_per_minute
        while self.send_calls and self.send_calls[0] <= now - 60:
            self.send_calls.popleft()
        if limit and len(self.send_calls) >= limit:
            return True
        self.send_calls.append(now)
        return False
