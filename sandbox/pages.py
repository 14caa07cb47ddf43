"""The sandbox's home page: what it is, who the sample citizens are, where the endpoints live."""

from __future__ import annotations

from flask import Blueprint, Flask, render_template

from .persian import persian_digits
from .runtime import current

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    """A Persian overview page, labelled as sample data."""
    sandbox = current()
    with sandbox.store.lock:
        citizens = list(sandbox.store.citizens.values())[:10]
    return render_template("home.html", settings=sandbox.settings, citizens=citizens, fa=persian_digits,
                           otp=persian_digits(sandbox.settings.otp))


@bp.get("/healthz")
def healthz():
    """Process alive."""
    return {"status": "ok", "sample": True}


def register_pages(app: Flask) -> None:
    app.register_blueprint(bp)
