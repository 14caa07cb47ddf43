"""The core's cases and hearings of one citizen, as typed answers: ``core.cases``, ``core.hearings``.

Every party's national code comes back from the core (the contract says so); the cases room keeps it
from leaving the BFF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bff.core_client import endpoints
from bff.core_client.conversation import Conversation
from bff.core_client.decode import Reader, json_object
from bff.platform.outbound import Credential


@dataclass(frozen=True)
class Me:
    sub: str
    name: str
    national_code: str


@dataclass(frozen=True)
class Court:
    complex: str
    court: str
    branch: str
    address: str
    city: str
    province: str


@dataclass(frozen=True)
class NextHearing:
    id: str
    starts_at: datetime


@dataclass(frozen=True)
class CaseSummary:
    id: str
    case_number: str
    archive_number: str
    tracking_code: str | None
    subject: str
    title: str
    role: str
    status: str
    court: Court
    next_hearing: NextHearing | None
    last_change_at: datetime
    accepts_briefs: bool


@dataclass(frozen=True)
class Party:
    name: str
    role: str
    national_code: str | None


@dataclass(frozen=True)
class TimelineEntry:
    id: str
    type: str
    at: datetime
    title: str


@dataclass(frozen=True)
class Hearing:
    id: str
    case_id: str
    starts_at: datetime
    ends_at: datetime
    status: str
    version: int
    branch: str
    address: str
    room: str


@dataclass(frozen=True)
class ListedHearing(Hearing):
    """A hearing in the citizen's list of hearings, with its case's number and title."""

    case_number: str
    title: str


@dataclass(frozen=True)
class CaseDetail(CaseSummary):
    parties: tuple[Party, ...]
    timeline: tuple[TimelineEntry, ...]
    hearings: tuple[Hearing, ...]


class Cases(Conversation):
    def me(self, citizen: Credential) -> Me:
        """GET /me: who the citizen is to the core."""
        r = json_object(self.as_citizen(citizen, endpoints.ME), "me")
        return Me(sub=r.text("sub"), name=r.text("name"), national_code=r.text("national_code"))

    def list(self, citizen: Credential) -> list[CaseSummary]:
        """GET /cases: the cases where the citizen is a party."""
        r = json_object(self.as_citizen(citizen, endpoints.CASES), "cases")
        return [CaseSummary(**_case_fields(item)) for item in r.objects("cases")]

    def get(self, citizen: Credential, case_id: str) -> CaseDetail:
        """GET /cases/{id}: one case with parties, timeline and hearings (not theirs: CoreRejected 403)."""
        r = json_object(self.as_citizen(citizen, endpoints.CASE, {"case_id": case_id}), "case")
        return CaseDetail(
            **_case_fields(r),
            parties=tuple(Party(name=p.text("name"), role=p.text("role"),
                                national_code=p.optional_text("national_code")) for p in r.objects("parties")),
            timeline=tuple(TimelineEntry(id=e.text("id"), type=e.text("type"), at=e.instant("at"),
                                         title=e.text("title")) for e in r.objects("timeline")),
            hearings=tuple(Hearing(**_hearing_fields(h)) for h in r.objects("hearings")),
        )


class Hearings(Conversation):
    def upcoming(self, citizen: Credential) -> list[ListedHearing]:
        """GET /hearings: the hearings of the citizen's cases from now on, cancelled ones included."""
        r = json_object(self.as_citizen(citizen, endpoints.HEARINGS), "hearings")
        return [ListedHearing(**_hearing_fields(h), case_number=h.text("case_number"), title=h.text("title"))
                for h in r.objects("hearings")]


def _case_fields(r: Reader) -> dict:
    court = r.object("court")
    upcoming = r.optional_object("next_hearing")
    return {
        "id": r.text("id"), "case_number": r.text("case_number"), "archive_number": r.text("archive_number"),
        "tracking_code": r.optional_text("tracking_code"), "subject": r.text("subject"), "title": r.text("title"),
        "role": r.text("role"), "status": r.text("status"),
        "court": Court(**{name: court.text(name) for name in ("complex", "court", "branch", "address", "city",
                                                               "province")}),
        "next_hearing": NextHearing(upcoming.text("id"), upcoming.instant("starts_at")) if upcoming else None,
        "last_change_at": r.instant("last_change_at"), "accepts_briefs": r.flag("accepts_briefs"),
    }


def _hearing_fields(r: Reader) -> dict:
    return {"id": r.text("id"), "case_id": r.text("case_id"), "starts_at": r.instant("starts_at"),
            "ends_at": r.instant("ends_at"), "status": r.text("status"), "version": r.integer("version"),
            "branch": r.text("branch"), "address": r.text("address"), "room": r.text("room")}
