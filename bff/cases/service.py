"""The citizen's cases and hearings from the core, and the last copy of each read for when the core is down.

Every successful read is kept per citizen (``CaseSnapshot``). When the core is down, times out or
answers outside its contract, that citizen's last copy is served with ``stale=True`` and its
``fetched_at``; without a copy, the core's error goes to the client (503/504/502 with Retry-After).
A copy is only ever looked up by the citizen's own ``sub``, so nobody is served another's.

The core returns every party's national code; none of them leaves this module. A party that is the
citizen is marked ``is_you`` instead.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import current_app, session
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from bff.auth.service import Citizen, erase_requested, signed_out
from bff.cases.models import CaseSnapshot
from bff.core_client import CoreBadResponse, CoreRejected, CoreTimeout, CoreUnavailable
from bff.dates import parse_instant
from bff.errors import Problem
from bff.extensions import db

log = logging.getLogger(__name__)

CASES = "cases"
HEARINGS = "hearings"
# Errors of the core that a kept copy stands in for; a refusal (4xx) or an ended session never is.
SERVED_FROM_COPY = (CoreUnavailable, CoreTimeout, CoreBadResponse)
# What the core client may put in a path: a case id that could not be one is simply not found.
CASE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
OWN_PARTY = "cases.own_party"  # session key: a keyed digest of the citizen's own national code


def utcnow() -> datetime:
    return datetime.now(UTC)


def case_key(case_id: str) -> str:
    return f"case:{case_id}"


# -- reads ---------------------------------------------------------------------------------------


def list_cases(citizen: Citizen) -> dict:
    """The citizen's cases: soonest next hearing first, then those without one, most recently changed first."""
    return _read(citizen, CASES, lambda: {"cases": sorted(
        (_summary(item) for item in _get(citizen, "/core/v1/cases")["cases"]), key=_case_order)})


def get_case(citizen: Citizen, case_id: str) -> dict:
    """One case with parties, timeline and hearings; another citizen's case is not found, like a missing one."""
    if not CASE_ID.match(case_id):
        raise Problem(404, "not_found")

    def fetch() -> dict:
        own = _own_party_digest(citizen)
        return _detail(_get(citizen, f"/core/v1/cases/{case_id}"), own)

    try:
        return _read(citizen, case_key(case_id), fetch)
    except CoreRejected as exc:
        if exc.status in (403, 404):  # no longer a party, or gone: the kept copy goes too
            forget(citizen.sub, case_key(case_id))
        raise


def upcoming_hearings(citizen: Citizen) -> dict:
    """Hearings of the citizen's cases from now on (cancelled ones included), soonest first."""
    result = _read(citizen, HEARINGS, lambda: {"hearings": sorted(
        (_hearing(item, listed=True) for item in _get(citizen, "/core/v1/hearings")["hearings"]),
        key=lambda h: (h["starts_at"], h["id"]))})
    if result["stale"]:  # a kept copy may list hearings that have ended since
        now = utcnow()
        result["hearings"] = [h for h in result["hearings"] if parse_instant(h["ends_at"]) > now]
    return result


def upcoming_hearing(citizen: Citizen, hearing_id: str) -> tuple[dict, dict]:
    """One upcoming hearing and the read it came from; 404 when it is not among them."""
    result = upcoming_hearings(citizen)
    for hearing in result["hearings"]:
        if hearing["id"] == hearing_id:
            return hearing, result
    raise Problem(404, "not_found")


def _get(citizen: Citizen, path: str) -> dict:
    response = current_app.extensions["core"].citizen(citizen.tokens, "GET", path)
    try:
        body = response.json()
    except ValueError as exc:
        raise CoreBadResponse(f"core sent no JSON for {path}") from exc
    if not isinstance(body, dict):
        raise CoreBadResponse(f"core sent {type(body).__name__} for {path}")
    return body


def _read(citizen: Citizen, key: str, fetch: Callable[[], dict]) -> dict:
    """``fetch()`` and keep the result; on a failure of the core, the citizen's kept copy, marked stale."""
    try:
        try:
            body = fetch()
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # not the contract's shape
            raise CoreBadResponse(f"unexpected core response for {key}: {exc!r}") from exc
    except SERVED_FROM_COPY as exc:
        kept = _kept(citizen.sub, key)
        if kept is None:
            log.info("core failed and nothing is kept", extra={"fields": {"key": key.split(":")[0],
                                                                          "error": type(exc).__name__}})
            raise
        log.info("serving a kept copy", extra={"fields": {"key": key.split(":")[0], "error": type(exc).__name__,
                                                          "age_s": int((utcnow() - kept.fetched_at).total_seconds())}})
        return {**kept.body, "stale": True, "fetched_at": kept.fetched_at}
    fetched_at = utcnow().replace(microsecond=0)
    _keep(citizen.sub, key, body, fetched_at)
    return {**body, "stale": False, "fetched_at": fetched_at}


