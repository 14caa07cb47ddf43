"""Who is signed in, and signing in and out: the session holds a grant id, never a token."""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime, timedelta

from flask import current_app, g, session

from bff.auth import csrf
from bff.auth.grants import GrantTokens, create_grant, delete_grant, vault
from bff.core_client import CoreError, identity
from bff.platform import clock, config, signals
from bff.platform.db import db

log = logging.getLogger(__name__)


class Citizen:
    """The signed-in citizen of this request, and the credential of their calls to the core."""

    def __init__(self, data: dict):
        self.sub: str = data["sub"]
        self.grant_id: str = data["grant_id"]
        self.name: str = data.get("name", "")
        self.national_code_masked: str = data.get("national_code_masked", "")
        self.mobile_masked: str = data.get("mobile_masked", "")
        self.language: str = data.get("language", "fa")

    @property
    def tokens(self) -> GrantTokens:
        return GrantTokens(self.grant_id)

    def token(self) -> str:
        return self.tokens.token()

    def renewed(self, rejected: str) -> str:
        return self.tokens.renewed(rejected)


def mask_national_code(code: str | None) -> str:
    code = (code or "").strip()
    return f"{'*' * 6}{code[-4:]}" if len(code) == 10 else ""


def mask_mobile(mobile: str | None) -> str:
    mobile = (mobile or "").strip().replace("+98", "0", 1)
    return f"{mobile[:4]}***{mobile[-4:]}" if len(mobile) == 11 else ""


def account_id(citizen: Citizen) -> str:
    """An opaque, stable id of the citizen (a keyed digest of ``sub``) for the browser to key kept data by."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"account:" + citizen.sub.encode(), hashlib.sha256).hexdigest()[:32]


def current_citizen() -> Citizen | None:
    if "citizen" in g:
        return g.citizen
    data = session.get("citizen")
    citizen = None
    if data:
        signed_in_at = datetime.fromisoformat(data["signed_in_at"])
        if clock.utcnow() - signed_in_at > timedelta(hours=config.settings().session_absolute_hours):
            sign_out(reason="absolute_timeout")
        else:
            citizen = Citizen(data)
    g.citizen = citizen
    return citizen


def current_sub() -> str | None:
    """The signed-in citizen's sub, or None (who a per-citizen rate limit counts)."""
    citizen = current_citizen()
    return citizen.sub if citizen else None


def sign_in(token: dict, profile: dict) -> Citizen:
    """Start a fresh session (new id) for a citizen the IdP vouched for."""
    settings = config.settings()
    next_path = session.get("login_next", "/")
    current_app.session_interface.regenerate(session)
    session.clear()
    sub = profile["sub"]
    grant_id = create_grant(sub, token, timedelta(hours=settings.session_absolute_hours))
    session["citizen"] = {
        "sub": sub, "grant_id": grant_id, "name": profile.get("name", ""),
        "national_code_masked": mask_national_code(profile.get("national_code")),
        "mobile_masked": mask_mobile(profile.get("phone_number") or profile.get("mobile")),
        "signed_in_at": clock.utcnow().isoformat(),
    }
    session["after_login"] = next_path
    session.permanent = True
    csrf.rotate()
    g.pop("citizen", None)
    citizen = current_citizen()
    signals.citizen_signed_in.send(current_app._get_current_object(), sub=sub)
    log.info("signed in", extra={"fields": {"sub": sub}})
    return citizen


def sign_out(reason: str = "user") -> str | None:
    """End the server session, revoke the refresh token at the IdP, forget what we kept for them.

    Returns the IdP's end-session URL for the browser (to end the IdP's own session too).
    """
    data = session.get("citizen") or {}
    end_session_url = None
    if data.get("sub"):
        signals.citizen_signing_out.send(current_app._get_current_object(), sub=data["sub"],
                                         grant_id=data.get("grant_id"))
    grant = delete_grant(data["grant_id"]) if data.get("grant_id") else None
    idp = identity()
    if grant is not None:
        refresh_token = vault().open(grant.refresh_token)
        try:
            if refresh_token:
                idp.revoke(refresh_token)
            end_session_url = idp.end_session_url(vault().open(grant.id_token), config.settings().public_base_url + "/")
        except CoreError as exc:  # sign-out must work even when the IdP does not answer
            log.warning("could not reach the identity provider at sign-out",
                        extra={"fields": {"error": type(exc).__name__}})
    if data.get("sub"):
        signals.citizen_signed_out.send(current_app._get_current_object(), sub=data["sub"])
        log.info("signed out", extra={"fields": {"sub": data["sub"], "reason": reason}})
    session.clear()
    g.citizen = None
    csrf.rotate()
    return end_session_url


def erase_my_data(citizen: Citizen) -> dict[str, int]:
    """Delete, in one transaction, everything the app keeps about the citizen except legal records
    (submitted briefs and their receipts stay: they are the citizen's proof of filing)."""
    deleted: dict[str, int] = {}
    try:
        for _receiver, counts in signals.erase_requested.send(current_app._get_current_object(), sub=citizen.sub):
            for name, count in (counts or {}).items():
                deleted[name] = deleted.get(name, 0) + count
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    log.info("erased a citizen's data on request", extra={"fields": {"sub": citizen.sub, **deleted}})
    return deleted
