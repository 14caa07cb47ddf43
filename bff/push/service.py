"""Devices, preferences and the test push, as the API offers them; hearing catch-up; housekeeping."""

from __future__ import annotations

import ipaddress
import logging
import re
from datetime import timedelta
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import delete, select, update

from bff.auth.grants import GrantTokens, newest_live_grants
from bff.auth.service import Citizen
from bff.core_client import CoreError, core
from bff.platform import clock, config
from bff.platform.db import db
from bff.platform.errors import Problem
from bff.platform.i18n import t
from bff.push import feed, reminders
from bff.push.delivery import endpoint_hash, fan_out_now
from bff.push.models import (
    CANCELLED,
    CREATED,
    TEMPORARY_FAILURE,
    Delivery,
    Notification,
    RetiredEndpoint,
    Subscription,
)
from bff.push.outbox import notify, request_delivery
from bff.push.preferences import Preferences, preferences_of, remember_language, save_preferences
from bff.push.vapid import VapidKey, b64url_decode, vapid

log = logging.getLogger(__name__)

HISTORY_RETENTION = timedelta(days=30)
RETIRED_RETENTION = timedelta(days=180)
TEST_TTL = timedelta(hours=1)


def vapid_key() -> VapidKey:
    key = vapid.find()
    if key is None:
        raise Problem(503, "push_unavailable")
    return key


# -- devices ---------------------------------------------------------------------------------------

def _host_allowed(host: str, allowed: str) -> bool:
    for entry in (item.strip().lower() for item in allowed.split(",")):
        if entry and (host == entry.lstrip(".") if not entry.startswith(".") else host.endswith(entry)):
            return True
    return False


def check_endpoint(endpoint: str) -> None:
    """Refuse endpoints the server should not POST to: in production only https to a known push service."""
    settings = config.settings()
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    ok = parts.scheme in ("http", "https") and bool(host) and not parts.username and not parts.password
    if ok and settings.is_production:
        try:
            ipaddress.ip_address(host)
            ok = False  # push services have names; an address literal is someone probing the network
        except ValueError:
            ok = parts.scheme == "https" and _host_allowed(host, settings.push_allowed_hosts)
    if not ok:
        raise Problem(422, "push_endpoint_refused", errors={"endpoint": [t("validation.url")]})


def check_keys(p256dh: str, auth: str) -> None:
    """The browser's keys (RFC 8291): an uncompressed P-256 point and a 16-byte secret."""
    errors = {}
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(p256dh))
    except (ValueError, TypeError):
        errors["keys.p256dh"] = [t("validation.invalid")]
    try:
        if len(b64url_decode(auth)) != 16:
            raise ValueError
    except (ValueError, TypeError):
        errors["keys.auth"] = [t("validation.invalid")]
    if errors:
        raise Problem(422, "push_keys_invalid", errors=errors)


