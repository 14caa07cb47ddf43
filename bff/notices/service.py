"""The citizen's notices, read from the core with their own tokens.

Opening a notice is its legal receipt (ابلاغ), so reading one never opens it: only ``open_notice``
does, behind an explicit POST the PWA sends after the citizen has read the warning and agreed.
Another citizen's notice is not found, exactly like a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from flask import Response, current_app

from bff.auth.service import Citizen
from bff.core_client import CoreRejected
from bff.errors import Problem
from bff.i18n import t

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
CHUNK = 64 * 1024


def _core():
    return current_app.extensions["core"]


def _checked(*ids: str) -> None:
    if not all(ID.match(value) for value in ids):
        raise Problem(404, "not_found")


def _shape(item: dict) -> dict:
    notice_id = item["id"]
    shaped = {
        "id": notice_id, "number": item["number"], "type": item["type"],
        "type_label": t(f"notices.types.{item['type']}"), "title": item["title"], "case_id": item["case_id"],
        "case_number": item["case_number"], "issued_at": item["issued_at"], "opened_at": item.get("opened_at"),
        "unread": item.get("opened_at") is None,
        "documents": [{**doc, "url": f"/api/v1/notices/{notice_id}/documents/{doc['id']}"}
                      for doc in item.get("documents", [])],
    }
    if item.get("opened_at") and "body" in item:
        shaped["body"] = item["body"]
    return shaped


def list_notices(citizen: Citizen) -> dict:
    """Unread notices first, then the rest; newest first within each."""
    items = _core().citizen(citizen.tokens, "GET", "/core/v1/notices").json()["notices"]
    items.sort(key=lambda item: item["issued_at"], reverse=True)
    items.sort(key=lambda item: item.get("opened_at") is not None)
    shaped = [_shape(item) for item in items]
    return {"notices": shaped, "unread": sum(1 for item in shaped if item["unread"])}


def get_notice(citizen: Citizen, notice_id: str) -> dict:
    """One notice; its text only if it was opened before (this read does not open it)."""
    _checked(notice_id)
    return _shape(_core().citizen(citizen.tokens, "GET", f"/core/v1/notices/{notice_id}").json())


def open_notice(citizen: Citizen, notice_id: str) -> dict:
    """Open the notice: the core records the receipt (once) and answers its text."""
    _checked(notice_id)
    return _shape(_core().citizen(citizen.tokens, "POST", f"/core/v1/notices/{notice_id}/receipt").json())


def document(citizen: Citizen, notice_id: str, document_id: str) -> Response:
    """A document of an opened notice, streamed through without being stored or cached anywhere."""
    _checked(notice_id, document_id)
    stream = _core().citizen_stream(citizen.tokens, f"/core/v1/notices/{notice_id}/documents/{document_id}")
    try:
        upstream = stream.__enter__()
    except CoreRejected as exc:
        if exc.status == 409:
            raise Problem(409, "notice_not_opened") from exc
        raise

    def body() -> Iterator[bytes]:
        try:
            yield from upstream.iter_bytes(CHUNK)
        finally:
            stream.__exit__(None, None, None)

    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    if upstream.headers.get("Content-Length"):
        headers["Content-Length"] = upstream.headers["Content-Length"]
    disposition = upstream.headers.get("Content-Disposition")
    headers["Content-Disposition"] = disposition or f"attachment; filename*=UTF-8''{quote(document_id)}.pdf"
    return Response(body(), status=200, headers=headers,
                    mimetype=upstream.headers.get("Content-Type", "application/octet-stream").split(";")[0])
