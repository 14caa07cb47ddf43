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
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app, session
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from bff.auth.service import Citizen
from bff.cases.models import CaseSnapshot
from bff.core_client import CoreBadAnswer, CoreRejected, CoreTimeout, CoreUnavailable, core
from bff.core_client.cases import CaseDetail, CaseSummary, Hearing, ListedHearing
from bff.platform import clock, config
from bff.platform.dates import iso_instant, parse_instant
from bff.platform.db import db
from bff.platform.errors import Problem

log = logging.getLogger(__name__)

CASES = "cases"
HEARINGS = "hearings"
# Errors of the core that a kept copy stands in for; a refusal (4xx) or an ended session never is.
SERVED_FROM_COPY = (CoreUnavailable, CoreTimeout, CoreBadAnswer)
OWN_PARTY = "cases.own_party"  # session key: a keyed digest of the citizen's own national code


def case_key(case_id: str) -> str:
    return f"case:{case_id}"


# -- reads ---------------------------------------------------------------------------------------


def list_cases(citizen: Citizen) -> dict:
    """The citizen's cases: soonest next hearing first, then those without one, most recently changed first."""
    return _read(citizen, CASES, lambda: {"cases": [
        _summary(case) for case in sorted(core().cases.list(citizen), key=_case_order)]})


def get_case(citizen: Citizen, case_id: str) -> dict:
    """One case with parties, timeline and hearings; another citizen's case is not found, like a missing one
    (and an id that cannot be one is not even asked for)."""

    def fetch() -> dict:
        case = core().cases.get(citizen, case_id)
        return _detail(case, _own_party_digest(citizen))

    try:
        return _read(citizen, case_key(case_id), fetch)
    except CoreRejected as exc:
        if exc.status in (403, 404):  # no longer a party, or gone: the kept copy goes too
            forget(citizen.sub, case_key(case_id))
        raise


def upcoming_hearings(citizen: Citizen) -> dict:
    """Hearings of the citizen's cases from now on (cancelled ones included), soonest first."""
    result = _read(citizen, HEARINGS, lambda: {"hearings": [
        _hearing(hearing) for hearing in sorted(core().hearings.upcoming(citizen), key=lambda h: (h.starts_at, h.id))]})
    if result["stale"]:  # a kept copy may list hearings that have ended since
        now = clock.utcnow()
        result["hearings"] = [h for h in result["hearings"] if parse_instant(h["ends_at"]) > now]
    return result


def upcoming_hearing(citizen: Citizen, hearing_id: str) -> tuple[dict, dict]:
    """One upcoming hearing and the read it came from; 404 when it is not among them."""
    result = upcoming_hearings(citizen)
    for hearing in result["hearings"]:
        if hearing["id"] == hearing_id:
            return hearing, result
    raise Problem(404, "not_found")


def _read(citizen: Citizen, key: str, fetch: Callable[[], dict]) -> dict:
    """``fetch()`` and keep the result; on a failure of the core, the citizen's kept copy, marked stale."""
    try:
        body = fetch()
    except SERVED_FROM_COPY as exc:
        kept = _kept(citizen.sub, key)
        if kept is None:
            log.info("core failed and nothing is kept", extra={"fields": {"key": key.split(":")[0],
                                                                          "error": type(exc).__name__}})
            raise
        age = int((clock.utcnow() - kept.fetched_at).total_seconds())
        log.info("serving a kept copy", extra={"fields": {"key": key.split(":")[0], "error": type(exc).__name__,
                                                          "age_s": age}})
        return {**kept.body, "stale": True, "fetched_at": kept.fetched_at}
    fetched_at = clock.utcnow().replace(microsecond=0)
    _keep(citizen.sub, key, body, fetched_at)
    return {**body, "stale": False, "fetched_at": fetched_at}


# -- shapes: only these fields leave the BFF -----------------------------------------------------


def _summary(case: CaseSummary) -> dict:
    upcoming = case.next_hearing
    return {
        "id": case.id,
        "case_number": case.case_number,
        "archive_number": case.archive_number,
        "tracking_code": case.tracking_code,
        "subject": case.subject,
        "title": case.title,
        "role": case.role,
        "status": case.status,
        "court": {name: getattr(case.court, name) for name in ("complex", "court", "branch", "address", "city",
                                                                 "province")},
        "next_hearing": {"id": upcoming.id, "starts_at": iso_instant(upcoming.starts_at)} if upcoming else None,
        "last_change_at": iso_instant(case.last_change_at),
        "accepts_briefs": case.accepts_briefs,
    }


def _detail(case: CaseDetail, own_party: str) -> dict:
    return {
        **_summary(case),
        "parties": [{"name": party.name, "role": party.role, "is_you": _is_own(party.national_code, own_party)}
                    for party in case.parties],
        "timeline": [{"id": e.id, "type": e.type, "at": iso_instant(e.at), "title": e.title}
                     for e in sorted(case.timeline, key=lambda e: (e.at, e.id))],
        "hearings": [_hearing(h) for h in sorted(case.hearings, key=lambda h: (h.starts_at, h.id))],
    }


def _hearing(hearing: Hearing) -> dict:
    shaped = {"id": hearing.id, "case_id": hearing.case_id, "starts_at": iso_instant(hearing.starts_at),
              "ends_at": iso_instant(hearing.ends_at), "status": hearing.status, "branch": hearing.branch,
              "address": hearing.address, "room": hearing.room, "version": hearing.version}
    if isinstance(hearing, ListedHearing):
        shaped["case_number"] = hearing.case_number
        shaped["title"] = hearing.title
    return shaped


def _case_order(case: CaseSummary) -> tuple:
    upcoming = case.next_hearing
    changed = -case.last_change_at.timestamp()
    if upcoming:
        return (0, upcoming.starts_at.timestamp(), changed, case.id)
    return (1, 0.0, changed, case.id)


def _party_digest(national_code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"party:" + national_code.encode(), hashlib.sha256).hexdigest()


def _is_own(national_code: str | None, own_party: str) -> bool:
    return bool(national_code) and hmac.compare_digest(_party_digest(national_code), own_party)


def _own_party_digest(citizen: Citizen) -> str:
    """Who "you" are among a case's parties: asked of the core once per session, kept only as a digest."""
    digest = session.get(OWN_PARTY)
    if not digest:
        digest = _party_digest(core().cases.me(citizen).national_code)
        session[OWN_PARTY] = digest
    return digest


# -- kept copies ---------------------------------------------------------------------------------


def _kept(sub: str, key: str) -> CaseSnapshot | None:
    return db.session.scalar(select(CaseSnapshot).where(
        CaseSnapshot.sub == sub, CaseSnapshot.key == key, CaseSnapshot.expires_at > clock.utcnow()))


def _keep(sub: str, key: str, body: dict, fetched_at: datetime) -> None:
    days = config.settings().case_snapshot_days
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
    deleted = db.session.execute(delete(CaseSnapshot).where(CaseSnapshot.expires_at <= (now or clock.utcnow())))
    db.session.commit()
    return deleted.rowcount or 0
