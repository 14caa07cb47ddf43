"""Bearer-token guards for core endpoints: citizens see only their own records."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import g, request

from ..problems import Problem
from ..runtime import current
from ..tokens import TokenRejected, check_access_token


def _claims(scope: str) -> dict:
    try:
        return check_access_token(current(), request.headers.get("Authorization"), scope)
    except TokenRejected as rejected:
        code = rejected.error or "missing_token"
        detail = {
            "missing_token": "توکن دسترسی فرستاده نشده است.",
            "invalid_token": "توکن دسترسی نامعتبر یا منقضی است.",
            "insufficient_scope": f"این توکن مجوز «{scope}» را ندارد.",
        }[code]
        raise Problem(rejected.status, code, detail, {"WWW-Authenticate": rejected.www_authenticate}) from None


def citizen_required(view: Callable) -> Callable:
    """A citizen's access token with scope core.citizen; sets g.citizen."""

    @wraps(view)
    def guarded(*args, **kwargs):
        claims = _claims("core.citizen")
        citizen = current().store.citizens.get(claims["sub"])
        if citizen is None:
            raise Problem(401, "invalid_token", "این توکن به هیچ شهروندی از داده‌های نمونه تعلق ندارد.",
                          {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        g.citizen = citizen
        return view(*args, **kwargs)

    return guarded


def service_required(scope: str) -> Callable:
    """A token (usually client credentials) granting `scope`."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            _claims(scope)
            return view(*args, **kwargs)

        return guarded

    return decorate


def citizen_or_service_required(scope: str) -> Callable:
    """A citizen's token (sets g.citizen), or a service token granting `scope` (g.citizen is None)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            try:
                claims = _claims("core.citizen")
            except Problem as refused:
                if refused.code != "insufficient_scope":
                    raise
                _claims(scope)
                g.citizen = None
                return view(*args, **kwargs)
            g.citizen = current().store.citizens.get(claims["sub"])
            if g.citizen is None:
                raise Problem(401, "invalid_token", "این توکن به هیچ شهروندی از داده‌های نمونه تعلق ندارد.",
                              {"WWW-Authenticate": 'Bearer error="invalid_token"'})
            return view(*args, **kwargs)

        return guarded

    return decorate
