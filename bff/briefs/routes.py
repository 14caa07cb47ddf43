"""POST /api/v1/cases/<id>/briefs, GET /api/v1/briefs, GET /api/v1/briefs/<id>, GET /api/v1/briefs/<id>/receipt."""

from __future__ import annotations

import logging

from flask import request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from werkzeug.exceptions import RequestEntityTooLarge

from bff import queue
from bff.auth.access import signed_in
from bff.auth.service import Citizen
from bff.briefs import forwarding, receipt, service, upload
from bff.briefs.schemas import IDEMPOTENCY_KEY, MULTIPART_BODY, BriefReceiptSchema, BriefSchema, BriefSummarySchema
from bff.platform import config
from bff.platform.api import problem
from bff.platform.limits import caller_key, limiter

log = logging.getLogger(__name__)

bp = Blueprint("briefs", __name__, description="Briefs (لایحه): submitted from the phone, forwarded to the court")


@bp.route("/api/v1/cases/<case_id>/briefs")
class CaseBriefs(MethodView):
    decorators = (limiter.limit(lambda: config.settings().rate_limit_briefs, key_func=caller_key,
                                methods=["POST"]),)

    @bp.doc(requestBody=MULTIPART_BODY, parameters=[IDEMPOTENCY_KEY])
    @bp.response(202, BriefReceiptSchema, description="Received: the brief and its files are stored; it is "
                 "forwarded to the court in the background. A repeat of the same key and content gets the "
                 "same answer (header Idempotent-Replayed: true).")
    @bp.alt_response(400, **problem("Missing or invalid Idempotency-Key, or a body that is not multipart"))
    @signed_in
    @bp.alt_response(404, **problem("No such case among the citizen's cases"))
    @bp.alt_response(409, **problem("The key was used before for other content"))
    @bp.alt_response(413, **problem("A file over 10 MB, files over 25 MB together, or a body too large"))
    @bp.alt_response(422, **problem("The case takes no briefs, or the text or a file is not acceptable; "
                                         "`errors` names the field (`text`, `files.<n>`)"))
    @bp.alt_response(429, **problem("Too many submissions"))
    @bp.alt_response(502, **problem("The core refused to say whether the case takes briefs"))
    def post(self, case_id, citizen: Citizen):
        """Submit a brief: multipart `text` and up to 10 `files`, with an Idempotency-Key."""
        try:
            key = service.parse_idempotency_key(request.headers.get("Idempotency-Key"))
            request.max_content_length = upload.MAX_REQUEST_BYTES
            brief, replayed = service.submit(citizen, case_id, key, request.stream, request.content_type)
        except RequestEntityTooLarge:  # what is left of the body is read after the answer (platform.errors)
            raise upload.files_problem(413, "brief_files_too_large",
                                       max_mb=upload.MAX_TOTAL_BYTES // upload.MB) from None
        if not replayed:  # if the queue is unreachable, the periodic sweep still finds the brief
            queue.enqueue(forwarding.forward_brief_to_core, brief.id,
                          failure="could not queue a brief's forwarding; the sweep will", fields={"brief_id": brief.id})
        location = url_for("briefs.BriefView", brief_id=brief.id)
        return brief, 202, {"Location": location, "Idempotent-Replayed": "true" if replayed else "false"}


@bp.route("/api/v1/briefs")
class Briefs(MethodView):
    @bp.response(200, BriefSummarySchema(many=True))
    @signed_in
    def get(self, citizen: Citizen):
        """The citizen's briefs, newest first, with where each stands."""
        return service.list_briefs(citizen.sub)


@bp.route("/api/v1/briefs/<brief_id>")
class BriefView(MethodView):
    @bp.response(200, BriefSchema)
    @signed_in
    @bp.alt_response(404, **problem("No such brief of this citizen"))
    def get(self, brief_id, citizen: Citizen):
        """One of the citizen's briefs in full: status, files and hashes, the manifest."""
        return service.get_brief(citizen.sub, brief_id)


@bp.route("/api/v1/briefs/<brief_id>/receipt")
class ReceiptView(MethodView):
    @bp.response(200, {"type": "string"}, content_type="text/html", description="A printable receipt page")
    @signed_in
    @bp.alt_response(404, **problem("No such brief of this citizen"))
    def get(self, brief_id, citizen: Citizen):
        """The printable receipt: case, time (Jalali), tracking code, SHA-256, files with their hashes."""
        return receipt.render(service.get_brief(citizen.sub, brief_id))
