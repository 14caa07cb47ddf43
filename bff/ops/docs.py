"""GET /api/docs: a readable, self-contained page of the OpenAPI document (no CDN, no script)."""

from __future__ import annotations

from flask import Blueprint, render_template

from bff.platform.api import api

bp = Blueprint("api_docs", __name__)

METHODS = ("get", "put", "post", "patch", "delete")


@bp.get("/api/docs")
def docs():
    spec = api.spec.to_dict()
    operations = []
    for path, item in sorted(spec.get("paths", {}).items()):
        for method in METHODS:
            if method in item:
                op = item[method]
                operations.append({
                    "path": path, "method": method.upper(), "summary": op.get("summary", ""),
                    "description": op.get("description", ""), "tags": op.get("tags", []),
                    "parameters": op.get("parameters", []) + item.get("parameters", []),
                    "responses": op.get("responses", {}), "has_body": "requestBody" in op,
                })
    return render_template("api_docs.html", info=spec.get("info", {}), operations=operations,
                           version=spec.get("openapi"))
