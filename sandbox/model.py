"""The sandbox's records: citizens, cases, hearings, notices, briefs and feed events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CASE_STATUSES = ("registered", "referred", "in_progress", "decided", "appeal", "enforcement", "closed")
PARTY_ROLES = ("claimant", "defendant", "complainant", "accused", "lawyer")
NOTICE_TYPES = ("summons", "decision", "deficiency", "notice")
# The legal kind of a notice, which decides the time limit it starts, and the broad type it belongs to.
NOTICE_KINDS = {
    "deficiency": "deficiency",  # اخطار رفع نقص
    "judgment": "decision",  # دادنامه، قابل تجدیدنظر
    "judgment_in_absentia": "decision",  # دادنامه غیابی، قابل واخواهی
    "summons": "summons",  # احضاریه برای جلسه رسیدگی
    "plain": "notice",  # ابلاغیه بی‌مهلت
}
DEFAULT_KINDS = {"summons": "summons", "decision": "judgment", "deficiency": "deficiency", "notice": "plain"}


def iso(instant: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with a trailing Z, to the second."""
    if instant is None:
        return None
    return instant.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant(text: str) -> dt.datetime:
    """An ISO 8601 instant with a zone (Z or an offset), as an aware UTC datetime; ValueError otherwise."""
    # A "+" in an unencoded query string arrives as a space.
    value = dt.datetime.fromisoformat(text.strip().replace(" ", "+"))
    if value.tzinfo is None:
        raise ValueError("an instant needs a time zone, e.g. Z")
    return value.astimezone(dt.UTC)


@dataclass
class Citizen:
    sub: str
    national_code: str
    given_name: str
    family_name: str
    mobile: str
    gender: str  # "f" or "m"; used only to pair spouses in family cases
    is_lawyer: bool = False
    resides_abroad: bool = False

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def get_user_id(self) -> str:
        return self.sub


@dataclass(frozen=True)
class Court:
    complex: str
    court: str
    branch: str
    address: str
    city: str
    province: str

    @property
    def branch_label(self) -> str:
        return f"{self.branch} {self.court}"


@dataclass
class Party:
    name: str
    role: str
    national_code: str | None = None
    sub: str | None = None  # set when the party is a citizen of the sample


@dataclass
class TimelineEntry:
    id: str
    type: str
    at: dt.datetime
    title: str


@dataclass
class Hearing:
    id: str
    case_id: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str  # scheduled | held | cancelled
    version: int
    branch: str
    address: str
    room: str


@dataclass
class Case:
    id: str
    case_number: str
    archive_number: str
    tracking_code: str | None
    subject: str
    title: str
    status: str
    court: Court
    parties: list[Party]
    timeline: list[TimelineEntry] = field(default_factory=list)
    hearing_ids: list[str] = field(default_factory=list)

    @property
    def citizen_subs(self) -> list[str]:
        subs: list[str] = []
        for party in self.parties:
            if party.sub and party.sub not in subs:
                subs.append(party.sub)
        return subs

    def role_of(self, sub: str) -> str | None:
        return next((party.role for party in self.parties if party.sub == sub), None)

    @property
    def last_change_at(self) -> dt.datetime:
        return self.timeline[-1].at

    @property
    def accepts_briefs(self) -> bool:
        return self.status != "closed"

    def add_timeline(self, type_: str, at: dt.datetime, title: str) -> TimelineEntry:
        entry = TimelineEntry(f"{self.id}-t{len(self.timeline) + 1:02d}", type_, at, title)
        self.timeline.append(entry)
        self.timeline.sort(key=lambda item: item.at)
        return entry


@dataclass
class Document:
    id: str
    name: str
    content_type: str
    size: int


@dataclass
class Notice:
    id: str
    number: str
    type: str
    title: str
    case_id: str
    person: str  # the addressee's sub
    issued_at: dt.datetime
    body: str
    documents: list[Document]
    opened_at: dt.datetime | None = None
    kind: str = ""  # one of NOTICE_KINDS; the type's usual kind when left empty
    hearing_id: str | None = None  # the hearing a summons is for
    addressee_resides_abroad: bool = False  # as the court recorded it when issuing the notice

    def __post_init__(self) -> None:
        self.kind = self.kind or DEFAULT_KINDS[self.type]


@dataclass
class BriefFile:
    name: str
    content_type: str
    size: int
    sha256: str


@dataclass
class Brief:
    id: str
    case_id: str
    person: str
    idempotency_key: str
    fingerprint: str
    tracking_code: str
    registered_at: dt.datetime
    text_length: int
    text_sha256: str
    files: list[BriefFile]
    notice_id: str | None = None  # the notice the brief answers (e.g. a deficiency notice)


@dataclass
class Event:
    id: str
    type: str
    person: str | None  # None for an event about a place (office.closed)
    case_id: str | None  # None for a visit to an office
    at: dt.datetime
    data: dict[str, Any]
