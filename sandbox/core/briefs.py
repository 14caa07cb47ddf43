"""Briefs (لایحه): registered once per Idempotency-Key, files hashed and never stored."""

from __future__ import annotations

import hashlib

from flask import Blueprint, g, jsonify, request, url_for

from ..changes import register_brief
from ..model import BriefFile
from ..problems import Problem, invalid_parameter, not_a_party, not_found
from ..runtime import current
from . import representations as rep
from .auth import citizen_required

MAX_TEXT_LENGTH = 20_000
MAX_FILES = 10


def _invalid(detail: str) -> Problem:
    return Problem(400, "validation_failed", detail)


@citizen_required
def create_brief(case_id: str):
    """Register a brief for a case; repeating the same key and content returns the first receipt."""
    store = current().store
    with store.lock:
        store.case_of(g.citizen.sub, case_id)  # 404 or 403 before the body is read
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        raise Problem(400, "idempotency_key_missing", "سرآیند Idempotency-Key برای ثبت لایحه لازم است.")
    if len(key) > 255 or not key.isascii() or not key.isprintable():
        raise invalid_parameter("Idempotency-Key باید حداکثر ۲۵۵ نویسه ASCII چاپ‌پذیر باشد.")
    if request.mimetype != "multipart/form-data":
        raise _invalid("بدنه درخواست باید multipart/form-data باشد.")
    text = request.form.get("text", "")
    if not text.strip():
        raise _invalid("متن لایحه خالی است.")
    if len(text) > MAX_TEXT_LENGTH:
        raise _invalid("متن لایحه بیش از ۲۰٬۰۰۰ نویسه است.")
    uploads = [u for u in request.files.getlist("files") if u.filename or u.stream.size]
    if len(uploads) > MAX_FILES:
        raise _invalid("حداکثر ۱۰ پیوست پذیرفته می‌شود.")
    files = [BriefFile(name=u.filename or "attachment", content_type=u.mimetype or "application/octet-stream",
                       size=u.stream.size, sha256=u.stream.sha256) for u in uploads]
    text_sha256 = hashlib.sha256(text.encode()).hexdigest()
    notice_id = request.form.get("notice_id", "").strip() or None
    brief, created = register_brief(store, g.citizen.sub, case_id, key, text_sha256, len(text), files, notice_id)
    headers = {"Location": url_for("core.get_brief", brief_id=brief.id)}
    return jsonify(rep.brief_receipt(brief)), 201 if created else 200, headers


@citizen_required
def get_brief(brief_id: str):
    """A brief registered by the citizen: receipt, sizes and hashes (never the files)."""
    store = current().store
    with store.lock:
        brief = store.briefs.get(brief_id)
        if brief is None:
            raise not_found("لایحه")
        if brief.person != g.citizen.sub:
            raise not_a_party()
        return jsonify(rep.brief(brief))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/cases/<case_id>/briefs", view_func=create_brief, methods=["POST"])
    bp.add_url_rule("/briefs/<brief_id>", view_func=get_brief, methods=["GET"])
