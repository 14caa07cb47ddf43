"""Electronic notices (ابلاغیه الکترونیک): opening one is its receipt."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, g, jsonify, send_file

from ..changes import notice_of, open_notice
from ..problems import Problem, not_found
from ..runtime import current
from . import representations as rep
from .auth import citizen_required


@citizen_required
def list_notices():
    """The citizen's notices, newest first, without their text."""
    store = current().store
    with store.lock:
        mine = [n for n in store.notices.values() if n.person == g.citizen.sub]
        mine.sort(key=lambda n: n.issued_at, reverse=True)
        return jsonify({"sample": True, "notices": [rep.notice(store, n, with_body=False) for n in mine]})


@citizen_required
def get_notice(notice_id: str):
    """One notice; its text only once it has been opened."""
    store = current().store
    with store.lock:
        return jsonify(rep.notice(store, notice_of(store, g.citizen.sub, notice_id), with_body=True))


@citizen_required
def receipt(notice_id: str):
    """Open the notice: records the receipt once and returns the text."""
    store = current().store
    with store.lock:
        return jsonify(rep.notice(store, open_notice(store, g.citizen.sub, notice_id), with_body=True))


@citizen_required
def document(notice_id: str, document_id: str):
    """A document attached to an opened notice (PDF)."""
    store = current().store
    with store.lock:
        notice = notice_of(store, g.citizen.sub, notice_id)
        item = next((d for d in notice.documents if d.id == document_id), None)
        if item is None:
            raise not_found("سند")
        if notice.opened_at is None:
            raise Problem(409, "not_opened", "پیش از دریافت سند، ابلاغیه را باز کنید (ثبت رؤیت).")
        content = store.documents[item.id]
    return send_file(BytesIO(content), mimetype=item.content_type, download_name=item.name,
                     as_attachment=True, max_age=0)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/notices", view_func=list_notices, methods=["GET"])
    bp.add_url_rule("/notices/<notice_id>", view_func=get_notice, methods=["GET"])
    bp.add_url_rule("/notices/<notice_id>/receipt", view_func=receipt, methods=["POST"])
    bp.add_url_rule("/notices/<notice_id>/documents/<document_id>", view_func=document, methods=["GET"])
