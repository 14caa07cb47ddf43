"""Response shapes of the operations endpoints."""

import marshmallow as ma


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True)


class CheckSchema(ma.Schema):
    ok = ma.fields.Boolean(required=True)
    ms = ma.fields.Float()
    error = ma.fields.String()
    pending = ma.fields.Integer()
    revision = ma.fields.String()


class ReadinessSchema(ma.Schema):
    status = ma.fields.String(required=True)
    checks = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(CheckSchema))
    worker = ma.fields.Dict()
    core = ma.fields.Dict(metadata={"description": "The core's circuit breaker as this process sees it"})


class AppConfigSchema(ma.Schema):
    sandbox = ma.fields.Boolean(required=True, metadata={"description": "True when the core is the sandbox"})
    version = ma.fields.String(required=True)
    languages = ma.fields.List(ma.fields.String())
    map_tile_url = ma.fields.String()
