"""JSON shapes of briefs: the receipt of a submission, a brief in a list, a brief in full."""

from __future__ import annotations

import marshmallow as ma

from bff.briefs.service import manifest


class BriefReceiptSchema(ma.Schema):
    """The answer to a submission (the same for a repeated Idempotency-Key and the same content)."""

    id = ma.fields.String(required=True)
    case_id = ma.fields.String(required=True)
    tracking_code = ma.fields.String(required=True, metadata={"description": "Ours, digits; the receipt's number"})
    status = ma.fields.String(required=True, metadata={"enum": ["received", "forwarding", "registered", "rejected"]})
    sha256 = ma.fields.String(required=True, attribute="manifest_sha256",
                              metadata={"description": "SHA-256 of the canonical manifest (see `manifest`)"})
    received_at = ma.fields.AwareDateTime(required=True)


class BriefFileSchema(ma.Schema):
    name = ma.fields.String(attribute="original_name", required=True)
    content_type = ma.fields.String(required=True, metadata={"enum": ["application/pdf", "image/jpeg", "image/png"]})
    size = ma.fields.Integer(required=True)
    sha256 = ma.fields.String(required=True)


class RejectionSchema(ma.Schema):
    code = ma.fields.String(attribute="rejection_code")
    reason = ma.fields.String(attribute="rejection_reason", allow_none=True)


class BriefSummarySchema(BriefReceiptSchema):
    """A brief in «لایحه‌های من»."""

    case_number = ma.fields.String(allow_none=True)
    case_title = ma.fields.String(allow_none=True)
    registered_at = ma.fields.AwareDateTime(allow_none=True)
    core_tracking_code = ma.fields.String(allow_none=True,
                                          metadata={"description": "The court's tracking code, once registered"})
    rejection = ma.fields.Method("_rejection", allow_none=True,
                                 metadata={"description": "Why the core refused it (status rejected)"})
    awaiting_sign_in = ma.fields.Boolean(
        metadata={"description": "Waiting for the citizen to sign in again before it can be forwarded"})
    file_count = ma.fields.Function(lambda brief: len(brief.files))

    def _rejection(self, brief):
        return RejectionSchema().dump(brief) if brief.rejection_code else None


class BriefSchema(BriefSummarySchema):
    """A brief in full, with the manifest its `sha256` is computed over."""

    text = ma.fields.String()
    text_sha256 = ma.fields.String()
    files = ma.fields.List(ma.fields.Nested(BriefFileSchema))
    files_deleted_at = ma.fields.AwareDateTime(allow_none=True)
    manifest = ma.fields.Method("_manifest", metadata={
        "description": "Serialised as JSON with sorted keys, no spaces, UTF-8, its SHA-256 is `sha256`"})

    def _manifest(self, brief):
        return manifest(brief)


MULTIPART_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {"type": "string", "minLength": 1, "maxLength": 20000,
                             "description": "The brief's text, UTF-8; 1–20,000 characters after normalisation"},
                    "files": {"type": "array", "maxItems": 10,
                              "items": {"type": "string", "contentMediaType": "application/octet-stream"},
                              "description": "PDF (≤ 100 pages, not encrypted), JPEG or PNG (≤ 40 megapixels), "
                                             "identified by content; each ≤ 10 MB, together ≤ 25 MB"},
                },
            },
            "encoding": {"files": {"contentType": "application/pdf, image/jpeg, image/png"}},
        },
    },
}

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": True,
    "schema": {"type": "string", "format": "uuid"},
    "description": "A UUID chosen by the client for this brief; repeat it on every retry of the same brief",
}
