"""The last copy of each read: served marked stale while the core fails, only to its own citizen, and forgotten."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from bff.cases.models import CaseSnapshot
from bff.cases.service import prune_expired_snapshots
from bff.cases.tasks import prune_case_snapshots
from bff.platform.dates import parse_instant
from bff.platform.db import db
from bff.queue import periodic_task
from tests.support import csrf_headers
from tests.support.signin import sign_in


def kept(app, sub: str | None = None) -> dict[tuple[str, str], CaseSnapshot]:
    with app.app_context():
        query = select(CaseSnapshot)
        if sub:
            query = query.where(CaseSnapshot.sub == sub)
        return {(row.sub, row.key): row for row in db.session.scalars(query)}


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/cases/c-000001", "/api/v1/hearings"])
def test_core_down_serves_the_kept_copy_marked_stale(signed_in, sandbox, path):
    client = signed_in()
    fresh = client.get(path).get_json()
    assert fresh["stale"] is False
    sandbox.set_faults(down=True)
    response = client.get(path)
    stale = response.get_json()
    assert response.status_code == 200
    assert stale["stale"] is True
    assert stale["fetched_at"] == fresh["fetched_at"]
    assert {k: v for k, v in stale.items() if k != "stale"} == {k: v for k, v in fresh.items() if k != "stale"}


def test_core_slower_than_the_read_timeout_serves_the_kept_copy(impatient_app, sandbox, demo):
    client = impatient_app.test_client()
    sign_in(client, sandbox, demo["national_code"])
    fresh = client.get("/api/v1/cases").get_json()
    sandbox.set_faults(latency_ms=1500)
    started = datetime.now(UTC)
    stale = client.get("/api/v1/cases").get_json()
    assert stale["stale"] is True and stale["fetched_at"] == fresh["fetched_at"]
    assert stale["cases"] == fresh["cases"]
    assert datetime.now(UTC) - started < timedelta(seconds=5)


def test_core_slow_without_a_kept_copy_is_504_with_retry_after(impatient_app, sandbox, demo):
    client = impatient_app.test_client()
    sign_in(client, sandbox, demo["national_code"])
    sandbox.set_faults(latency_ms=1500)
    response = client.get("/api/v1/hearings")
    assert response.status_code == 504
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "core_timeout"
    assert int(response.headers["Retry-After"]) >= 1


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/cases/c-000001", "/api/v1/hearings",
                                  "/api/v1/hearings.ics"])
def test_core_down_without_a_kept_copy_is_503_problem_with_retry_after(signed_in, sandbox, path):
    client = signed_in()
    sandbox.set_faults(down=True)
    response = client.get(path)
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "core_unavailable"
    assert int(response.headers["Retry-After"]) >= 1


def test_core_errors_also_fall_back_to_the_kept_copy(signed_in, sandbox):
    client = signed_in()
    client.get("/api/v1/cases")
    sandbox.set_faults(error_rate=1)
    body = client.get("/api/v1/cases").get_json()
    assert body["stale"] is True


def test_every_read_replaces_the_citizens_copy(core_app, signed_in, sandbox, demo):
    client = signed_in()
    client.get("/api/v1/cases")
    first = kept(core_app, demo["sub"])[(demo["sub"], "cases")].fetched_at
    with core_app.app_context():
        db.session.execute(update(CaseSnapshot).values(fetched_at=first - timedelta(hours=1)))
        db.session.commit()
    client.get("/api/v1/cases")
    rows = kept(core_app, demo["sub"])
    assert len([key for key in rows if key[1] == "cases"]) == 1
    assert rows[(demo["sub"], "cases")].fetched_at >= first
    assert "national_code" not in str(rows[(demo["sub"], "cases")].body)


def test_kept_copy_of_a_shared_case_is_never_served_to_the_other_party(signed_in, sandbox, shared_case):
    case, first, second = shared_case
    path = f"/api/v1/cases/{case['id']}"
    first_client, second_client = signed_in(first), signed_in(second)
    first_copy = first_client.get(path).get_json()

    sandbox.set_faults(down=True)
    assert second_client.get(path).status_code == 503  # the first party's copy is not the second's

    sandbox.set_faults()
    second_client.get(path)
    sandbox.set_faults(down=True)
    second_copy = second_client.get(path).get_json()
    assert second_copy["stale"] is True
    assert [p["name"] for p in second_copy["parties"] if p["is_you"]] == [second["name"]]
    assert second_copy["role"] != first_copy["role"]
    assert first_client.get(path).get_json()["role"] == first_copy["role"]


def test_sign_out_deletes_the_citizens_copies_only(core_app, signed_in, sandbox, shared_case):
    case, first, second = shared_case
    first_client, second_client = signed_in(first), signed_in(second)
    for client in (first_client, second_client):
        client.get("/api/v1/cases")
        client.get(f"/api/v1/cases/{case['id']}")
        client.get("/api/v1/hearings")
    assert len(kept(core_app, first["sub"])) == 3

    assert first_client.post("/auth/logout", headers=csrf_headers(first_client)).status_code == 200
    assert kept(core_app, first["sub"]) == {}
    assert len(kept(core_app, second["sub"])) == 3

    again = signed_in(first)
    sandbox.set_faults(down=True)
    assert again.get("/api/v1/cases").status_code == 503


def test_expired_copy_is_not_served_and_is_pruned(core_app, signed_in, sandbox, demo):
    client = signed_in()
    client.get("/api/v1/cases")
    client.get("/api/v1/hearings")
    with core_app.app_context():
        db.session.execute(update(CaseSnapshot).where(CaseSnapshot.key == "cases")
                           .values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        db.session.commit()
    sandbox.set_faults(down=True)
    assert client.get("/api/v1/cases").status_code == 503
    assert client.get("/api/v1/hearings").get_json()["stale"] is True
    with core_app.app_context():
        assert prune_expired_snapshots() == 1
        assert db.session.scalar(select(func.count()).select_from(CaseSnapshot)) == 1


def test_copies_expire_after_the_configured_days(core_app, signed_in, demo):
    signed_in().get("/api/v1/cases")
    row = kept(core_app, demo["sub"])[(demo["sub"], "cases")]
    assert row.expires_at - row.fetched_at == timedelta(days=core_app.extensions["settings"].case_snapshot_days)


def test_the_periodic_task_prunes_expired_copies(core_app, signed_in):
    signed_in().get("/api/v1/cases")
    with core_app.app_context():
        db.session.execute(update(CaseSnapshot).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
        db.session.commit()
        assert periodic_task(prune_case_snapshots).call_local() == 1


def test_copy_of_a_case_the_core_refuses_is_forgotten(core_app, signed_in, demo, foreign_case):
    client = signed_in()
    client.get("/api/v1/cases/c-000001")
    with core_app.app_context():  # as if the citizen had been a party of the foreign case until now
        row = db.session.scalar(select(CaseSnapshot).where(CaseSnapshot.key == "case:c-000001"))
        db.session.add(CaseSnapshot(sub=demo["sub"], key=f"case:{foreign_case['id']}", body=row.body,
                                    fetched_at=row.fetched_at, expires_at=row.expires_at))
        db.session.commit()
    assert client.get(f"/api/v1/cases/{foreign_case['id']}").status_code == 404
    assert (demo["sub"], f"case:{foreign_case['id']}") not in kept(core_app, demo["sub"])


def test_stale_hearings_leave_out_hearings_that_have_ended(core_app, signed_in, sandbox, demo):
    client = signed_in()
    hearings = client.get("/api/v1/hearings").get_json()["hearings"]
    assert len(hearings) >= 2
    ended = dict(hearings[0], starts_at="2020-01-01T06:00:00Z", ends_at="2020-01-01T06:30:00Z")
    with core_app.app_context():
        row = db.session.scalar(select(CaseSnapshot).where(CaseSnapshot.key == "hearings"))
        row.body = {"hearings": [ended, *hearings[1:]]}
        db.session.commit()
    sandbox.set_faults(down=True)
    stale = client.get("/api/v1/hearings").get_json()
    assert stale["stale"] is True
    assert [h["id"] for h in stale["hearings"]] == [h["id"] for h in hearings[1:]]
    assert all(parse_instant(h["ends_at"]) > datetime.now(UTC) for h in stale["hearings"])
