"""Rate limits: every write, per citizen (or per address when signed out), and every search, per address.

Specific limits (sign-in, brief submission, test push) are declared on their views; these are the
floor under every other unsafe request and under office search.
"""

from __future__ import annotations

from flask import current_app, request
from flask_smorest import Blueprint

from bff.extensions import limiter

WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


def citizen_or_address() -> str:
    """Who a limit counts: the signed-in citizen, else the client address."""
    from bff.auth.service import current_citizen

    citizen = current_citizen()
    return f"citizen:{citizen.sub}" if citizen else f"ip:{request.remote_addr}"


_limited: set[str] = set()


def limit_writes(*blueprints: Blueprint) -> None:
    """Apply the write limit to every unsafe method of every route of each blueprint (once per process:
    the limiter keeps blueprint limits by name, across apps)."""
    for blueprint in blueprints:
        if blueprint.name in _limited:
            continue
        limiter.limit(lambda: current_app.extensions["settings"].rate_limit_writes, key_func=citizen_or_address,
                      methods=WRITE_METHODS)(blueprint)
        _limited.add(blueprint.name)


def search_limit():
    """A view decorator for search endpoints (office search and nearest), counted per address."""
    return limiter.limit(lambda: current_app.extensions["settings"].rate_limit_search)
