"""The judiciary core API contract (v1) as served by the sandbox, under /core/v1."""

from __future__ import annotations

from flask import Blueprint, Flask

from ..faults import apply_faults
from ..payments import routes as payments
from ..visits import routes as visits
from . import briefs, cases, events, notices, registry

bp = Blueprint("core", __name__, url_prefix="/core/v1")
bp.before_request(apply_faults)
for module in (cases, notices, briefs, registry, events, visits, payments):
    module.register(bp)


def register_core(app: Flask) -> None:
    registry.prepare(app)
    visits.prepare(app)
    app.register_blueprint(bp)
