"""What a push says: a small JSON (type, title, body, url, tag…) in the citizen's language.

Rendered when it is sent, so a change of language or of "show details" applies to what is still
waiting. With details off, the text only says that something new arrived; the url still leads to
the right page once the phone is unlocked.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import quote

from bff.platform.dates import format_datetime, parse_instant
from bff.platform.i18n import t
from bff.platform.text import digits
from bff.push.models import Notification
from bff.push.preferences import Preferences

DIRECTIONS_URL = "https://www.openstreetmap.org/search?query={query}"
HEARING_KINDS = {"hearing_scheduled", "hearing_changed", "hearing_reminder"}


def _when(value: str | None, lang: str) -> str:
    return format_datetime(parse_instant(value), lang) if value else ""


def _label(key: str, lang: str, fallback: str) -> str:
    text = t(key, lang)
    return fallback if text == key else text


def texts(notification: Notification, lang: str) -> tuple[str, str]:
    """The title and body of a notification with details, in ``lang``."""
    p = notification.params
    kind = notification.kind
    values: dict[str, str] = {}
    if kind == "notice_issued":
        values = {"type": _label(f"notices.types.{p.get('type')}", lang, p.get("type", "")),
                  "title": p.get("title", ""), "number": digits(p.get("number", ""), lang)}
    elif kind in HEARING_KINDS or kind == "hearing_cancelled":
        values = {"when": _when(p.get("starts_at"), lang), "previous": _when(p.get("previous_starts_at"), lang),
                  "branch": p.get("branch", ""), "address": p.get("address", "")}
    elif kind == "case_status":
        values = {"status": _label(f"push.case_statuses.{p.get('status')}", lang, p.get("status", ""))}
    elif kind == "brief_status":
        status = _label(f"push.brief_statuses.{p.get('status')}", lang, p.get("status", ""))
        values = {"status": status, "tracking_code": digits(p.get("tracking_code") or "", lang)}
    return t(f"push.{kind}.title", lang, **values), t(f"push.{kind}.body", lang, **values)


def render(notification: Notification, prefs: Preferences) -> dict:
    """The payload for one notification, as the service worker reads it."""
    lang = prefs.language
    view = {"action": "view", "title": t("push.actions.view", lang), "url": notification.url}
    payload = {
        "v": 1,
        "id": notification.id,
        "type": notification.kind,
        "url": notification.url,
        "tag": notification.topic_header,
        "renotify": notification.kind in {"hearing_changed", "hearing_cancelled"},
        "lang": lang,
        "dir": "rtl" if lang == "fa" else "ltr",
        "ts": int(notification.created_at.timestamp() * 1000),
    }
    if not prefs.show_details and notification.topic != "test":
        return {**payload, "title": t("push.private.title", lang), "body": t("push.private.body", lang),
                "actions": [view]}
    title, body = texts(notification, lang)
    actions = [view]
    address = notification.params.get("address")
    if notification.kind in HEARING_KINDS and address:
        actions.append({"action": "directions", "title": t("push.actions.directions", lang),
                        "url": DIRECTIONS_URL.format(query=quote(address))})
    return {**payload, "title": title, "body": body, "actions": actions}


def encode(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def expiry_seconds(expires_at: datetime, now: datetime) -> int:
    return max(0, int((expires_at - now).total_seconds()))
