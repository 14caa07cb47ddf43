"""Shapes of the sign-in endpoints."""

import marshmallow as ma


class LoginArgs(ma.Schema):
    next = ma.fields.String(load_default="/", metadata={"description": "A local path to return to after sign-in"})


class MeSchema(ma.Schema):
    name = ma.fields.String(required=True)
    national_code = ma.fields.String(required=True, metadata={"description": "Masked: only the last 4 digits"})
    mobile = ma.fields.String(required=True, metadata={"description": "Masked mobile number"})
    account = ma.fields.String(required=True, metadata={
        "description": "Opaque, stable id of this citizen here; the PWA keys what it keeps on the device by it"})


class LogoutSchema(ma.Schema):
    signed_out = ma.fields.Boolean(required=True)
    end_session_url = ma.fields.String(allow_none=True, metadata={
        "description": "Where the browser goes next to end the identity provider's session too"})


class ErasedSchema(ma.Schema):
    deleted = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(), required=True, metadata={
        "description": "How many items of each kind were deleted (devices, preferences, case copies, ...)"})
