"""GET /auth/login, GET /auth/callback, POST /auth/logout, GET /api/v1/me."""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

from authlib.integrations.base_client import OAuthError
from flask import redirect, session
from flask.views import MethodView
from flask_smorest import Blueprint

from bff.auth import service
from bff.auth.access import optionally_signed_in, signed_in
from bff.auth.schemas import ErasedSchema, LoginArgs, LogoutSchema, MeSchema
from bff.auth.service import Citizen
from bff.core_client import CoreError, identity
from bff.platform import config
from bff.platform.limits import limiter
from bff.platform.state import PerApp

log = logging.getLogger(__name__)

bp = Blueprint("auth", __name__, description="Sign-in through the judiciary's identity provider")

oidc_client = PerApp[object]("oidc_client")
"""The app's Authlib client of the identity provider (the browser's authorization-code flow)."""


def safe_next(value: str | None) -> str:
    """A local path to return to; anything else (another host, a scheme, //, backslashes) becomes /."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path.startswith(("/auth/", "/api/")):
        return "/"
    return value


def _callback_url() -> str:
    return config.settings().public_base_url.rstrip("/") + "/auth/callback"


def _failed(code: str):
    return redirect("/signin?" + urlencode({"error": code}), code=302)


@bp.route("/auth/login")
class Login(MethodView):
    decorators = (limiter.limit(lambda: config.settings().rate_limit_login),)

    @bp.arguments(LoginArgs, location="query")
    @bp.response(302, description="Redirect to the identity provider's sign-in page")
    @bp.alt_response(429, response="TOO_MANY_REQUESTS")
    def get(self, args):
        """Start sign-in: redirect to the identity provider (authorization code + PKCE S256)."""
        session["login_next"] = safe_next(args["next"])
        try:
            return oidc_client().authorize_redirect(_callback_url())
        except CoreError:
            raise
        except Exception as exc:  # the IdP's discovery document could not be fetched
            log.warning("identity provider unreachable at login", extra={"fields": {"error": repr(exc)[:200]}})
            return _failed("idp_unavailable")


@bp.route("/auth/callback")
class Callback(MethodView):
    decorators = (limiter.limit(lambda: config.settings().rate_limit_login),)

    @bp.response(302, description="Signed in; redirect to where the citizen was going")
    @bp.alt_response(429, response="TOO_MANY_REQUESTS")
    def get(self):
        """Finish sign-in: check state, exchange the code with the PKCE verifier, check the ID token."""
        try:
            token = oidc_client().authorize_access_token()
        except OAuthError as exc:
            log.info("sign-in refused", extra={"fields": {"error": exc.error}})
            return _failed("login_refused" if exc.error == "access_denied" else "login_failed")
        except Exception as exc:
            log.warning("sign-in failed", extra={"fields": {"error": repr(exc)[:200]}})
            return _failed("login_failed")
        try:
            profile = {**token.get("userinfo", {}), **identity().userinfo(token["access_token"])}
        except CoreError:
            return _failed("idp_unavailable")
        if profile.get("sub") != token.get("userinfo", {}).get("sub"):
            return _failed("login_failed")
        service.sign_in(token, profile)
        return redirect(session.pop("after_login", "/"), code=302)


@bp.route("/auth/logout")
class Logout(MethodView):
    @bp.response(200, LogoutSchema)
    @optionally_signed_in
    def post(self):
        """Sign out: end this session, revoke the tokens, forget kept personal data."""
        end_session_url = service.sign_out()
        return {"signed_out": True, "end_session_url": end_session_url}


@bp.route("/api/v1/me")
class Me(MethodView):
    @bp.response(200, MeSchema)
    @signed_in
    def get(self, citizen: Citizen):
        """The signed-in citizen: name, masked national code, masked mobile, opaque account id."""
        return {"name": citizen.name, "national_code": citizen.national_code_masked,
                "mobile": citizen.mobile_masked, "account": service.account_id(citizen)}


@bp.route("/api/v1/me/data")
class MyData(MethodView):
    @bp.response(200, ErasedSchema)
    @signed_in
    def delete(self, citizen: Citizen):
        """Delete my data: devices, notification preferences, queued notifications and kept case copies."""
        return {"deleted": service.erase_my_data(citizen)}
