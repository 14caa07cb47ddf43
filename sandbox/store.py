"""All mutable state of the sandbox, in memory, guarded by one lock."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from . import seed as seeding
from .config import tehran_today
from .gateway.state import GatewayState
from .model import Brief, Case, Citizen, Event, Hearing, Notice
from .payments.seed import seed_payments
from .problems import not_a_party, not_found
from .sms.state import SmsState
from .visits.state import VisitState


class Clock:
    """The sandbox's business clock runs as if today were the anchor date.

    With the default anchor (today in Tehran) it is the real clock. Token expiry and lockouts
    always use the real clock.
    """

    def __init__(self, anchor: dt.date):
        self.offset = dt.timedelta(days=(anchor - tehran_today()).days)

    def now(self) -> dt.datetime:
        return (dt.datetime.now(dt.UTC) + self.offset).replace(microsecond=0)


@dataclass
class Faults:
    latency_ms: int = 0
    error_rate: float = 0.0
    down: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"latency_ms": self.latency_ms, "error_rate": self.error_rate, "down": self.down}


@dataclass
class IdentityState:
    """The identity provider's records; they survive a reset (see README)."""

    codes: dict[str, Any] = field(default_factory=dict)  # authorization code -> AuthorizationCode
    refresh_tokens: dict[str, Any] = field(default_factory=dict)  # refresh token -> RefreshToken
    revoked_jtis: dict[str, int] = field(default_factory=dict)  # access token id -> its expiry
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)  # IdP session id -> {sub, auth_time}


@dataclass
class Lockout:
    failures: int = 0
    locked_until: float = 0.0  # time.time() value


class Store:
    def __init__(self, seed: int, anchor: dt.date):
        self.lock = threading.RLock()
        # Event ids keep growing across resets and restarts, so a consumer's cursor never goes stale.
        self._event_seq = time.time_ns() // 1000
        self.identity = IdentityState()
        self.reset(seed, anchor)

    def reset(self, seed: int, anchor: dt.date) -> None:
        data = seeding.generate(seed, anchor)
        with self.lock:
            self.seed, self.anchor = seed, anchor
            self.clock = Clock(anchor)
            self.citizens: dict[str, Citizen] = {c.sub: c for c in data.citizens}
            self.by_national_code = {c.national_code: c for c in data.citizens}
            self.cases: dict[str, Case] = data.cases
            self.hearings: dict[str, Hearing] = data.hearings
            self.notices: dict[str, Notice] = data.notices
            self.documents: dict[str, bytes] = data.documents
            self.briefs: dict[str, Brief] = {}
            self.idempotency: dict[tuple[str, str], str] = {}  # (sub, key) -> brief id
            self.events: list[Event] = []
            self.faults = Faults()
            self.lockouts: dict[str, Lockout] = {}
            self.visits = VisitState()
            self.sms = SmsState()  # the SMS provider beside the core
            self.payments = seed_payments(seed, anchor, data.citizens, data.cases)
            self.gateway = GatewayState()
            self.counters = {
                "hearing": len(self.hearings), "notice": len(self.notices),
                "document": len(self.documents), "brief": 0,
            }

    # ids and events ------------------------------------------------------------------------------
    def next_id(self, kind: str, prefix: str) -> str:
        with self.lock:
            self.counters[kind] += 1
            return f"{prefix}-{self.counters[kind]:06d}"

    def emit(self, type_: str, case: Case, data: dict[str, Any]) -> list[Event]:
        """One event per citizen party of the case, in order, under the lock."""
        with self.lock:
            at = self.clock.now()
            emitted = []
            for sub in case.citizen_subs:
                self._event_seq += 1
                event = Event(f"{self._event_seq:020d}", type_, sub, case.id, at, dict(data))
                self.events.append(event)
                emitted.append(event)
            return emitted

    def emit_to(self, type_: str, person: str, case: Case, data: dict[str, Any]) -> Event:
        with self.lock:
            self._event_seq += 1
            event = Event(f"{self._event_seq:020d}", type_, person, case.id, self.clock.now(), dict(data))
            self.events.append(event)
            return event

    def publish(self, type_: str, person: str | None, case_id: str | None, data: dict[str, Any]) -> Event:
        """One event for one citizen, or about a place when `person` is None; `case_id` may be None."""
        with self.lock:
            self._event_seq += 1
            event = Event(f"{self._event_seq:020d}", type_, person, case_id, self.clock.now(), dict(data))
            self.events.append(event)
            return event

    @property
    def head_cursor(self) -> str:
        with self.lock:
            return f"{self._event_seq:020d}"

    # lookups -------------------------------------------------------------------------------------
    def citizen_by_reference(self, reference: str) -> Citizen | None:
        """A citizen by `sub` or by national code."""
        with self.lock:
            return self.citizens.get(reference) or self.by_national_code.get(reference)

    def case(self, case_id: str) -> Case:
        case = self.cases.get(case_id)
        if case is None:
            raise not_found("پرونده")
        return case

    def case_of(self, sub: str, case_id: str) -> Case:
        """The case if `sub` is one of its parties; 404 or 403 otherwise."""
        case = self.case(case_id)
        if sub not in case.citizen_subs:
            raise not_a_party()
        return case

    def cases_of(self, sub: str) -> list[Case]:
        return [case for case in self.cases.values() if sub in case.citizen_subs]

    def hearings_of(self, case: Case) -> list[Hearing]:
        return sorted((self.hearings[h] for h in case.hearing_ids), key=lambda h: h.starts_at)

    def next_hearing(self, case: Case) -> Hearing | None:
        now = self.clock.now()
        upcoming = [h for h in self.hearings_of(case) if h.status == "scheduled" and h.ends_at > now]
        return upcoming[0] if upcoming else None
