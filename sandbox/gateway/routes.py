"""The gateway's blueprint under /gateway/sep: its scripted faults, pages, server calls and contract."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, jsonify, request

from ..problems import Problem
from ..runtime import current
from . import api, pages

SERVER_CALLS = "/gateway/sep/verifyTxnRandomSessionkey/"

bp = Blueprint("gateway", __name__, url_prefix="/gateway/sep")
api.register(bp)
pages.register(bp)


@bp.before_request
def apply_gateway_faults():
    """Scripted latency and downtime, for the merchant's calls and the card holder's pages alike."""
    store = current().store
    with store.lock:
        latency, down = store.gateway.faults.latency_ms, store.gateway.faults.down
    if latency:
        time.sleep(latency / 1000)
    if down and request.endpoint != "gateway.openapi":
        if request.is_json or request.path.startswith(SERVER_CALLS):
            raise Problem(503, "service_unavailable", "درگاه پرداخت موقتاً در دسترس نیست.", {"Retry-After": "30"})
        return pages.message("درگاه پرداخت در دسترس نیست", "درگاه پرداخت موقتاً در دسترس نیست؛ کمی بعد دوباره "
                                                             "از سایت پذیرنده اقدام کنید.", 503)
    return None


@bp.get("/openapi.json")
def openapi():
    """The gateway's contract as OpenAPI 3.1 JSON."""
    return jsonify(current_app.extensions["sandbox.gateway_contract"])

