"""Response shapes of the cases and hearings endpoints (the OpenAPI document is built from these)."""

from __future__ import annotations

from datetime import UTC, datetime

import marshmallow as ma

SUBJECTS = ("check_complaint", "price_refund", "movable_property_return", "alimony", "marriage_registration",
            "marriage_wages", "divorce_husband", "dowry_goods_return", "mahr_installments", "mahr_insolvency",
            "mahr_claim", "attorney_fee", "damages", "second_marriage_permission")
STATUSES = ("registered", "referred", "in_progress", "decided", "appeal", "enforcement", "closed")
ROLES = ("claimant", "defendant", "complainant", "accused", "lawyer")
TIMELINE_TYPES = ("registered", "referred", "hearing_scheduled", "hearing_held", "hearing_changed",
                  "hearing_cancelled", "decision_issued", "notice_served", "brief_registered", "appeal",
                  "enforcement", "closed", "status_changed")
HEARING_STATUSES = ("scheduled", "held", "cancelled")


class Instant(ma.fields.String):
    """A UTC instant as ISO 8601 with a trailing Z, to the second ("2026-12-06T04:30:00Z")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {})
        kwargs["metadata"] = {"format": "date-time", "example": "2026-12-06T04:30:00Z", **kwargs["metadata"]}
        super().__init__(**kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime):
            return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return super()._serialize(value, attr, obj, **kwargs)


def _described(description: str, **kwargs) -> dict:
    return {"metadata": {"description": description}, **kwargs}


class FreshnessSchema(ma.Schema):
    stale = ma.fields.Boolean(required=True, **_described(
        "True when the core could not be reached and this is the last copy kept for you"))
    fetched_at = Instant(required=True, **_described("When this data was read from the core"))


class CourtSchema(ma.Schema):
    complex = ma.fields.String(required=True, **_described("Judicial complex (مجتمع قضایی)"))
    court = ma.fields.String(required=True, **_described("Court or prosecutor's office"))
    branch = ma.fields.String(required=True, **_described("Branch (شعبه)"))
    address = ma.fields.String(required=True)
    city = ma.fields.String(required=True)
    province = ma.fields.String(required=True)


class NextHearingSchema(ma.Schema):
    id = ma.fields.String(required=True)
    starts_at = Instant(required=True)


class CaseSummarySchema(ma.Schema):
    id = ma.fields.String(required=True, **_described("Opaque id used in this API's paths"))
    case_number = ma.fields.String(required=True, **_described("Case number: an opaque string of digits"))
    archive_number = ma.fields.String(required=True, **_described("Archive number: an opaque string of digits"))
    tracking_code = ma.fields.String(required=True, allow_none=True,
                                     **_described("Tracking code of a filing made at an office, or null"))
    subject = ma.fields.String(required=True, validate=ma.validate.OneOf(SUBJECTS))
    title = ma.fields.String(required=True, **_described("Persian title of the case"))
    role = ma.fields.String(required=True, validate=ma.validate.OneOf(ROLES),
                            **_described("Your role in this case"))
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(STATUSES))
    court = ma.fields.Nested(CourtSchema, required=True)
    next_hearing = ma.fields.Nested(NextHearingSchema, required=True, allow_none=True)
    last_change_at = Instant(required=True)
    accepts_briefs = ma.fields.Boolean(required=True, **_described("False once the case is closed"))


class PartySchema(ma.Schema):
    name = ma.fields.String(required=True)
    role = ma.fields.String(required=True, validate=ma.validate.OneOf(ROLES))
    is_you = ma.fields.Boolean(required=True, **_described("This party is you (no national code is ever sent)"))


class TimelineEntrySchema(ma.Schema):
    id = ma.fields.String(required=True)
    type = ma.fields.String(required=True, validate=ma.validate.OneOf(TIMELINE_TYPES))
    at = Instant(required=True)
    title = ma.fields.String(required=True, **_described("Persian description of the event"))


class HearingSchema(ma.Schema):
    id = ma.fields.String(required=True)
    case_id = ma.fields.String(required=True)
    starts_at = Instant(required=True)
    ends_at = Instant(required=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(HEARING_STATUSES))
    version = ma.fields.Integer(required=True, **_described(
        "1 at first, +1 each time the hearing is moved or cancelled (the calendar's SEQUENCE is version - 1)"))
    branch = ma.fields.String(required=True)
    address = ma.fields.String(required=True)
    room = ma.fields.String(required=True)


class HearingListItemSchema(HearingSchema):
    case_number = ma.fields.String(required=True)
    title = ma.fields.String(required=True, **_described("Title of the hearing's case"))


class CaseListSchema(FreshnessSchema):
    cases = ma.fields.List(ma.fields.Nested(CaseSummarySchema), required=True, **_described(
        "Soonest next hearing first, then cases without one, most recently changed first"))


class CaseDetailSchema(CaseSummarySchema, FreshnessSchema):
    parties = ma.fields.List(ma.fields.Nested(PartySchema), required=True)
    timeline = ma.fields.List(ma.fields.Nested(TimelineEntrySchema), required=True,
                              **_described("Oldest first"))
    hearings = ma.fields.List(ma.fields.Nested(HearingSchema), required=True,
                              **_described("Past and future, earliest first"))


class HearingListSchema(FreshnessSchema):
    hearings = ma.fields.List(ma.fields.Nested(HearingListItemSchema), required=True, **_described(
        "Hearings from now on, cancelled ones included, soonest first"))
