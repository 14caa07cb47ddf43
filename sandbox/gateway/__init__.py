"""A bank gateway (a Shaparak-licensed payment provider) speaking SEP's OnlinePG protocol, under /gateway/sep.

Replace the base URL `https://sep.shaparak.ir` of SEP's merchant document by `<sandbox>/gateway/sep`:
the token call, the card page, VerifyTransaction, ReverseTransaction and the receipt inquiry keep
SEP's paths, field names and codes. The card page offers test cards instead of a card form. The
contract is sandbox/openapi/gateway-sep.yaml (also served at /gateway/sep/openapi.json).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from flask import Flask

from ..config import Settings

CONTRACT = Path(__file__).resolve().parent.parent / "openapi" / "gateway-sep.yaml"


def register_gateway(app: Flask, settings: Settings) -> None:
    from .routes import bp

    app.extensions["sandbox.gateway_contract"] = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    app.register_blueprint(bp)
    if settings.control_enabled:
        from .control import bp as control_bp

        app.register_blueprint(control_bp)
