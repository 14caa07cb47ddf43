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
(``citizen_signed_in``), and signing out first tries to forward what is pending (``citizen_signing_out``,
sent before the grant is deleted). The PWA tells the citizen so.

Safety nets: the task (declared at the end, beside the work it runs) is queued by the view after the
commit; if that message is lost (queue down, worker killed) the periodic sweep (every minute) queues
every due brief again; retries are also queued with a delay.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from bff import queue
from bff.auth.grants import GrantTokens, live_grants
from bff.briefs.models import FORWARDING, PENDING, REGISTERED, REJECTED, Brief
from bff.briefs.storage import briefs_dir
from bff.core_client import CoreBadAnswer, CoreRejected, CoreTimeout, CoreUnauthorized, CoreUnavailable, core
from bff.core_client.briefs import Attachment, BriefReceipt
from bff.platform import backoff as backoffs
from bff.platform import clock, config, leases, signals
from bff.platform.db import db

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


def backoff(attempts: int) -> float:
    """Seconds before attempt ``attempts + 1``: doubling from the base, capped, with jitter (80–100 %)."""
    settings = config.settings()
    return backoffs.exponential(attempts, base=settings.brief_retry_base_seconds,
                                cap=settings.brief_retry_cap_seconds, jitter=(0.8, 1.0))


def _due(now: datetime, *, force: bool):
    lease_free = leases.free(Brief, now)
    if force:
        return Brief.status.in_(PENDING) & lease_free
    return Brief.status.in_(PENDING) & Brief.next_attempt_at.is_not(None) & (Brief.next_attempt_at <= now) & lease_free


def claim(brief_id: str, now: datetime, *, force: bool = False) -> str | None:
    """Lease the brief for this worker; its lease token, or None if it is not due or someone holds it."""
    length = timedelta(seconds=config.settings().brief_forward_lease_seconds)
    held = leases.claim(Brief, (Brief.id == brief_id) & _due(now, force=force), length, now=now)
    return held.token if held else None


def due_brief_ids(now: datetime | None = None, limit: int = 500) -> list[str]:
    now = now or clock.utcnow()
    ids = list(db.session.scalars(select(Brief.id).where(_due(now, force=False))
                                  .order_by(Brief.next_attempt_at).limit(limit)))
    db.session.rollback()
    return ids


def forward(brief_id: str, now: datetime | None = None, *, force: bool = False) -> Outcome:
    """One forwarding attempt of one brief (a no-op if it is not due or another worker holds it)."""
    now = now or clock.utcnow()
    token = claim(brief_id, now, force=force)
    if token is None:
        return Outcome("skipped")
    brief = db.session.get(Brief, brief_id, populate_existing=True)
    parcel = Parcel(brief.id, brief.sub, brief.case_id, brief.idempotency_key, brief.text, brief.attempts,
                    tuple((f.original_name, f.content_type, f.stored_name) for f in brief.files))
    grants = live_grants(parcel.sub)
    if not grants:
        return _park(parcel, token)
    _mark(parcel, token, status=FORWARDING, attempts=parcel.attempts + 1, awaiting_sign_in=False)
    for grant_id in grants:
        try:
            receipt = _send(parcel, GrantTokens(grant_id))
        except CoreUnauthorized:
            continue  # this sign-in's tokens are spent; an older one may still work
        except CoreRejected as exc:
            if exc.status in TRANSIENT_REFUSALS:
                return _retry(parcel, token, f"core {exc.status} {exc.code}")
            return _reject(parcel, exc)
        except (CoreUnavailable, CoreTimeout, CoreBadAnswer) as exc:  # the same key later gets the same answer
            return _retry(parcel, token, type(exc).__name__, exc.retry_after)
        except Exception as exc:  # a bug or a missing file must not lose the brief: log and try again
            log.exception("forwarding a brief failed unexpectedly", extra={"fields": {"brief_id": parcel.id}})
            return _retry(parcel, token, f"unexpected {type(exc).__name__}")
        return _register(parcel, receipt)
    return _park(parcel, token)


def _send(parcel: Parcel, tokens: GrantTokens) -> BriefReceipt:
    """The core's POST, with the brief's own Idempotency-Key; the files are streamed from disk."""
    directory = briefs_dir()
    with ExitStack() as files:
        attachments = [Attachment(name, content_type, files.enter_context(open(directory / stored_name, "rb")))
                       for name, content_type, stored_name in parcel.files]
        return core().briefs.submit(tokens, parcel.case_id, parcel.key, parcel.text, attachments)


def _signal(brief_id: str) -> None:
    brief = db.session.get(Brief, brief_id, populate_existing=True)
    signals.brief_status_changed.send(current_app._get_current_object(), sub=brief.sub, brief_id=brief.id,
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


def _register(parcel: Parcel, receipt: BriefReceipt) -> Outcome:
    if _finish(parcel, status=REGISTERED, core_brief_id=receipt.id, core_tracking_code=receipt.tracking_code,
               registered_at=receipt.registered_at):
        log.info("brief registered at the core", extra={"fields": {"brief_id": parcel.id}})
    return Outcome("registered")


def _reject(parcel: Parcel, exc: CoreRejected) -> Outcome:
    if _finish(parcel, status=REJECTED, rejection_code=str(exc.code)[:64], rejection_reason=exc.detail,
               rejected_at=clock.utcnow()):
        log.info("brief rejected by the core", extra={"fields": {"brief_id": parcel.id, "status": exc.status,
                                                                  "code": exc.code}})
    return Outcome("rejected")


def _retry(parcel: Parcel, token: str, error: str, retry_after: int | None = None) -> Outcome:
    delay = backoff(parcel.attempts + 1)
    if retry_after:
        delay = max(delay, min(float(retry_after), float(config.settings().brief_retry_cap_seconds)))
    _mark(parcel, token, lease_until=None, lease_token=None, next_attempt_at=clock.utcnow() + timedelta(seconds=delay),
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
    now = now or clock.utcnow()
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


@queue.task(retries=0)
def forward_brief_to_core(brief_id: str) -> str:
    """One attempt; on an outage the next one is queued with the backoff delay. Huey's own retries are off:
    the retry policy lives in the database (``next_attempt_at``), so it survives a lost message."""
    outcome = forward(brief_id)
    if outcome.status == "retry" and outcome.retry_in is not None:
        forward_brief_to_core.schedule(args=(brief_id,), delay=outcome.retry_in)
    return outcome.status
