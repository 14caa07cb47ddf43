"""Shapes of the notices API."""

import marshmallow as ma


class DocumentSchema(ma.Schema):
    id = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    content_type = ma.fields.String(required=True)
    size = ma.fields.Integer(required=True)
    url = ma.fields.String(required=True, metadata={"description": "Where to download it (after opening)"})


class NoticeSchema(ma.Schema):
    id = ma.fields.String(required=True)
    number = ma.fields.String(required=True, metadata={"description": "Opaque digits"})
    type = ma.fields.String(required=True, metadata={"description": "summons, decision, deficiency or notice"})
    type_label = ma.fields.String(required=True, metadata={"description": "The type in the request's language"})
    title = ma.fields.String(required=True)
    case_id = ma.fields.String(required=True)
    case_number = ma.fields.String(required=True)
    issued_at = ma.fields.String(required=True, metadata={"description": "ISO 8601 instant"})
    opened_at = ma.fields.String(allow_none=True, metadata={
        "description": "When it was opened (its legal receipt); null until then"})
    unread = ma.fields.Boolean(required=True)
    documents = ma.fields.List(ma.fields.Nested(DocumentSchema), required=True)
    body = ma.fields.String(metadata={"description": "The text; only once the notice is opened"})


class NoticeListSchema(ma.Schema):
    notices = ma.fields.List(ma.fields.Nested(NoticeSchema), required=True)
    unread = ma.fields.Integer(required=True)
