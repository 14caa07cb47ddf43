"""Forwarding accepted briefs to the core: a transactional outbox, worked by Huey, that never loses one.

The brief's own row is the outbox entry, committed with the brief. A forwarding attempt:

1. **claims** the brief with one atomic UPDATE (due, not leased by another worker) that sets a lease
   (``lease_until``, ``lease_token``) — two workers never send the same brief at the same time, and a
   worker killed mid-call only delays the brief until its lease runs out;
2. sends it with the brief's own Idempotency-Key, so whatever happened before (a call that reached the
   core but whose answer was lost, a killed worker) the core registers it once and answers the same;
3. records the outcome: 200/201 → ``registered`` with the core's tracking code; a 4xx refusal →
   ``rejected`` with the reason (408/425/429 are "later", not "no"); an outage, timeout or 5xx → back
   off (doubling from BRIEF_RETRY_BASE_SECONDS, capped at BRIEF_RETRY_CAP_SECONDS, jittered) and retry,
   for ever — a brief is never given up on. Each status change signals ``brief_status_changed`` inside
   the transaction that makes it.

Whose token: the design forbids a service credential for one citizen's data, so the brief goes with the
citizen's own grant (their latest sign-in that has not expired; the access token is refreshed as
needed). A citizen with no usable grant (signed out, expired) has their briefs **wait**: they stay
``received``/``forwarding`` with ``awaiting_sign_in`` set and no attempt due; signing in again queues them
(``bff.auth.service.signed_in``), and signing out first tries to forward what is pending
(``bff.auth.service.signing_out``, sent before the grant is deleted). The PWA tells the citizen so.

Safety nets: the task is queued after the commit; if that message is lost (queue down, worker killed)
the periodic sweep (every minute) queues every due brief again; retries are also queued with a delay.
"""

from __future__ import annotations

import logging
import random
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import or_, select, update

from bff.auth.grants import GrantTokens
from bff.auth.models import AuthGrant
from bff.briefs.models import FORWARDING, PENDING, RECEIVED, REGISTERED, REJECTED, Brief
from bff.briefs.signals import brief_status_changed
from bff.core_client import CoreBadResponse, CoreRejected, CoreTimeout, CoreUnauthorized, CoreUnavailable
from bff.dates import parse_instant
from bff.extensions import db

log = logging.getLogger(__name__)

# Refusals that mean "not now" rather than "no".
TRANSIENT_REFUSALS = {408, 425, 429}


@dataclass(frozen=True)
class Outcome:
    status: str  # registered | rejected | retry | awaiting_sign_in | skipped
    retry_in: float | None = None


@dataclass(frozen=True)
class Parcel:
    """What one attempt sends, read before the call so no transaction stays open during it."""

    id: str
    sub: str
    case_id: str
    key: str
    text: str
    attempts: int
    files: tuple[tuple[str, str, str], ...]  # (name, content type, stored name)


def _settings():
    return current_app.extensions["settings"]


def _now() -> datetime:
    return datetime.now(UTC)


def backoff(attempts: int) -> float:
    """Seconds before attempt ``attempts + 1``: doubling from the base, capped, with jitter (80–100 %)."""
    settings = _settings()
    delay = min(settings.brief_retry_cap_seconds, settings.brief_retry_base_seconds * 2 ** max(0, attempts - 1))
    return delay * random.uniform(0.8, 1.0)


def _due(now: datetime, *, force: bool):
    lease_free = or_(Brief.lease_until.is_(None), Brief.lease_until < now)
    if force:
        return Brief.status.in_(PENDING) & lease_free
    return Brief.status.in_(PENDING) & Brief.next_attempt_at.is_not(None) & (Brief.next_attempt_at <= now) & lease_free


