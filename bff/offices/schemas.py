"""Query arguments and response shapes of the office endpoints."""

import marshmallow as ma
from marshmallow import validate

from bff.offices.catalog import KINDS, PROVINCES, SERVICES, STATUSES
from bff.platform.i18n import t


def each_one_of(choices):
    """Every value of a repeatable argument is one of ``choices``; the error names the argument, not a position."""

    def check(values):
        if any(value not in choices for value in values):
            raise ma.ValidationError(t("validation.one_of", choices=", ".join(choices)))

    return check


class FilterArgs(ma.Schema):
    kind = ma.fields.List(ma.fields.String(), load_default=list, validate=each_one_of(KINDS),
                          metadata={"description": "Office kind (repeatable: any of)", "items": {"enum": KINDS}})
    service = ma.fields.List(ma.fields.String(), load_default=list, validate=each_one_of(SERVICES),
                             metadata={"description": "Service the office offers (repeatable: all of)"})
    open_now = ma.fields.Boolean(load_default=False, metadata={"description": "Only offices open now (Tehran time)"})


class NearestArgs(FilterArgs):
    lat = ma.fields.Float(required=True, validate=validate.Range(-90, 90), metadata={"description": "Latitude"})
    lon = ma.fields.Float(required=True, validate=validate.Range(-180, 180), metadata={"description": "Longitude"})
    limit = ma.fields.Integer(load_default=10, validate=validate.Range(1, 50))
    max_km = ma.fields.Float(load_default=None, validate=validate.Range(min=0, max=20040),
                             metadata={"description": "Only offices at most this far (km, great circle)"})


class SearchArgs(FilterArgs):
    q = ma.fields.String(load_default=None, validate=validate.Length(max=100), metadata={
        "description": "Text in the name, city, county or address; Persian-normalised (ي/ك, digits, ZWNJ)"})
    province = ma.fields.String(load_default=None, validate=validate.OneOf(list(PROVINCES)))
    city = ma.fields.String(load_default=None, validate=validate.Length(max=100),
                            metadata={"description": "City name (compared Persian-normalised)"})


class OfficeSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    kind = ma.fields.String(required=True, validate=validate.OneOf(KINDS))
    counters = ma.fields.Integer(required=True, metadata={"description": "Number of counters (باجه)"})
    province = ma.fields.String(required=True, metadata={"description": "Province code (see /api/v1/catalog)"})
    county = ma.fields.String(required=True)
    city = ma.fields.String(required=True)
    district = ma.fields.String(required=True)
    address = ma.fields.String(required=True)
    postal_code = ma.fields.String(required=True)
    phone = ma.fields.String(required=True)
    lat = ma.fields.Float(required=True)
    lon = ma.fields.Float(required=True)
    services = ma.fields.List(ma.fields.String(), required=True)
    hours = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.List(ma.fields.String())),
                           required=True, metadata={"description": 'Per weekday (sat…fri): [["08:00", "14:00"], …]; '
                                                    "an interval ending before it starts runs past midnight"})
    status = ma.fields.String(required=True, validate=validate.OneOf(STATUSES))
    accessibility = ma.fields.String(required=True)
    updated_at = ma.fields.String(required=True, metadata={"format": "date-time"})
    open_now = ma.fields.Boolean(required=True, metadata={"description": "Open at this moment (Tehran time, holidays)"})
    next_change = ma.fields.String(required=True, allow_none=True, metadata={
        "format": "date-time", "description": "When open_now next flips (+03:30), null if not within two weeks"})


class NearOfficeSchema(OfficeSchema):
    distance_km = ma.fields.Float(required=True, metadata={"description": "Great-circle distance in km"})


class LabelSchema(ma.Schema):
    code = ma.fields.String(required=True)
    label = ma.fields.String(required=True)


class ProvinceSchema(LabelSchema):
    capital_lat = ma.fields.Float()
    capital_lon = ma.fields.Float()
    cities = ma.fields.List(ma.fields.String(), metadata={"description": "Cities with an office in the registry"})


class CatalogSchema(ma.Schema):
    kinds = ma.fields.List(ma.fields.Nested(LabelSchema))
    services = ma.fields.List(ma.fields.Nested(LabelSchema))
    subjects = ma.fields.List(ma.fields.Nested(LabelSchema))
    provinces = ma.fields.List(ma.fields.Nested(ProvinceSchema))


class BundleSchema(ma.Schema):
    format = ma.fields.Integer(required=True)
    revision = ma.fields.String(allow_none=True)
    updated_at = ma.fields.String(allow_none=True, metadata={"description": "When the registry last changed"})
    sample = ma.fields.Boolean(metadata={"description": "True when the registry is sample data"})
    count = ma.fields.Integer(required=True)
    kinds = ma.fields.List(ma.fields.String())
    services = ma.fields.List(ma.fields.String(), metadata={"description": "Bit n of a services mask is services[n]"})
    statuses = ma.fields.List(ma.fields.String())
    front_coded = ma.fields.List(ma.fields.String(), metadata={
        "description": "Columns whose values start with a letter A–Z: that many characters from the value before"})
    holidays = ma.fields.List(ma.fields.String(), metadata={"description": "Tehran dates (YYYY-MM-DD) closed"})
    schedules = ma.fields.List(ma.fields.Dict(), metadata={"description": "Distinct weekly hours"})
    coordinates = ma.fields.Dict(metadata={"description": "scale and integer deltas of lat and lon (or floats "
                                                          "when scale is null)"})
    columns = ma.fields.Dict(metadata={"description": "Per field: text values joined by tabs, or a list of "
                                                      "integers (kind, counters, services, schedule, status)"})
