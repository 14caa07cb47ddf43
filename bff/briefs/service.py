"""Accepting a brief exactly once per (citizen, Idempotency-Key), and reading a citizen's briefs.

Idempotency: the row's UNIQUE (sub, idempotency_key) constraint decides. Every request streams its body
to its own staging files and computes the request hash (case, raw text bytes, raw file bytes); the first
INSERT to commit wins. A request that finds the key taken — before reading the body or through the
IntegrityError of its own INSERT — removes its files and compares hashes: the same hash gets the winner's
answer, another hash gets 409. So 20 concurrent requests with one key leave one brief and one set of files.

One transaction: the files are written to the briefs folder first, then the brief and its file rows are
committed together; if the commit fails the files are removed (and a crash in between leaves only
unreferenced files, which the daily clean-up deletes). The view queues the forwarding after the commit.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import uuid
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bff.auth.service import Citizen
from bff.briefs import storage, upload
from bff.briefs.models import PENDING, RECEIVED, Brief, BriefFile
from bff.core_client import CoreBadAnswer, CoreRejected, CoreTimeout, CoreUnavailable, core
from bff.platform import clock, signals
from bff.platform.dates import jalali
from bff.platform.db import db
from bff.platform.errors import Problem
from bff.platform.outbound import valid_id

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1


def parse_idempotency_key(value: str | None) -> str:
    """The Idempotency-Key header as a canonical UUID string; 400 when missing or not a UUID."""
    if value is None or not value.strip():
        raise Problem(400, "idempotency_key_missing")
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise Problem(400, "idempotency_key_invalid") from None


def request_hash(case_id: str, received: upload.Upload) -> str:
    """What "the same content" means for a repeated key: the case, the text and every file, as sent."""
    parts = [case_id, hashlib.sha256(received.text or b"").hexdigest(), *(f.sha256 for f in received.files)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def manifest(brief: Brief) -> dict:
    """The canonical description of what was received; its SHA-256 is the receipt's fingerprint."""
    return {
        "version": MANIFEST_VERSION,
        "tracking_code": brief.tracking_code,
        "case_id": brief.case_id,
        "received_at": brief.received_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "text_sha256": brief.text_sha256,
        "text_length": len(brief.text),
        "files": [{"name": f.original_name, "content_type": f.content_type, "size": f.size, "sha256": f.sha256}
                  for f in sorted(brief.files, key=lambda f: f.position)],
    }


def canonical_json(value: dict) -> bytes:
    """Sorted keys, no spaces, UTF-8: anyone can rebuild the bytes from the manifest and check the hash."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def manifest_sha256(brief: Brief) -> str:
    return hashlib.sha256(canonical_json(manifest(brief))).hexdigest()


def new_tracking_code(now: datetime) -> str:
    """Ours, not the core's: the Jalali year and 8 random digits (12 digits)."""
    return f"{jalali(now).year}{secrets.randbelow(10**8):08d}"


def find(sub: str, key: str) -> Brief | None:
    return db.session.scalars(select(Brief).where(Brief.sub == sub, Brief.idempotency_key == key)).first()


def replay(existing: Brief, fingerprint: str) -> Brief:
    if existing.request_hash != fingerprint:
        raise Problem(409, "idempotency_conflict")
    return existing


def check_case(citizen: Citizen, case_id: str) -> dict | None:
    """The case as the core sees it for this citizen: 404 if not theirs, 422 if it takes no briefs.

    When the core cannot be asked, None: the brief is still accepted (its receipt may matter for a
    deadline) and the core decides when it is forwarded — a refusal then marks it rejected.
    """
    try:
        case = core().cases.get(citizen, case_id)
    except CoreRejected as exc:
        if exc.status in (403, 404):
            raise Problem(404, "brief_case_not_found") from None
        raise
    except (CoreUnavailable, CoreTimeout, CoreBadAnswer) as exc:
        log.warning("case not checked: the core did not answer; accepting the brief unchecked",
                    extra={"fields": {"case_id": case_id, "error": type(exc).__name__}})
        return None
    if not case.accepts_briefs:
        raise Problem(422, "brief_case_closed")
    return {"case_number": case.case_number[:32] or None, "case_title": case.title[:255] or None}


def submit(citizen: Citizen, case_id: str, key: str, stream, content_type: str | None) -> tuple[Brief, bool]:
    """Accept a brief from a multipart body; returns (brief, replayed). The caller queues its forwarding."""
    if not valid_id(case_id):  # the core's id rule: never asked about, never stored
        raise Problem(404, "brief_case_not_found")
    existing = find(citizen.sub, key)
    existing_id = existing.id if existing is not None else None
    db.session.rollback()  # no database transaction stays open while the body arrives
    case = check_case(citizen, case_id) if existing_id is None else None
    directory = storage.briefs_dir()
    received = upload.receive(stream, content_type, directory)
    try:
        fingerprint = request_hash(case_id, received)
        if existing_id is not None:
            return replay(db.session.get(Brief, existing_id), fingerprint), True
        text = upload.decode_text(received.text)
        stored = storage.store_all(received, directory)
    finally:
        received.discard()
    try:
        return record(citizen.sub, case_id, key, fingerprint, text, stored, case or {})
    except BaseException:
        for item in stored:
            item.discard()
        raise


def record(sub: str, case_id: str, key: str, fingerprint: str, text: str, stored: list[storage.StoredFile],
           case: dict) -> tuple[Brief, bool]:
    """Commit the brief and its files in one transaction (or find the concurrent winner)."""
    app = current_app._get_current_object()
    for _ in range(5):
        now = clock.utcnow().replace(microsecond=0)
        brief = Brief(
            id=str(uuid.uuid4()), sub=sub, case_id=case_id, case_number=case.get("case_number"),
            case_title=case.get("case_title"), idempotency_key=key, request_hash=fingerprint, text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(), tracking_code=new_tracking_code(now),
            status=RECEIVED, received_at=now, attempts=0, next_attempt_at=now, awaiting_sign_in=False,
        )
        brief.files = [BriefFile(position=f.position, original_name=f.original_name, stored_name=f.stored_name,
                                 content_type=f.content_type, size=f.size, sha256=f.sha256) for f in stored]
        brief.manifest_sha256 = manifest_sha256(brief)
        db.session.add(brief)
        try:
            db.session.flush()
        except IntegrityError:
            db.session.rollback()
            winner = find(sub, key)
            if winner is None:
                continue  # our tracking code was taken: draw another
            for item in stored:
                item.discard()
            return replay(winner, fingerprint), True
        signals.brief_status_changed.send(app, sub=sub, brief_id=brief.id, case_id=case_id, status=RECEIVED,
                                          tracking_code=brief.tracking_code)
        db.session.commit()
        log.info("brief received", extra={"fields": {"brief_id": brief.id, "files": len(stored)}})
        return brief, False
    raise RuntimeError("could not draw a free tracking code")


def list_briefs(sub: str) -> list[Brief]:
    return list(db.session.scalars(select(Brief).where(Brief.sub == sub)
                                   .order_by(Brief.received_at.desc(), Brief.id)))


def get_brief(sub: str, brief_id: str) -> Brief:
    """The citizen's own brief; someone else's is as absent as one that does not exist."""
    brief = db.session.get(Brief, brief_id) if len(brief_id) <= 36 else None
    if brief is None or brief.sub != sub:
        raise Problem(404, "not_found")
    return brief


def is_pending(brief: Brief) -> bool:
    return brief.status in PENDING
