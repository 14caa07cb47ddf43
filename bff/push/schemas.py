"""Shapes of the push API."""

import marshmallow as ma

from bff.push.models import TOPICS
from bff.push.preferences import LEAD_TIME_CHOICES

HH_MM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class VapidKeySchema(ma.Schema):
    public_key = ma.fields.String(required=True, metadata={
        "description": "The applicationServerKey for pushManager.subscribe(): base64url, uncompressed P-256 point"})
    key_id = ma.fields.String(required=True, metadata={"description": "Changes when the server's key changes"})


class SubscriptionKeysSchema(ma.Schema):
    p256dh = ma.fields.String(required=True, validate=ma.validate.Length(max=128))
    auth = ma.fields.String(required=True, validate=ma.validate.Length(max=64))


class SubscriptionInSchema(ma.Schema):
    """PushSubscription.toJSON() of the browser, with a label for the devices list."""

    endpoint = ma.fields.String(required=True, validate=ma.validate.Length(min=8, max=2048))
    keys = ma.fields.Nested(SubscriptionKeysSchema, required=True)
    expirationTime = ma.fields.Raw(allow_none=True, load_default=None)  # the browser's own name
    label = ma.fields.String(validate=ma.validate.Length(max=80), metadata={
        "description": "A name for this device; derived from the User-Agent when left out"})
    application_server_key = ma.fields.String(metadata={
        "description": "The key the browser subscribed with; 409 push_key_changed when it is not the server's"})


class EndpointSchema(ma.Schema):
    endpoint = ma.fields.String(required=True, validate=ma.validate.Length(min=8, max=2048))


class DeviceSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    label = ma.fields.String(required=True)
    created_at = ma.fields.AwareDateTime(required=True)
    last_success_at = ma.fields.AwareDateTime(allow_none=True)


class DeviceListSchema(ma.Schema):
    devices = ma.fields.List(ma.fields.Nested(DeviceSchema), required=True)


class QuietHoursSchema(ma.Schema):
    start = ma.fields.String(required=True, validate=ma.validate.Regexp(HH_MM),
                             metadata={"description": "HH:MM, Tehran time"})
    end = ma.fields.String(required=True, validate=ma.validate.Regexp(HH_MM))


class PreferencesSchema(ma.Schema):
    """Fields left out of a PUT keep their value."""

    topics = ma.fields.Dict(keys=ma.fields.String(validate=ma.validate.OneOf(TOPICS)),
                            values=ma.fields.Boolean(), metadata={"description": f"Per topic on/off: {TOPICS}"})
    lead_times = ma.fields.List(ma.fields.Integer(validate=ma.validate.OneOf(LEAD_TIME_CHOICES)),
                                validate=ma.validate.Length(max=len(LEAD_TIME_CHOICES)),
                                metadata={"description": "Hours before a hearing that a reminder goes"})
    quiet_hours = ma.fields.Nested(QuietHoursSchema, allow_none=True, metadata={
        "description": "Reminders due in this window wait for its end, unless the hearing starts first; "
                       "null: none"})
    show_details = ma.fields.Boolean(metadata={
        "description": "Show what arrived on the lock screen; off: only that something new arrived"})
    language = ma.fields.String(validate=ma.validate.OneOf(("fa", "en")))


class TestPushSchema(ma.Schema):
    devices = ma.fields.Integer(required=True, metadata={"description": "How many devices it went to"})
