"""Who may call a view: the one sign-in decorator, which enforces, documents and hands over the citizen.

    @bp.response(200, CaseListSchema)
    @signed_in
    def get(self, citizen):
        ...

Without a signed-in citizen the view does not run: 401 problem. The OpenAPI document lists the session
cookie as the operation's security requirement (and so its 401). The answer is marked private, no-store.
"""

from __future__ import annotations

import functools

from flask import after_this_request, g
from flask_smorest import Blueprint

from bff.auth.service import Citizen, current_citizen
from bff.platform.api import SESSION
from bff.platform.errors import Problem


def signed_in(view):
    """Run ``view`` for a signed-in citizen only, passing them as ``citizen=``."""

    @functools.wraps(view)
    def for_citizen(*args, **kwargs):
        return view(*args, citizen=require_citizen(), **kwargs)

    return Blueprint.doc(security=[{SESSION: []}])(for_citizen)


optionally_signed_in = Blueprint.doc(security=[{SESSION: []}, {}])
"""Documents a view that uses the session when there is one, and answers without one too (sign-out)."""


def require_citizen() -> Citizen:
    """The signed-in citizen (401 problem otherwise). What the request answers is then theirs alone."""
    citizen = current_citizen()
    if citizen is None:
        raise Problem(401, "unauthorized")
    if not g.get("personal_response"):
        g.personal_response = True
        after_this_request(_personal)
    return citizen


def _personal(response):
    # No shared cache may keep a personal answer, no browser cache may reuse it for someone else. A view
    # that chose its own private policy (the printable receipt may be revalidated) keeps it.
    if "private" not in response.headers.get("Cache-Control", ""):
        response.headers["Cache-Control"] = "private, no-store"
    response.vary.add("Cookie")
    return response
