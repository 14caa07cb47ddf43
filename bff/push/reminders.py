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

from bff.dates import parse_instant
from bff.extensions import db
from bff.push import clock
from bff.push.models import Notification, Subscription, TrackedHearing
from bff.push.outbox import cancel_pending_deliveries, notify
from bff.push.preferences import Preferences, preferences_of, reminder_time

log = logging.getLogger(__name__)

PAST_GRACE = timedelta(minutes=5)  # a reminder whose time passed longer ago than this is not planned


def has_devices(sub: str) -> bool:
    return db.session.scalar(select(Subscription.id).where(Subscription.sub == sub).limit(1)) is not None


def hearing_ref(hearing_id: str) -> str:
    return f"hearing:{hearing_id}"


def track(sub: str, hearing: dict, case_id: str | None = None) -> tuple[TrackedHearing, bool]:
    """Keep the newest version of ``hearing``; returns (row, whether this version is current).

    ``hearing``: the core's fields: id or hearing_id, version, status, starts_at, branch, address.
    """
    hearing_id = hearing.get("id") or hearing["hearing_id"]
    version = int(hearing.get("version", 1))
    row = db.session.scalar(select(TrackedHearing).where(TrackedHearing.sub == sub,
                                                         TrackedHearing.hearing_id == hearing_id))
    if row is not None and row.version > version:
        return row, False  # an older version than we know: nothing to change
    starts = hearing.get("starts_at") or hearing.get("previous_starts_at")
    if row is None:
        row = TrackedHearing(sub=sub, hearing_id=hearing_id, branch="", address="")
        db.session.add(row)
    row.case_id = case_id or hearing.get("case_id") or row.case_id or ""
    row.version = version
    row.status = hearing.get("status") or row.status or "scheduled"
    row.starts_at = parse_instant(starts) if starts else row.starts_at
    row.branch = (hearing.get("branch") or row.branch or "")[:300]
    row.address = (hearing.get("address") or row.address or "")[:500]
    row.updated_at = clock.now()
    return row, True


def plan(row: TrackedHearing, prefs: Preferences | None = None) -> None:
    """Make the hearing's planned reminders match its current time, status and the citizen's choices."""
    prefs = prefs or preferences_of(row.sub)
    now = clock.now()
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
                                                           TrackedHearing.starts_at > clock.now())).all()
    for row in rows:
        plan(row, prefs)


def _change_notice(sub: str, kind: str, row: TrackedHearing, data: dict, expires_at: datetime) -> None:
    notify(sub=sub, topic="hearing_reminder", kind=kind,
           dedupe_key=f"{kind}:{sub}:{row.hearing_id}:v{row.version}",
           params={"hearing_id": row.hearing_id, "case_id": row.case_id, "starts_at": data.get("starts_at"),
                   "previous_starts_at": data.get("previous_starts_at"), "branch": row.branch,
                   "address": row.address},
           url=f"/cases/{row.case_id}", expires_at=expires_at, topic_key=f"h-{row.hearing_id}",
           urgency="high" if kind != "hearing_scheduled" else "normal", ref=hearing_ref(row.hearing_id))


def _on_set(kind: str, sub: str, case_id: str, data: dict) -> None:
    row, current = track(sub, {**data, "status": "scheduled"}, case_id)
    if not current:
        return
    plan(row)
    if row.starts_at > clock.now():
        _change_notice(sub, kind, row, data, row.starts_at)


def on_scheduled(sub: str, case_id: str, data: dict) -> None:
    _on_set("hearing_scheduled", sub, case_id, data)


def on_changed(sub: str, case_id: str, data: dict) -> None:
    """A moved hearing: its old reminders withdrawn, new ones planned, the change pushed at high urgency."""
    _on_set("hearing_changed", sub, case_id, data)


def on_cancelled(sub: str, case_id: str, data: dict) -> None:
    row, current = track(sub, {**data, "status": "cancelled"}, case_id)
    if not current:
        return
    plan(row)
    previous = parse_instant(data["previous_starts_at"])
    if previous > clock.now():
        _change_notice(sub, "hearing_cancelled", row, data, previous)


def sync_hearings(sub: str, hearings: list[dict]) -> int:
    """Track and plan a citizen's hearings as their own hearing list shows them (no pushes of its own)."""
    planned = 0
    for hearing in hearings:
        try:
            row, current = track(sub, hearing)
        except (KeyError, ValueError, TypeError):
            log.warning("hearing without the expected fields", extra={"fields": {"hearing": str(hearing)[:200]}})
            continue
        if current:
            plan(row)
            planned += 1
    return planned
