"""HTTP endpoints of the identity provider, all under the issuer URL."""

from __future__ import annotations

import secrets
import time

from authlib.oauth2 import OAuth2Error
from flask import Blueprint, jsonify, render_template, request, session

from ..persian import persian_digits
from ..runtime import current
from ..tokens import CITIZEN_SCOPES, SERVICE_SCOPES, TokenRejected, check_access_token
from .models import AUTH_METHODS, GRANT_TYPES, SignedIn
from .server import user_info
from .signin import sign_in

bp = Blueprint("idp", __name__)


def _signed_in() -> SignedIn | None:
    sandbox = current()
    sid = session.get("sid")
    with sandbox.store.lock:
        record = sandbox.store.identity.sessions.get(sid) if sid else None
        citizen = sandbox.store.citizens.get(record["sub"]) if record else None
    return SignedIn(citizen, record["auth_time"]) if citizen else None


def _start_session(signed_in: SignedIn) -> None:
    sandbox = current()
    sid = secrets.token_urlsafe(24)
    with sandbox.store.lock:
        sandbox.store.identity.sessions[sid] = {"sub": signed_in.citizen.sub, "auth_time": signed_in.auth_time}
    session["sid"] = sid


def _signin_page(error: str | None = None, status: int = 200, national_code: str = "", headers=None):
    sandbox = current()
    session["csrf"] = session.get("csrf") or secrets.token_urlsafe(16)
    with sandbox.store.lock:
        citizens = list(sandbox.store.citizens.values())
    html = render_template(
        "signin.html", error=error, national_code=national_code, csrf=session["csrf"],
        citizens=citizens, otp=persian_digits(sandbox.settings.otp), fa=persian_digits,
    )
    return html, status, headers or {}


def message_page(title: str, detail: str, status: int):
    return render_template("message.html", title=title, detail=detail), status


@bp.get("/.well-known/openid-configuration")
def discovery():
    """OpenID Provider metadata."""
    issuer = current().settings.issuer
    return jsonify({
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/oidc/authorize",
        "token_endpoint": f"{issuer}/oidc/token",
        "jwks_uri": f"{issuer}/oidc/jwks",
        "userinfo_endpoint": f"{issuer}/oidc/userinfo",
        "end_session_endpoint": f"{issuer}/oidc/logout",
        "revocation_endpoint": f"{issuer}/oidc/revoke",
        "scopes_supported": [*CITIZEN_SCOPES, *SERVICE_SCOPES],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": list(GRANT_TYPES),
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": list(AUTH_METHODS),
        "revocation_endpoint_auth_methods_supported": list(AUTH_METHODS),
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "name", "given_name", "family_name", "national_code", "locale",
                             "phone_number", "phone_number_verified", "auth_time", "amr", "nonce"],
        "ui_locales_supported": ["fa-IR"],
        "sample": True,
    })


@bp.get("/oidc/jwks")
def jwks():
    """The public signing keys (RS256)."""
    return jsonify(current().signing_key.public_jwks)


@bp.route("/oidc/authorize", methods=["GET", "POST"])
def authorize():
    """Sign-in page, then a redirect with the authorization code."""
    server = current().oauth
    signed_in = _signed_in()
    try:
        grant = server.get_consent_grant(end_user=signed_in)
    except OAuth2Error as error:
        if error.redirect_uri:
            return server.handle_error_response(None, error)
        return message_page("درخواست ورود نامعتبر است", error.description or error.error, 400)
    if request.method == "GET":
        if signed_in and grant.prompt != "login":
            return server.create_authorization_response(grant_user=signed_in, grant=grant)
        return _signin_page()
    raw_code = request.form.get("national_code", "")
    if not secrets.compare_digest(request.form.get("csrf", ""), session.get("csrf", "-")):
        return _signin_page("نشست این فرم منقضی شده است؛ دوباره تلاش کنید.", 400, raw_code)
    result = sign_in(current(), raw_code, request.form.get("otp"))
    if result.citizen is None:
        headers = {"Retry-After": str(result.retry_after)} if result.retry_after else None
        return _signin_page(result.error, result.status, raw_code, headers)
    signed_in = SignedIn(result.citizen, int(time.time()))
    _start_session(signed_in)
    return server.create_authorization_response(grant_user=signed_in, grant=grant)


@bp.post("/oidc/token")
def token():
    """Token endpoint: authorization_code, refresh_token and client_credentials."""
    return current().oauth.create_token_response()


@bp.post("/oidc/revoke")
def revoke():
    """Token revocation (RFC 7009)."""
    return current().oauth.create_endpoint_response("revocation")


@bp.route("/oidc/userinfo", methods=["GET", "POST"])
def userinfo():
    """Claims about the signed-in citizen."""
    sandbox = current()
    try:
        claims = check_access_token(sandbox, request.headers.get("Authorization"), "openid")
    except TokenRejected as rejected:
        body = {"error": rejected.error or "invalid_request", "error_description": rejected.description}
        return jsonify(body), rejected.status, {"WWW-Authenticate": rejected.www_authenticate}
    citizen = sandbox.store.citizens.get(claims["sub"])
    if citizen is None:
        rejected = TokenRejected(401, "invalid_token", "unknown subject")
        return jsonify({"error": "invalid_token"}), 401, {"WWW-Authenticate": rejected.www_authenticate}
    return jsonify(user_info(citizen, claims.get("scope", "")))


@bp.route("/oidc/logout", methods=["GET", "POST"])
def logout():
    """RP-initiated logout: ends the IdP session and the citizen's refresh tokens for the client."""
    server = current().oauth
    try:
        end_request = server.validate_endpoint_request("end_session")
    except OAuth2Error as error:
        return message_page("درخواست خروج نامعتبر است", error.description or error.error, 400)
    response = server.create_endpoint_response("end_session", end_request)
    if response is not None:
        return response
    return message_page("از سامانه خارج شدید", "نشست شما در سامانه آزمایشی ورود پایان یافت.", 200)
