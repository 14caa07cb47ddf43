"""Notices through the BFF against the sandbox core: reading never opens, opening is the receipt."""

from __future__ import annotations

import httpx
import pytest

from tests.support import csrf_headers


def core_notice(sandbox, citizen: dict, notice_id: str) -> dict:
    tokens = sandbox.sign_in(citizen["national_code"])
    response = httpx.get(f"{sandbox.url}/core/v1/notices/{notice_id}",
                         headers={"Authorization": f"Bearer {tokens['access_token']}"})
    return response.json()


def issue(sandbox, citizen: dict, title: str = "اخطاریه آزمایشی") -> dict:
    response = sandbox.control("POST", "notices", json={"person": citizen["sub"], "case_id": citizen["case_ids"][0],
                                                        "type": "deficiency", "title": title})
    assert response.status_code == 201
    return response.json()


def test_unread_notices_come_first_then_newest_first(signed_in, sandbox, citizens):
    client = signed_in()
    notices = client.get("/api/v1/notices").get_json()
    assert notices["unread"] >= 1
    seen = notices["notices"]
    flags = [item["unread"] for item in seen]
    assert flags == sorted(flags, reverse=True), "an opened notice came before an unread one"
    for group in (True, False):
        dates = [item["issued_at"] for item in seen if item["unread"] is group]
        assert dates == sorted(dates, reverse=True)
    assert all("body" not in item for item in seen if item["unread"])


def test_the_list_and_details_are_never_cached(signed_in):
    response = signed_in().get("/api/v1/notices")
    assert response.headers["Cache-Control"] == "private, no-store"


def test_reading_a_notice_does_not_open_it(signed_in, sandbox, citizens):
    client = signed_in()
    notice = issue(sandbox, citizens[0])
    detail = client.get(f"/api/v1/notices/{notice['id']}")
    assert detail.status_code == 200
    body = detail.get_json()
    assert body["unread"] is True and body["opened_at"] is None and "body" not in body
    assert body["type_label"] == "اخطار رفع نقص"
    assert core_notice(sandbox, citizens[0], notice["id"])["opened_at"] is None


def test_opening_records_the_receipt_at_the_core_once(signed_in, sandbox, citizens):
    client = signed_in()
    notice = issue(sandbox, citizens[0])
    opened = client.post(f"/api/v1/notices/{notice['id']}/receipt", headers=csrf_headers(client))
    assert opened.status_code == 200
    body = opened.get_json()
    assert body["unread"] is False and body["opened_at"] and body["body"]
    at_core = core_notice(sandbox, citizens[0], notice["id"])
    assert at_core["opened_at"] == body["opened_at"]
    again = client.post(f"/api/v1/notices/{notice['id']}/receipt", headers=csrf_headers(client)).get_json()
    assert again["opened_at"] == body["opened_at"]
    assert client.get(f"/api/v1/notices/{notice['id']}").get_json()["body"] == body["body"]


def test_opening_needs_the_csrf_token(signed_in, sandbox, citizens):
    client = signed_in()
    notice = issue(sandbox, citizens[0])
    assert client.post(f"/api/v1/notices/{notice['id']}/receipt").status_code == 403
    assert core_notice(sandbox, citizens[0], notice["id"])["opened_at"] is None


def test_documents_stream_only_after_opening_and_are_not_cached(signed_in, sandbox, citizens):
    client = signed_in()
    notice = issue(sandbox, citizens[0])
    url = client.get(f"/api/v1/notices/{notice['id']}").get_json()["documents"][0]["url"]
    before = client.get(url)
    assert before.status_code == 409 and before.get_json()["code"] == "notice_not_opened"

    client.post(f"/api/v1/notices/{notice['id']}/receipt", headers=csrf_headers(client))
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_another_citizens_notice_is_not_found(signed_in, sandbox, citizens):
    notice = issue(sandbox, citizens[1])
    client = signed_in(citizens[0])
    assert client.get(f"/api/v1/notices/{notice['id']}").status_code == 404
    assert client.post(f"/api/v1/notices/{notice['id']}/receipt", headers=csrf_headers(client)).status_code == 404
    assert core_notice(sandbox, citizens[1], notice["id"])["opened_at"] is None


@pytest.mark.parametrize("path", ["/api/v1/notices", "/api/v1/notices/n-1"])
def test_signed_out_gets_401(core_app, path):
    assert core_app.test_client().get(path).status_code == 401


def test_an_id_that_could_not_be_one_is_not_found(signed_in):
    client = signed_in()
    for bad in ("n%201", "n~1", "%D9%86-1"):
        assert client.get(f"/api/v1/notices/{bad}").status_code == 404
        assert client.get(f"/api/v1/notices/n-1/documents/{bad}").status_code == 404