def claim(brief_id: str, now: datetime, *, force: bool = False) -> str | None:
    """Lease the brief for this worker; its lease token, or None if it is not due or someone holds it."""
    token = secrets.token_hex(16)
    lease = now + timedelta(seconds=_settings().brief_forward_lease_seconds)
    result = db.session.execute(
        update(Brief).where(Brief.id == brief_id, _due(now, force=force))
        .values(lease_until=lease, lease_token=token).execution_options(synchronize_session=False))
    db.session.commit()
    return token if result.rowcount == 1 else None


def due_brief_ids(now: datetime | None = None, limit: int = 500) -> list[str]:
    now = now or _now()
    ids = list(db.session.scalars(select(Brief.id).where(_due(now, force=False))
                                  .order_by(Brief.next_attempt_at).limit(limit)))
    db.session.rollback()
    return ids


def usable_grants(sub: str, now: datetime) -> list[str]:
    """The citizen's grants that have not expired, newest first."""
    ids = list(db.session.scalars(select(AuthGrant.id).where(AuthGrant.sub == sub, AuthGrant.expires_at > now)
                                  .order_by(AuthGrant.created_at.desc())))
    db.session.rollback()
    return ids


def forward(brief_id: str, now: datetime | None = None, *, force: bool = False) -> Outcome:
    """One forwarding attempt of one brief (a no-op if it is not due or another worker holds it)."""
    now = now or _now()
    token = claim(brief_id, now, force=force)
    if token is None:
        return Outcome("skipped")
    brief = db.session.get(Brief, brief_id, populate_existing=True)
    parcel = Parcel(brief.id, brief.sub, brief.case_id, brief.idempotency_key, brief.text, brief.attempts,
                    tuple((f.original_name, f.content_type, f.stored_name) for f in brief.files))
    grants = usable_grants(parcel.sub, now)
    if not grants:
        return _park(parcel, token)
    _mark(parcel, token, status=FORWARDING, attempts=parcel.attempts + 1, awaiting_sign_in=False)
    for grant_id in grants:
        try:
            response = _send(parcel, GrantTokens(grant_id))
        except CoreUnauthorized:
            continue  # this sign-in's tokens are spent; an older one may still work
        except CoreRejected as exc:
            if exc.status in TRANSIENT_REFUSALS:
                return _retry(parcel, token, f"core {exc.status} {exc.code}")
            return _reject(parcel, exc)
        except (CoreUnavailable, CoreTimeout, CoreBadResponse) as exc:
            return _retry(parcel, token, type(exc).__name__, getattr(exc, "retry_after", None))
        except Exception as exc:  # a bug or a missing file must not lose the brief: log and try again
            log.exception("forwarding a brief failed unexpectedly", extra={"fields": {"brief_id": parcel.id}})
            return _retry(parcel, token, f"unexpected {type(exc).__name__}")
        try:
            receipt = response.json()
            registered_at = parse_instant(receipt["registered_at"])
            core_id, core_code = str(receipt["id"]), str(receipt["tracking_code"])
        except (ValueError, KeyError, TypeError):
            return _retry(parcel, token, "core answer without a receipt")
        return _register(parcel, core_id, core_code, registered_at)
    return _park(parcel, token)


def _send(parcel: Parcel, tokens: GrantTokens):
    directory = _briefs_dir()
    handles = []
    try:
        for _, _, stored_name in parcel.files:
            handles.append(open(directory / stored_name, "rb"))  # noqa: SIM115 (closed below)
        # Always multipart (also without attachments): the text as a plain field, then the files in order;
        # httpx streams each file from disk and rewinds it for a retry.
        parts = [("text", (None, parcel.text.encode(), "text/plain; charset=utf-8"))]
        parts += [("files", (name, fh, content_type)) for (name, content_type, _), fh in zip(parcel.files, handles,
                                                                                             strict=True)]
        return current_app.extensions["core"].citizen(
            tokens, "POST", f"/core/v1/cases/{parcel.case_id}/briefs", files=parts,
            headers={"Idempotency-Key": parcel.key})
    finally:
        for fh in handles:
            fh.close()


def _briefs_dir() -> Path:
    from bff.briefs.service import briefs_dir

    return briefs_dir()


