"""Rate limits: every write, per citizen (or per address when signed out), and every search, per address.

Specific limits (sign-in, brief submission, test push) are declared on their views; these are the
floor under every other unsafe request and under office search. Who "the citizen" is, the auth room
says (``caller.set(app, ...)`` in its init_app): this module knows nothing of sign-in.
"""

from __future__ import annotations

import functools
import logging
import math
import time
from collections.abc import Callable

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Blueprint
from limits import RateLimitItem, parse

from bff.platform import config
from bff.platform.errors import Problem
from bff.platform.state import PerApp

log = logging.getLogger(__name__)

WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)

caller = PerApp[Callable[[], str | None]]("limits.caller")
"""Who is calling, for limits counted per citizen: an opaque id of the signed-in citizen, or None."""


def caller_key() -> str:
    """Who a limit counts: the signed-in citizen, else the client address."""
    identify = caller.find()
    who = identify() if identify is not None else None
    return f"citizen:{who}" if who else f"ip:{request.remote_addr}"


_limited: set[str] = set()


def limit_writes(*blueprints: Blueprint) -> None:
    """Apply the write limit to every unsafe method of every route of each blueprint (once per process:
    the limiter keeps blueprint limits by name, across apps)."""
    for blueprint in blueprints:
        if blueprint.name in _limited:
            continue
        limiter.limit(lambda: config.settings().rate_limit_writes, key_func=caller_key,
                      methods=WRITE_METHODS)(blueprint)
        _limited.add(blueprint.name)


@functools.cache
def _parsed(limit: str) -> RateLimitItem:
    return parse(limit)


def search_limit():
    """A view decorator for search endpoints (office search and nearest), counted per address.

    A direct hit on the limiter's storage and strategy: these are the busiest endpoints, and the
    extension's generic per-view machinery cost them a tenth of their time. A storage outage lets the
    request through (the limit is a protection, not a dependency).
    """

    def decorator(view):
        @functools.wraps(view)
        def limited(*args, **kwargs):
            item = _parsed(config.settings().rate_limit_search)
            key = f"{current_app.config['RATELIMIT_KEY_PREFIX']}/search/{request.remote_addr}"
            try:
                allowed = limiter.limiter.hit(item, key)
                reset = None if allowed else limiter.limiter.get_window_stats(item, key).reset_time
            except Exception as exc:  # storage unreachable: fail open, and say so
                log.warning("search limit not checked", extra={"fields": {"error": type(exc).__name__}})
                allowed, reset = True, None
            if not allowed:
                retry_after = max(1, math.ceil(reset - time.time()))
                raise Problem(429, "too_many_requests", headers={"Retry-After": str(retry_after)})
            return view(*args, **kwargs)

        return limited

    return decorator
