"""Public registry data for services: the office list (with ETag) and this contract document."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint, Flask, Response, current_app, jsonify, request

from ..offices import load_offices
from .auth import service_required

CONTRACT = Path(__file__).resolve().parent.parent / "openapi" / "core-v1.yaml"
DOCUMENTED_ISSUER = "http://127.0.0.1:8001"


@dataclass(frozen=True)
class Registry:
    offices_body: bytes
    offices_etag: str
    contract: dict[str, Any]


def load_contract(issuer: str) -> dict[str, Any]:
    """The OpenAPI document, with the OAuth URLs pointing at this sandbox's issuer."""
    text = CONTRACT.read_text(encoding="utf-8").replace(DOCUMENTED_ISSUER, issuer)
    return yaml.safe_load(text)


def prepare(app: Flask) -> None:
    settings = app.extensions["sandbox"].settings
    offices, generated_at = load_offices(settings.offices_path)
    body = json.dumps({"sample": True, "generated_at": generated_at, "offices": offices},
                      ensure_ascii=False, separators=(",", ":")).encode()
    app.extensions["sandbox.registry"] = Registry(
        offices_body=body, offices_etag=hashlib.sha256(body).hexdigest()[:32],
        contract=load_contract(settings.issuer),
    )


def _registry() -> Registry:
    return current_app.extensions["sandbox.registry"]


@service_required("core.registry")
def list_offices():
    """Every office of the registry; a strong ETag, 304 on If-None-Match."""
    registry = _registry()
    if request.if_none_match.contains(registry.offices_etag):
        response = Response(status=304)
    else:
        response = Response(registry.offices_body, mimetype="application/json")
    response.set_etag(registry.offices_etag)
    response.headers["Cache-Control"] = "no-cache"
    return response


def openapi():
    """This contract as OpenAPI 3.1 JSON."""
    return jsonify(_registry().contract)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/offices", view_func=list_offices, methods=["GET"])
    bp.add_url_rule("/openapi.json", view_func=openapi, methods=["GET"])
