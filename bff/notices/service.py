"""The citizen's notices, read from the core with their own tokens.

Opening a notice is its legal receipt (ابلاغ), so reading one never opens it: only ``open_notice``
does, behind an explicit POST the PWA sends after the citizen has read the warning and agreed.
Another citizen's notice is not found, exactly like a missing one (and so is an id that cannot be one).
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Response

from bff.auth.service import Citizen
from bff.core_client import CoreRejected, core
from bff.core_client.notices import Notice
from bff.platform.dates import iso_instant
from bff.platform.errors import Problem
from bff.platform.i18n import t


def _shape(notice: Notice) -> dict:
    shaped = {
        "id": notice.id, "number": notice.number, "type": notice.type,
        "type_label": t(f"notices.types.{notice.type}"), "title": notice.title, "case_id": notice.case_id,
        "case_number": notice.case_number, "issued_at": iso_instant(notice.issued_at),
        "opened_at": iso_instant(notice.opened_at) if notice.opened_at else None,
        "unread": notice.opened_at is None,
        "documents": [{"id": doc.id, "name": doc.name, "content_type": doc.content_type, "size": doc.size,
                       "url": f"/api/v1/notices/{notice.id}/documents/{doc.id}"} for doc in notice.documents],
    }
    if notice.opened_at and notice.body is not None:
        shaped["body"] = notice.body
    return shaped


def list_notices(citizen: Citizen) -> dict:
    """Unread notices first, then the rest; newest first within each."""
    notices = sorted(core().notices.list(citizen), key=lambda n: n.issued_at, reverse=True)
    notices.sort(key=lambda n: n.opened_at is not None)
    shaped = [_shape(notice) for notice in notices]
    return {"notices": shaped, "unread": sum(1 for item in shaped if item["unread"])}


def get_notice(citizen: Citizen, notice_id: str) -> dict:
    """One notice; its text only if it was opened before (this read does not open it)."""
    return _shape(core().notices.get(citizen, notice_id))


def open_notice(citizen: Citizen, notice_id: str) -> dict:
    """Open the notice: the core records the receipt (once) and answers its text."""
    return _shape(core().notices.open(citizen, notice_id))


def document(citizen: Citizen, notice_id: str, document_id: str) -> Response:
    """A document of an opened notice, streamed through without being stored or cached anywhere."""
    try:
        download = core().notices.document(citizen, notice_id, document_id)
    except CoreRejected as exc:
        if exc.status == 409:
            raise Problem(409, "notice_not_opened") from exc
        raise
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    if download.content_length:
        headers["Content-Length"] = download.content_length
    headers["Content-Disposition"] = download.disposition or f"attachment; filename*=UTF-8''{quote(document_id)}.pdf"
    return Response(download.chunks(), status=200, headers=headers, mimetype=download.content_type)
