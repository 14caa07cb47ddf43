"""The core's event feed: ``core.events.head`` and ``core.events.page``, with the BFF's own credential.

A page whose envelope is broken is a ``CoreBadAnswer``. One event whose data does not have its type's
shape is handed on with ``problem`` set instead of failing the page, so the poller can skip it
(recording it as processed) without holding up every later event behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bff.core_client import endpoints
from bff.core_client.conversation import Conversation
from bff.core_client.decode import Reader, json_object
from bff.core_client.errors import CoreBadAnswer

CURSOR_DIGITS = 20


@dataclass(frozen=True)
class NoticeIssued:
    notice_id: str
    number: str
    type: str
    title: str


@dataclass(frozen=True)
class HearingSet:
    """hearing.scheduled and hearing.changed (``previous_starts_at`` only for a change)."""

    hearing_id: str
    starts_at: datetime
    ends_at: datetime
    branch: str
    address: str
    version: int
    previous_starts_at: datetime | None = None


@dataclass(frozen=True)
class HearingCancelled:
    hearing_id: str
    previous_starts_at: datetime
    version: int


@dataclass(frozen=True)
class CaseStatusChanged:
    status: str
    previous_status: str


@dataclass(frozen=True)
class BriefRegistered:
    brief_id: str
    tracking_code: str


EventData = NoticeIssued | HearingSet | HearingCancelled | CaseStatusChanged | BriefRegistered | None


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    person: str | None  # the affected citizen's sub
    case_id: str | None
    data: EventData  # None for a type this BFF does not know, or when ``problem`` is set
    problem: str | None = None

    @property
    def position(self) -> int:
        return int(self.id)


@dataclass(frozen=True)
class EventPage:
    events: tuple[Event, ...]
    next_cursor: str


class Events(Conversation):
    def head(self) -> str:
        """GET /events/head: the cursor of the newest event (to start consuming from now)."""
        return _cursor(json_object(self.as_service(endpoints.EVENTS_HEAD), "event head"), "cursor")

    def page(self, after: str, limit: int = 100) -> EventPage:
        """GET /events?after=…: the events after ``after``, oldest first."""
        r = json_object(self.as_service(endpoints.EVENTS, params={"after": after, "limit": limit}), "event page")
        events = tuple(decode_event(item) for item in r.objects("events"))
        next_cursor = r.value.get("next_cursor")
        return EventPage(events, next_cursor if isinstance(next_cursor, str) else (events[-1].id if events else after))


def decode_event(r: Reader | dict) -> Event:
    """One event of the feed; its data checked against its type (see the module's docstring)."""
    r = r if isinstance(r, Reader) else Reader(r, "event")
    event_id, kind = _cursor(r, "id"), r.text("type")
    person, case_id = r.optional_text("person"), r.optional_text("case_id")
    try:
        data = _data(kind, r.object("data"))
    except CoreBadAnswer as exc:
        return Event(event_id, kind, person, case_id, None, problem=str(exc))
    return Event(event_id, kind, person, case_id, data)


def _data(kind: str, d: Reader) -> EventData:
    if kind == "notice.issued":
        return NoticeIssued(notice_id=d.text("notice_id"), number=d.text("number"), type=d.text("type"),
                            title=d.text("title"))
    if kind in ("hearing.scheduled", "hearing.changed"):
        return HearingSet(hearing_id=d.text("hearing_id"), starts_at=d.instant("starts_at"),
                          ends_at=d.instant("ends_at"), branch=d.text("branch"), address=d.text("address"),
                          version=d.integer("version"),
                          previous_starts_at=d.instant("previous_starts_at") if kind == "hearing.changed" else None)
    if kind == "hearing.cancelled":
        return HearingCancelled(hearing_id=d.text("hearing_id"), previous_starts_at=d.instant("previous_starts_at"),
                                version=d.integer("version"))
    if kind == "case.status_changed":
        return CaseStatusChanged(status=d.text("status"), previous_status=d.text("previous_status"))
    if kind == "brief.registered":
        return BriefRegistered(brief_id=d.text("brief_id"), tracking_code=d.text("tracking_code"))
    return None


def _cursor(r: Reader, key: str) -> str:
    value = r.text(key)
    if not value.isascii() or not value.isdigit() or len(value) > CURSOR_DIGITS:
        raise CoreBadAnswer(f"{r.where}.{key}: not a cursor")
    return value
