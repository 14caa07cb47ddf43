"""GET /metrics: Prometheus metrics for operators only (loopback, or the METRICS_TOKEN bearer)."""

from __future__ import annotations

import hmac
import ipaddress

from flask import Blueprint, Response, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bff.platform import config, metrics
from bff.platform.errors import Problem

bp = Blueprint("metrics", __name__)


def _allowed() -> bool:
    token = config.settings().metrics_token
    if token:
        supplied = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(supplied.encode(), token.encode())
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


@bp.get("/metrics")
def scrape():
    if not _allowed():
        raise Problem(403, "forbidden")
    registry = metrics.registry_for_scrape(current_app._get_current_object())
    response = Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response