def _signal(brief_id: str) -> None:
    brief = db.session.get(Brief, brief_id, populate_existing=True)
    brief_status_changed.send(current_app._get_current_object(), sub=brief.sub, brief_id=brief.id,
                              case_id=brief.case_id, status=brief.status, tracking_code=brief.tracking_code)


def _mark(parcel: Parcel, token: str, **values) -> None:
    db.session.execute(update(Brief).where(Brief.id == parcel.id, Brief.lease_token == token)
                       .values(**values).execution_options(synchronize_session=False))
    db.session.commit()


def _finish(parcel: Parcel, **values) -> bool:
    """A final status, whoever holds the lease now (a second worker's identical answer changes nothing)."""
    result = db.session.execute(
        update(Brief).where(Brief.id == parcel.id, Brief.status.in_(PENDING))
        .values(lease_until=None, lease_token=None, next_attempt_at=None, awaiting_sign_in=False, last_error=None,
                **values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        return False
    _signal(parcel.id)
    db.session.commit()
    return True


def _register(parcel: Parcel, core_id: str, core_code: str, registered_at: datetime) -> Outcome:
    if _finish(parcel, status=REGISTERED, core_brief_id=core_id, core_tracking_code=core_code,
               registered_at=registered_at):
        log.info("brief registered at the core", extra={"fields": {"brief_id": parcel.id}})
    return Outcome("registered")


def _reject(parcel: Parcel, exc: CoreRejected) -> Outcome:
    if _finish(parcel, status=REJECTED, rejection_code=str(exc.code)[:64], rejection_reason=exc.detail,
               rejected_at=_now()):
        log.info("brief rejected by the core", extra={"fields": {"brief_id": parcel.id, "status": exc.status,
                                                                  "code": exc.code}})
    return Outcome("rejected")


def _retry(parcel: Parcel, token: str, error: str, retry_after: int | None = None) -> Outcome:
    delay = backoff(parcel.attempts + 1)
    if retry_after:
        delay = max(delay, min(float(retry_after), float(_settings().brief_retry_cap_seconds)))
    _mark(parcel, token, lease_until=None, lease_token=None, next_attempt_at=_now() + timedelta(seconds=delay),
          last_error=error[:255])
    log.info("brief forwarding will be retried", extra={"fields": {
        "brief_id": parcel.id, "attempt": parcel.attempts + 1, "error": error, "delay_s": round(delay, 1)}})
    return Outcome("retry", delay)


def _park(parcel: Parcel, token: str) -> Outcome:
    """No usable sign-in: wait, without attempts, until the citizen signs in again."""
    _mark(parcel, token, lease_until=None, lease_token=None, next_attempt_at=None, awaiting_sign_in=True)
    log.info("brief waits for its citizen to sign in again", extra={"fields": {"brief_id": parcel.id}})
    return Outcome("awaiting_sign_in")


def release_waiting(sub: str, now: datetime | None = None) -> list[str]:
    """The citizen signed in: every pending brief of theirs is due now; returns their ids."""
    now = now or _now()
    with db.engine.begin() as conn:
        ids = list(conn.scalars(select(Brief.id).where(Brief.sub == sub, Brief.status.in_(PENDING))))
        if ids:
            conn.execute(update(Brief).where(Brief.id.in_(ids), Brief.status.in_(PENDING),
                                             or_(Brief.next_attempt_at.is_(None), Brief.next_attempt_at > now))
                         .values(next_attempt_at=now, awaiting_sign_in=False))
    return ids


def pending_ids(sub: str) -> list[str]:
    with db.engine.connect() as conn:
        return list(conn.scalars(select(Brief.id).where(Brief.sub == sub, Brief.status.in_(PENDING))
                                 .order_by(Brief.received_at)))


__all__ = ["RECEIVED", "Outcome", "backoff", "claim", "due_brief_ids", "forward", "pending_ids", "release_waiting"]