# -- shapes: only these fields leave the BFF -----------------------------------------------------


def _summary(item: dict) -> dict:
    court = item["court"]
    upcoming = item.get("next_hearing")
    return {
        "id": item["id"],
        "case_number": item["case_number"],
        "archive_number": item["archive_number"],
        "tracking_code": item.get("tracking_code"),
        "subject": item["subject"],
        "title": item["title"],
        "role": item["role"],
        "status": item["status"],
        "court": {name: court[name] for name in ("complex", "court", "branch", "address", "city", "province")},
        "next_hearing": {"id": upcoming["id"], "starts_at": upcoming["starts_at"]} if upcoming else None,
        "last_change_at": item["last_change_at"],
        "accepts_briefs": bool(item["accepts_briefs"]),
    }


def _detail(item: dict, own_party: str) -> dict:
    return {
        **_summary(item),
        "parties": [{"name": party["name"], "role": party["role"],
                     "is_you": _is_own(party.get("national_code"), own_party)} for party in item["parties"]],
        "timeline": sorted(({"id": e["id"], "type": e["type"], "at": e["at"], "title": e["title"]}
                            for e in item["timeline"]), key=lambda e: (parse_instant(e["at"]), e["id"])),
        "hearings": sorted((_hearing(h) for h in item["hearings"]), key=lambda h: (h["starts_at"], h["id"])),
    }


def _hearing(item: dict, *, listed: bool = False) -> dict:
    hearing = {name: item[name] for name in ("id", "case_id", "starts_at", "ends_at", "status", "branch",
                                             "address", "room")}
    hearing["version"] = int(item["version"])
    if listed:
        hearing["case_number"] = item["case_number"]
        hearing["title"] = item["title"]
    return hearing


def _case_order(case: dict) -> tuple:
    upcoming = case["next_hearing"]
    changed = -parse_instant(case["last_change_at"]).timestamp()
    if upcoming:
        return (0, parse_instant(upcoming["starts_at"]).timestamp(), changed, case["id"])
    return (1, 0.0, changed, case["id"])


def _party_digest(national_code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"party:" + national_code.encode(), hashlib.sha256).hexdigest()


def _is_own(national_code: str | None, own_party: str) -> bool:
    return bool(national_code) and hmac.compare_digest(_party_digest(national_code), own_party)


def _own_party_digest(citizen: Citizen) -> str:
    """Who "you" are among a case's parties: asked of the core once per session, kept only as a digest."""
    digest = session.get(OWN_PARTY)
    if not digest:
        digest = _party_digest(_get(citizen, "/core/v1/me")["national_code"])
        session[OWN_PARTY] = digest
    return digest


# -- kept copies ---------------------------------------------------------------------------------


def _kept(sub: str, key: str) -> CaseSnapshot | None:
    return db.session.scalar(select(CaseSnapshot).where(
        CaseSnapshot.sub == sub, CaseSnapshot.key == key, CaseSnapshot.expires_at > utcnow()))


def _keep(sub: str, key: str, body: dict, fetched_at: datetime) -> None:
    days = current_app.extensions["settings"].case_snapshot_days
    values = {"sub": sub, "key": key, "body": body, "fetched_at": fetched_at,
              "expires_at": fetched_at + timedelta(days=days)}
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(CaseSnapshot).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=[CaseSnapshot.sub, CaseSnapshot.key],
        set_={"body": statement.excluded.body, "fetched_at": statement.excluded.fetched_at,
              "expires_at": statement.excluded.expires_at})
    db.session.execute(statement)
    db.session.commit()


def forget(sub: str, key: str) -> None:
    db.session.execute(delete(CaseSnapshot).where(CaseSnapshot.sub == sub, CaseSnapshot.key == key))
    db.session.commit()


def delete_snapshots(sub: str) -> int:
    """Every copy kept for ``sub``; returns how many were deleted."""
    deleted = db.session.execute(delete(CaseSnapshot).where(CaseSnapshot.sub == sub))
    db.session.commit()
    return deleted.rowcount or 0


def prune_expired_snapshots(now: datetime | None = None) -> int:
    deleted = db.session.execute(delete(CaseSnapshot).where(CaseSnapshot.expires_at <= (now or utcnow())))
    db.session.commit()
    return deleted.rowcount or 0


@erase_requested.connect
def _erase(sender, sub: str, **_) -> dict[str, int]:
    """«حذف اطلاعات من»: the kept copies go (committed by the caller, with the other domains' deletions)."""
    deleted = db.session.execute(delete(CaseSnapshot).where(CaseSnapshot.sub == sub))
    return {"case_copies": deleted.rowcount or 0}


@signed_out.connect
def _forget_at_sign_out(sender, sub: str, **_) -> None:
    """Signing out deletes everything kept for the citizen."""
    deleted = delete_snapshots(sub)
    log.info("deleted kept case copies at sign-out", extra={"fields": {"deleted": deleted}})
