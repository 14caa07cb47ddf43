"""Hearing reminders: the newest known version of each hearing, and reminders planned from it.

Reminders are outbox rows with a future ``not_before`` (one per lead time). When a hearing moves, is
cancelled, or the citizen changes lead times or quiet hours, the hearing is planned again: rows that
no longer fit are withdrawn, new ones added; one that already went stays sent.

Where hearings come from: the event feed (scheduled / changed / cancelled) for citizens with a
device, and, for hearings that existed before, the citizen's own hearing list read with their own
tokens when they subscribe a device and then hourly while a sign-in grant of theirs is valid.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from bff.core_client.cases import Hearing
from bff.core_client.events import HearingCancelled, HearingSet
from bff.platform import clock
from bff.platform.dates import iso_instant
from bff.platform.db import db
from bff.push.models import Notification, Subscription, TrackedHearing
from bff.push.outbox import cancel_pending_deliveries, notify
from bff.push.preferences import Preferences, preferences_of, reminder_time

log = logging.getLogger(__name__)

PAST_GRACE = timedelta(minutes=5)  # a reminder whose time passed longer ago than this is not planned


def has_devices(sub: str) -> bool:
    return db.session.scalar(select(Subscription.id).where(Subscription.sub == sub).limit(1)) is not None


def hearing_ref(hearing_id: str) -> str:
    return f"hearing:{hearing_id}"


def track(sub: str, hearing_id: str, version: int, *, status: str, starts_at: datetime | None,
          case_id: str | None = None, branch: str | None = None, address: str | None = None,
          ) -> tuple[TrackedHearing, bool]:
    """Keep the newest version of a hearing; returns (row, whether this version is current). Fields left
    out keep what is known (a cancellation says neither the branch nor the address)."""
    row = db.session.scalar(select(TrackedHearing).where(TrackedHearing.sub == sub,
                                                         TrackedHearing.hearing_id == hearing_id))
    if row is not None and row.version > version:
        return row, False  # an older version than we know: nothing to change
    if row is None:
        row = TrackedHearing(sub=sub, hearing_id=hearing_id, branch="", address="")
        db.session.add(row)
    row.case_id = case_id or row.case_id or ""
    row.version = version
    row.status = status
    row.starts_at = starts_at or row.starts_at
    row.branch = (branch or row.branch or "")[:300]
    row.address = (address or row.address or "")[:500]
    row.updated_at = clock.utcnow()
    return row, True


def plan(row: TrackedHearing, prefs: Preferences | None = None) -> None:
    """Make the hearing's planned reminders match its current time, status and the citizen's choices."""
    prefs = prefs or preferences_of(row.sub)
    now = clock.utcnow()
    ref = hearing_ref(row.hearing_id)
    desired: dict[str, tuple[int, datetime]] = {}
    if row.status == "scheduled" and row.starts_at > now:
        for lead in prefs.lead_times:
            at = reminder_time(row.starts_at, lead, prefs)
            if at >= now - PAST_GRACE:
                desired[f"reminder:{row.sub}:{row.hearing_id}:v{row.version}:{lead}h"] = (lead, at)
    params = {"hearing_id": row.hearing_id, "case_id": row.case_id, "starts_at": row.starts_at.isoformat(),
              "branch": row.branch, "address": row.address}
    withdrawn = []
    existing = db.session.scalars(select(Notification).where(
        Notification.sub == row.sub, Notification.ref == ref, Notification.kind == "hearing_reminder")).all()
    for notification in existing:
        wanted = desired.pop(notification.dedupe_key, None)
        if notification.fanned_out_at is not None:
            if wanted is None:
                withdrawn.append(notification.id)  # gone out already; stop retries of an outdated one
            continue
        if wanted is None:
            if notification.cancelled_at is None:
                notification.cancelled_at = now
        else:
            notification.cancelled_at = None
            notification.not_before = wanted[1]
            notification.expires_at = row.starts_at
            notification.params = {**params, "lead": wanted[0]}
    cancel_pending_deliveries(withdrawn)
    for key, (lead, at) in desired.items():
        notify(sub=row.sub, topic="hearing_reminder", kind="hearing_reminder", dedupe_key=key,
               params={**params, "lead": lead}, url=f"/cases/{row.case_id}", expires_at=row.starts_at,
               topic_key=f"h-{row.hearing_id}", not_before=at, ref=ref)


def replan(sub: str) -> None:
    """Plan every upcoming hearing of ``sub`` again (after a change of preferences; the caller commits)."""
    prefs = preferences_of(sub)
    rows = db.session.scalars(select(TrackedHearing).where(TrackedHearing.sub == sub,
                                                           TrackedHearing.starts_at > clock.utcnow())).all()
    for row in rows:
        plan(row, prefs)


def _change_notice(sub: str, kind: str, row: TrackedHearing, *, starts_at: datetime | None,
                   previous_starts_at: datetime | None, expires_at: datetime) -> None:
    notify(sub=sub, topic="hearing_reminder", kind=kind,
           dedupe_key=f"{kind}:{sub}:{row.hearing_id}:v{row.version}",
           params={"hearing_id": row.hearing_id, "case_id": row.case_id,
                   "starts_at": iso_instant(starts_at) if starts_at else None,
                   "previous_starts_at": iso_instant(previous_starts_at) if previous_starts_at else None,
                   "branch": row.branch, "address": row.address},
           url=f"/cases/{row.case_id}", expires_at=expires_at, topic_key=f"h-{row.hearing_id}",
           urgency="high" if kind != "hearing_scheduled" else "normal", ref=hearing_ref(row.hearing_id))


def on_set(kind: str, sub: str, case_id: str | None, hearing: HearingSet) -> None:
    """A scheduled hearing (``hearing_scheduled``) or a moved one (``hearing_changed``): its reminders
    planned (a moved one's old reminders withdrawn), the news pushed (a move at high urgency)."""
    row, current = track(sub, hearing.hearing_id, hearing.version, status="scheduled",
                         starts_at=hearing.starts_at, case_id=case_id, branch=hearing.branch,
                         address=hearing.address)
    if not current:
        return
    plan(row)
    if row.starts_at > clock.utcnow():
        _change_notice(sub, kind, row, starts_at=hearing.starts_at, previous_starts_at=hearing.previous_starts_at,
                       expires_at=row.starts_at)


def on_cancelled(sub: str, case_id: str | None, hearing: HearingCancelled) -> None:
    row, current = track(sub, hearing.hearing_id, hearing.version, status="cancelled",
                         starts_at=hearing.previous_starts_at, case_id=case_id)
    if not current:
        return
    plan(row)
    if hearing.previous_starts_at > clock.utcnow():
        _change_notice(sub, "hearing_cancelled", row, starts_at=None,
                       previous_starts_at=hearing.previous_starts_at, expires_at=hearing.previous_starts_at)


def sync_hearings(sub: str, hearings: list[Hearing]) -> int:
    """Track and plan a citizen's hearings as their own hearing list shows them (no pushes of its own)."""
    planned = 0
    for hearing in hearings:
        row, current = track(sub, hearing.id, hearing.version, status=hearing.status, starts_at=hearing.starts_at,
                             case_id=hearing.case_id, branch=hearing.branch, address=hearing.address)
        if current:
            plan(row)
            planned += 1
    return planned