_BROWSERS = (("Edg/", "Edge"), ("SamsungBrowser", "Samsung Internet"), ("Firefox/", "Firefox"),
             ("CriOS", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
            ("Macintosh", "macOS"), ("Linux", "Linux"))


def label_from_user_agent(user_agent: str) -> str:
    """"Chrome · Android" from a User-Agent, so the devices list says which one is which."""
    browser = next((name for token, name in _BROWSERS if token in user_agent), "")
    system = next((name for token, name in _SYSTEMS if token in user_agent), "")
    return " · ".join(part for part in (browser, system) if part) or "—"


def upsert_subscription(citizen: Citizen, data: dict, user_agent: str, language: str) -> tuple[Subscription, bool]:
    """Add this device for the citizen, or refresh it; the same endpoint is always one row. Returns the
    row and whether it is new to this citizen (then their existing hearings are worth catching up on).

    An endpoint the push service retired answers 410 and one made for another VAPID key 409: the
    browser then subscribes afresh.
    """
    key = vapid_key()
    endpoint = data["endpoint"].strip()
    check_endpoint(endpoint)
    p256dh, auth = data["keys"]["p256dh"].strip(), data["keys"]["auth"].strip()
    check_keys(p256dh, auth)
    server_key = data.get("application_server_key")
    if server_key and server_key.rstrip("=") != key.application_server_key:
        raise Problem(409, "push_key_changed", application_server_key=key.application_server_key)
    if db.session.get(RetiredEndpoint, endpoint_hash(endpoint)) is not None:
        raise Problem(410, "push_subscription_retired")
    label = re.sub(r"\s+", " ", data.get("label") or "").strip()[:80] or label_from_user_agent(user_agent or "")
    now = clock.utcnow()
    row = db.session.scalar(select(Subscription).where(Subscription.endpoint == endpoint))
    created = row is None
    if created:
        row = Subscription(endpoint=endpoint, created_at=now, sub=citizen.sub)
        db.session.add(row)
    elif row.sub != citizen.sub:
        # The device changed hands: nothing still queued for the previous citizen may reach it.
        db.session.execute(update(Delivery).where(Delivery.subscription_id == row.id,
                                                  Delivery.status.in_((CREATED, TEMPORARY_FAILURE)))
                           .values(status=CANCELLED, updated_at=now), execution_options={"synchronize_session": False})
        row.sub = citizen.sub
        created = True
    row.p256dh, row.auth, row.label, row.vapid_key_id, row.updated_at = p256dh, auth, label, key.key_id, now
    remember_language(citizen.sub, language)
    db.session.commit()
    return row, created


def devices(sub: str) -> list[Subscription]:
    return list(db.session.scalars(select(Subscription).where(Subscription.sub == sub)
                                   .order_by(Subscription.created_at, Subscription.id)))


def remove_device(sub: str, *, subscription_id: int | None = None, endpoint: str | None = None) -> None:
    """Forget one of the citizen's devices (404 when it is not theirs)."""
    query = select(Subscription).where(Subscription.sub == sub)
    query = query.where(Subscription.id == subscription_id) if subscription_id is not None \
        else query.where(Subscription.endpoint == (endpoint or "").strip())
    row = db.session.scalar(query)
    if row is None:
        raise Problem(404, "not_found")
    db.session.execute(update(Delivery).where(Delivery.subscription_id == row.id,
                                              Delivery.status.in_((CREATED, TEMPORARY_FAILURE)))
                       .values(status=CANCELLED, updated_at=clock.utcnow()),
                       execution_options={"synchronize_session": False})
    db.session.delete(row)
    db.session.commit()


# -- preferences -----------------------------------------------------------------------------------

def update_preferences(sub: str, data: dict) -> Preferences:
    """Store the citizen's choices and plan their upcoming reminders again to match."""
    prefs = preferences_of(sub)
    if "topics" in data:
        prefs.topics = {**prefs.topics, **data["topics"]}
    if "lead_times" in data:
        prefs.lead_times = sorted(set(data["lead_times"]), reverse=True)
    if "quiet_hours" in data:
        quiet = data["quiet_hours"]
        prefs.quiet_start, prefs.quiet_end = (quiet["start"], quiet["end"]) if quiet else (None, None)
    for name in ("show_details", "language"):
        if name in data:
            setattr(prefs, name, data[name])
    save_preferences(sub, prefs)
    reminders.replan(sub)
    db.session.commit()
    return prefs


# -- test push -------------------------------------------------------------------------------------

def send_test(sub: str) -> int:
    """A test push to each of the citizen's devices, now; returns how many devices."""
    vapid_key()
    if not devices(sub):
        raise Problem(409, "push_no_devices")
    now = clock.utcnow()
    notification = notify(sub=sub, topic="test", kind="test", dedupe_key=f"test:{sub}:{now.timestamp()}",
                          params={}, url="/settings/notifications", expires_at=now + TEST_TTL,
                          topic_key=f"test-{int(now.timestamp())}", urgency="high")
    db.session.flush()
    count = fan_out_now(notification)
    request_delivery()
    db.session.commit()
    return count


# -- hearings that existed before the feed saw them ------------------------------------------------

def sync_citizen_hearings(sub: str, grant_id: str) -> int:
    """Read the citizen's hearings with their own tokens and plan reminders; 0 when the grant is gone."""
    try:
        hearings = core().hearings.upcoming(GrantTokens(grant_id))
    except CoreError as exc:
        log.info("hearing catch-up skipped", extra={"fields": {"sub": sub, "error": type(exc).__name__}})
        db.session.rollback()
        return 0
    planned = reminders.sync_hearings(sub, hearings)
    db.session.commit()
    return planned


def sync_all_hearings() -> int:
    """Catch up every citizen with a device and a sign-in grant that is still valid."""
    rows = newest_live_grants(select(Subscription.sub).distinct())
    return sum(sync_citizen_hearings(sub, grant_id) for sub, grant_id in rows)


# -- housekeeping ----------------------------------------------------------------------------------

def prune_history() -> dict:
    now = clock.utcnow()
    cutoff = now - HISTORY_RETENTION
    old = select(Notification.id).where(Notification.created_at < cutoff, Notification.expires_at < now)
    deliveries = db.session.execute(delete(Delivery).where(Delivery.notification_id.in_(old))).rowcount
    notifications = db.session.execute(delete(Notification).where(Notification.id.in_(
        select(Notification.id).where(Notification.created_at < cutoff, Notification.expires_at < now)))).rowcount
    retired = db.session.execute(delete(RetiredEndpoint).where(
        RetiredEndpoint.retired_at < now - RETIRED_RETENTION)).rowcount
    db.session.commit()
    return {"notifications": notifications or 0, "deliveries": deliveries or 0, "retired": retired or 0,
            "events": feed.prune_processed(now)}
