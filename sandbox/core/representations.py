"""JSON shapes of the core API, as documented in sandbox/openapi/core-v1.yaml."""

from __future__ import annotations

from typing import Any

from ..model import Brief, Case, Event, Hearing, Notice, iso
from ..notice_rules import deemed_served_at, served_at
from ..runtime import current
from ..store import Store


def hearing(item: Hearing) -> dict[str, Any]:
    return {
        "id": item.id, "case_id": item.case_id, "starts_at": iso(item.starts_at), "ends_at": iso(item.ends_at),
        "status": item.status, "version": item.version, "branch": item.branch, "address": item.address,
        "room": item.room,
    }


def case_summary(store: Store, case: Case, sub: str | None) -> dict[str, Any]:
    upcoming = store.next_hearing(case)
    court = case.court
    return {
        "id": case.id,
        "case_number": case.case_number,
        "archive_number": case.archive_number,
        "tracking_code": case.tracking_code,
        "subject": case.subject,
        "title": case.title,
        "role": case.role_of(sub) if sub else None,
        "status": case.status,
        "court": {"complex": court.complex, "court": court.court, "branch": court.branch,
                  "address": court.address, "city": court.city, "province": court.province},
        "next_hearing": {"id": upcoming.id, "starts_at": iso(upcoming.starts_at)} if upcoming else None,
        "last_change_at": iso(case.last_change_at),
        "accepts_briefs": case.accepts_briefs,
    }


def case_detail(store: Store, case: Case, sub: str | None) -> dict[str, Any]:
    return {
        **case_summary(store, case, sub),
        "parties": [{"name": p.name, "role": p.role, "national_code": p.national_code} for p in case.parties],
        "timeline": [{"id": e.id, "type": e.type, "at": iso(e.at), "title": e.title} for e in case.timeline],
        "hearings": [hearing(h) for h in store.hearings_of(case)],
    }


def notice(store: Store, item: Notice, with_body: bool) -> dict[str, Any]:
    deemed_days = current().settings.notice_deemed_service_days
    body = {
        "id": item.id, "number": item.number, "type": item.type, "kind": item.kind, "title": item.title,
        "case_id": item.case_id, "case_number": store.cases[item.case_id].case_number,
        "hearing_id": item.hearing_id, "issued_at": iso(item.issued_at), "opened_at": iso(item.opened_at),
        "served_at": iso(served_at(item, deemed_days, store.clock.now())),
        "deemed_served_at": iso(deemed_served_at(item, deemed_days)),
        "addressee_resides_abroad": item.addressee_resides_abroad,
        "documents": [{"id": d.id, "name": d.name, "content_type": d.content_type, "size": d.size}
                      for d in item.documents],
    }
    if with_body and item.opened_at is not None:
        body["body"] = item.body
    return body


def brief_receipt(item: Brief) -> dict[str, Any]:
    return {"id": item.id, "case_id": item.case_id, "tracking_code": item.tracking_code,
            "registered_at": iso(item.registered_at), "notice_id": item.notice_id}


def brief(item: Brief) -> dict[str, Any]:
    return {
        **brief_receipt(item),
        "text_length": item.text_length,
        "text_sha256": item.text_sha256,
        "files": [{"name": f.name, "content_type": f.content_type, "size": f.size, "sha256": f.sha256}
                  for f in item.files],
    }


def event(item: Event) -> dict[str, Any]:
    return {"id": item.id, "type": item.type, "person": item.person, "case_id": item.case_id,
            "at": iso(item.at), "data": item.data}
