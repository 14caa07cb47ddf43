"""GET /api/v1/notices, GET /api/v1/notices/<id>, POST /api/v1/notices/<id>/receipt, documents."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from bff.auth.access import signed_in
from bff.auth.service import Citizen
from bff.notices import service
from bff.notices.schemas import NoticeListSchema, NoticeSchema
from bff.platform.api import calls_the_core, problem

bp = Blueprint("notices", __name__, description="Electronic notices. Opening one is its legal receipt: "
                                                "only POST …/receipt opens; reading never does.")


@bp.route("/api/v1/notices")
class Notices(MethodView):
    @bp.response(200, NoticeListSchema)
    @signed_in
    @calls_the_core
    def get(self, citizen: Citizen):
        """My notices: unread first, newest first; without their text."""
        return service.list_notices(citizen)


@bp.route("/api/v1/notices/<notice_id>")
class Notice(MethodView):
    @bp.response(200, NoticeSchema)
    @signed_in
    @calls_the_core
    def get(self, notice_id: str, citizen: Citizen):
        """One of my notices; the text only if it was already opened (reading does not open it)."""
        return service.get_notice(citizen, notice_id)


@bp.route("/api/v1/notices/<notice_id>/receipt")
class Receipt(MethodView):
    @bp.response(200, NoticeSchema)
    @signed_in
    @calls_the_core
    def post(self, notice_id: str, citizen: Citizen):
        """Open the notice, which counts as its receipt (recorded at the core once); answers its text."""
        return service.open_notice(citizen, notice_id)


@bp.route("/api/v1/notices/<notice_id>/documents/<document_id>")
class Document(MethodView):
    @bp.response(200, {"type": "string", "format": "binary"}, content_type="application/pdf")
    @bp.alt_response(409, **problem("notice_not_opened: open the notice first"))
    @signed_in
    @calls_the_core
    def get(self, notice_id: str, document_id: str, citizen: Citizen):
        """A document of an opened notice, streamed (Cache-Control: private, no-store)."""
        return service.document(citizen, notice_id, document_id)
