"""Sandbox of an Iranian SMS provider beside the core: Kavenegar's public REST protocol (send,
delivery status, account), delivery reports that progress over time, and scripted failures.

Served by the same app under /kavenegar; its control API lives under /sandbox/control/sms.
"""

from __future__ import annotations

from flask import Flask

from ..config import Settings


def register_sms(app: Flask, settings: Settings) -> None:
    from .provider import bp

    app.register_blueprint(bp)
    if settings.control_enabled:
        from .control import bp as control_bp

        app.register_blueprint(control_bp)
