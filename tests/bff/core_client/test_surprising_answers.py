"""A core that answers outside its contract, over real HTTP: every such answer is 502 core_bad_answer.

The "core" here is a loopback HTTP server that answers each path with a scripted status and body
(tests/support/scripted_http.py); the BFF talks to it through its real transport, and through its API for a
signed-in citizen.
"""

from __future__ import annotations

import pytest

from bff.core_client import CoreBadAnswer, core
from tests.support.scripted_http import ScriptedServer

CASE = {"id": "c-1", "case_number": "1" * 16, "archive_number": "7", "tracking_code": None,
        "subject": "alimony", "title": "مطالبه نفقه", "role": "claimant", "status": "referred",
        "court": {"complex": "x", "court": "x", "branch": "x", "address": "x", "city": "x", "province": "x"},
        "next_hearing": None, "last_change_at": "2026-12-01T05:30:00Z", "accepts_briefs": True}
NOTICE = {"id": "n-1", "number": "9", "type": "summons", "title": "t", "case_id": "c-1", "case_number": "1" * 16,
          "issued_at": "2026-12-01T05:30:00Z", "opened_at": None, "documents": []}


class Token:
    def token(self) -> str:
        return "a-token"

    def renewed(self, rejected: str) -> str:
        return "a-token"


@pytest.fixture
def surprising(core_app):
    """The BFF's core client pointed at the surprising core for one test."""
    transport = core.of(core_app).transport
    saved = transport.base_url
    with ScriptedServer() as server:
        transport.base_url = server.url
        try:
            yield server
        finally:
            transport.base_url = saved
            core.of(core_app).breaker.close()


SURPRISES = {
    "not JSON": b"<html>maintenance</html>",
    "a list, not an object": [],
    "the list is missing": {"sample": True},
    "an item of the wrong type": {"cases": ["c-1"]},
    "a field missing": {"cases": [{k: v for k, v in CASE.items() if k != "court"}]},
    "a field of the wrong type": {"cases": [{**CASE, "accepts_briefs": "yes"}]},
    "a null where none may be": {"cases": [{**CASE, "title": None}]},
    "an instant that is not one": {"cases": [{**CASE, "last_change_at": "yesterday"}]},
}


@pytest.mark.parametrize("surprise", SURPRISES.values(), ids=SURPRISES.keys())
def test_a_surprising_answer_is_a_bad_answer_502(core_app, surprising, surprise):
    surprising.answer("/core/v1/cases", surprise)
    with core_app.app_context(), pytest.raises(CoreBadAnswer) as caught:
        core().cases.list(Token())
    problem = caught.value.to_problem()
    assert (problem.status, problem.code) == (502, "core_bad_answer")


def test_a_well_formed_answer_with_unknown_extra_fields_is_read(core_app, surprising):
    surprising.answer("/core/v1/cases", {"cases": [{**CASE, "added_later": 1}], "sample": True})
    with core_app.app_context():
        [case] = core().cases.list(Token())
    assert case.id == "c-1" and case.court.city == "x"


@pytest.mark.parametrize("path, body", [
    ("/core/v1/notices", {"notices": [{**NOTICE, "documents": None}]}),
    ("/core/v1/notices/n-1", {**NOTICE, "issued_at": 20261201}),
    ("/core/v1/notices", b"\xff\xfe not even text"),
], ids=["notice list", "one notice", "garbage"])
def test_a_surprising_notice_answer_reaches_the_citizen_as_a_502_problem_not_a_500(
        core_app, signed_in, surprising, path, body):
    client = signed_in()
    surprising.answer(path, body)
    response = client.get("/api/v1/notices" if path.endswith("notices") else "/api/v1/notices/n-1")
    assert response.status_code == 502
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "core_bad_answer"


def test_a_core_error_page_is_a_502_problem_too(core_app, signed_in, surprising, monkeypatch):
    client = signed_in()
    surprising.answer("/core/v1/notices", b"oops", status=500)
    monkeypatch.setattr(core.of(core_app).transport, "retries", 0)
    response = client.get("/api/v1/notices")
    assert response.status_code == 502 and response.get_json()["code"] == "core_bad_answer"
