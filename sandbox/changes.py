"""Changes to cases that the core records on the timeline and announces on the event feed."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from .model import NOTICE_KINDS, Brief, BriefFile, Case, Document, Hearing, Notice, iso
from .notice_rules import deemed_served_at
from .pdf import notice_document
from .persian import jalali_datetime, jalali_year, persian_digits
from .problems import Problem, not_a_party, not_found
from .runtime import current
from .seed import notice_body
from .store import Store
from .vocabulary import STATUS_LABELS

STATUS_TIMELINE_TYPES = {
    "referred": "referred", "decided": "decision_issued", "appeal": "appeal",
    "enforcement": "enforcement", "closed": "closed",
}


def _digits(seed_text: str, length: int) -> str:
    return str(int(hashlib.sha256(seed_text.encode()).hexdigest(), 16) % 10**length).zfill(length)


def _hearing(store: Store, hearing_id: str) -> tuple[Hearing, Case]:
    hearing = store.hearings.get(hearing_id)
    if hearing is None:
        raise not_found("جلسه رسیدگی")
    return hearing, store.cases[hearing.case_id]


def schedule_hearing(store: Store, case_id: str, starts_at: dt.datetime, ends_at: dt.datetime | None,
                     room: str | None) -> Hearing:
    with store.lock:
        case = store.case(case_id)
        hearing = Hearing(
            id=store.next_id("hearing", "h"), case_id=case.id, starts_at=starts_at,
            ends_at=ends_at or starts_at + dt.timedelta(minutes=30), status="scheduled", version=1,
            branch=case.court.branch_label, address=f"{case.court.complex}، {case.court.address}",
            room=room or "طبقه ۲، اتاق ۲۰۴",
        )
        if hearing.ends_at <= hearing.starts_at:
            raise Problem(400, "validation_failed", "زمان پایان جلسه باید پس از زمان شروع باشد.")
        store.hearings[hearing.id] = hearing
        case.hearing_ids.append(hearing.id)
        case.add_timeline("hearing_scheduled", store.clock.now(), f"تعیین وقت رسیدگی: {jalali_datetime(starts_at)}")
        store.emit("hearing.scheduled", case, {
            "hearing_id": hearing.id, "starts_at": iso(hearing.starts_at), "ends_at": iso(hearing.ends_at),
            "branch": hearing.branch, "address": hearing.address, "version": hearing.version,
        })
        return hearing


def move_hearing(store: Store, hearing_id: str, starts_at: dt.datetime, ends_at: dt.datetime | None) -> Hearing:
    with store.lock:
        hearing, case = _hearing(store, hearing_id)
        if hearing.status != "scheduled":
            raise Problem(409, "conflict", "فقط جلسه‌ای که هنوز برگزار یا لغو نشده جابه‌جا می‌شود.")
        previous = hearing.starts_at
        new_end = ends_at or starts_at + (hearing.ends_at - hearing.starts_at)
        if new_end <= starts_at:
            raise Problem(400, "validation_failed", "زمان پایان جلسه باید پس از زمان شروع باشد.")
        hearing.starts_at, hearing.ends_at = starts_at, new_end
        hearing.version += 1
        case.add_timeline("hearing_changed", store.clock.now(),
                          f"تغییر وقت رسیدگی از {jalali_datetime(previous)} به {jalali_datetime(starts_at)}")
        store.emit("hearing.changed", case, {
            "hearing_id": hearing.id, "starts_at": iso(hearing.starts_at), "previous_starts_at": iso(previous),
            "ends_at": iso(hearing.ends_at), "branch": hearing.branch, "address": hearing.address,
            "version": hearing.version,
        })
        return hearing


def cancel_hearing(store: Store, hearing_id: str) -> Hearing:
    with store.lock:
        hearing, case = _hearing(store, hearing_id)
        if hearing.status != "scheduled":
            raise Problem(409, "conflict", "این جلسه قبلاً برگزار یا لغو شده است.")
        hearing.status = "cancelled"
        hearing.version += 1
        case.add_timeline("hearing_cancelled", store.clock.now(),
                          f"لغو جلسه رسیدگی {jalali_datetime(hearing.starts_at)}")
        store.emit("hearing.cancelled", case, {
            "hearing_id": hearing.id, "previous_starts_at": iso(hearing.starts_at), "version": hearing.version,
        })
        return hearing


def change_status(store: Store, case_id: str, status: str) -> tuple[Case, str]:
    """Returns the case and its previous status; no event when the status does not change."""
    with store.lock:
        case = store.case(case_id)
        previous = case.status
        if status != previous:
            case.status = status
            kind = STATUS_TIMELINE_TYPES.get(status, "status_changed")
            case.add_timeline(kind, store.clock.now(), f"تغییر وضعیت پرونده به «{STATUS_LABELS[status]}»")
            store.emit("case.status_changed", case, {"status": status, "previous_status": previous})
        return case, previous


def issue_notice(store: Store, person: str, case: Case, kind: str, title: str, body: str | None, *,
                 hearing_id: str | None = None, issued_at: dt.datetime | None = None,
                 opened_at: dt.datetime | None = None, resides_abroad: bool | None = None) -> Notice:
    """Issues a notice of `kind` to a citizen party; a summons is for `hearing_id` or else the next hearing.

    `issued_at` and `opened_at` (both at or before now) let a test start from a notice served earlier.
    """
    with store.lock:
        citizen = store.citizens[person]
        notice_id = store.next_id("notice", "n")
        issued = issued_at or store.clock.now()
        number = f"{jalali_year(issued.date())}{_digits(f'{store.seed}:{notice_id}', 12)}"
        document_id = store.next_id("document", "d")
        content = notice_document(number, document_id, kind)
        store.documents[document_id] = content
        hearing = store.hearings[hearing_id] if hearing_id else store.next_hearing(case)
        notice = Notice(
            id=notice_id, number=number, type=NOTICE_KINDS[kind], kind=kind, title=title, case_id=case.id,
            person=person, issued_at=issued,
            body=body or notice_body(kind, citizen.name, case, hearing, random.Random(notice_id)),
            documents=[Document(document_id, "متن ابلاغیه.pdf", "application/pdf", len(content))],
            hearing_id=hearing.id if hearing and kind == "summons" else None,
            addressee_resides_abroad=citizen.resides_abroad if resides_abroad is None else resides_abroad,
        )
        store.notices[notice.id] = notice
        if opened_at is not None:
            notice.opened_at = opened_at
            _record_service(case, notice)
        deemed_days = current().settings.notice_deemed_service_days
        store.emit_to("notice.issued", person, case, {
            "notice_id": notice.id, "number": notice.number, "type": notice.type, "title": notice.title,
            "kind": notice.kind, "hearing_id": notice.hearing_id, "issued_at": iso(notice.issued_at),
            "deemed_served_at": iso(deemed_served_at(notice, deemed_days)),
            "addressee_resides_abroad": notice.addressee_resides_abroad,
        })
        return notice


def _record_service(case: Case, notice: Notice) -> None:
    case.add_timeline("notice_served", notice.opened_at,
                      f"ابلاغ الکترونیک ابلاغیه شماره {persian_digits(notice.number)}")


def notice_of(store: Store, sub: str, notice_id: str) -> Notice:
    notice = store.notices.get(notice_id)
    if notice is None:
        raise not_found("ابلاغیه")
    if notice.person != sub:
        raise not_a_party()
    return notice


def open_notice(store: Store, sub: str, notice_id: str) -> Notice:
    """Opening a notice is its receipt (ابلاغ): recorded once, later calls change nothing."""
    with store.lock:
        notice = notice_of(store, sub, notice_id)
        if notice.opened_at is None:
            notice.opened_at = store.clock.now()
            _record_service(store.cases[notice.case_id], notice)
        return notice


def register_brief(store: Store, sub: str, case_id: str, key: str, text_sha256: str, text_length: int,
                   files: list[BriefFile], notice_id: str | None = None) -> tuple[Brief, bool]:
    """Registers a brief once per (citizen, Idempotency-Key); returns (brief, created).

    `notice_id` names the citizen's notice on this case that the brief answers.
    """
    fingerprint = hashlib.sha256(
        "\0".join([case_id, notice_id or "", text_sha256, *(f.sha256 for f in files)]).encode()
    ).hexdigest()
    with store.lock:
        case = store.case_of(sub, case_id)
        answered = store.notices.get(notice_id) if notice_id else None
        if notice_id and (answered is None or answered.person != sub or answered.case_id != case_id):
            raise Problem(400, "validation_failed", "notice_id باید ابلاغیه‌ای از همین پرونده و خطاب به شما باشد.")
        existing = store.idempotency.get((sub, key))
        if existing is not None:
            brief = store.briefs[existing]
            if brief.fingerprint != fingerprint:
                raise Problem(409, "idempotency_conflict",
                              "این کلید یکتایی پیش‌تر برای لایحه‌ای با محتوای دیگر به کار رفته است.")
            return brief, False
        if not case.accepts_briefs:
            raise Problem(422, "case_closed", "پرونده مختومه است و لایحه نمی‌پذیرد.")
        brief_id = store.next_id("brief", "b")
        now = store.clock.now()
        brief = Brief(
            id=brief_id, case_id=case.id, person=sub, idempotency_key=key, fingerprint=fingerprint,
            tracking_code=f"{jalali_year(now.date())}{_digits(f'{store.seed}:{brief_id}', 10)}",
            registered_at=now, text_length=text_length, text_sha256=text_sha256, files=files,
            notice_id=notice_id,
        )
        store.briefs[brief.id] = brief
        store.idempotency[(sub, key)] = brief.id
        case.add_timeline("brief_registered", now,
                          f"ثبت لایحه (کد رهگیری {persian_digits(brief.tracking_code)})")
        store.emit("brief.registered", case, {
            "brief_id": brief.id, "tracking_code": brief.tracking_code, "idempotency_key": key,
            "notice_id": brief.notice_id,
        })
        return brief, True
