"""The event feed for the BFF: ordered, cursor-based and replayable."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..problems import invalid_parameter
from ..runtime import current
from . import representations as rep
from .auth import service_required

START = "0" * 20


@service_required("core.events")
def list_events():
    """Events after the cursor `after` (default: from the start of the feed), oldest first."""
    after_raw = request.args.get("after", "").strip()
    if after_raw and (not after_raw.isdigit() or not after_raw.isascii() or len(after_raw) > 20):
        raise invalid_parameter("پارامتر after باید یک مکان‌نمای عددی باشد.")
    try:
        limit = int(request.args.get("limit", "100"))
    except ValueError:
        limit = 0
    if not 1 <= limit <= 500:
        raise invalid_parameter("پارامتر limit باید عددی از ۱ تا ۵۰۰ باشد.")
    after = int(after_raw) if after_raw else 0
    store = current().store
    with store.lock:
        page = [e for e in store.events if int(e.id) > after][:limit]
    cursor = page[-1].id if page else (after_raw.zfill(20) if after_raw else START)
    return jsonify({"sample": True, "events": [rep.event(e) for e in page], "next_cursor": cursor})


@service_required("core.events")
def head():
    """The cursor of the newest event, so a new consumer can start from now."""
    return jsonify({"cursor": current().store.head_cursor})


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/events", view_func=list_events, methods=["GET"])
    bp.add_url_rule("/events/head", view_func=head, methods=["GET"])
