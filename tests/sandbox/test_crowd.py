"""Extra sample citizens for load tests: valid, distinct, able to sign in, gone after a reset."""

from __future__ import annotations

import pytest

from sandbox.persian import is_valid_national_code


def test_added_citizens_are_valid_distinct_have_no_cases_and_can_sign_in(sandbox, citizens, api):
    added = sandbox.add_citizens(25)
    codes = [c["national_code"] for c in added]
    assert len(set(codes)) == 25 and all(is_valid_national_code(code) for code in codes)
    assert not set(codes) & {c["national_code"] for c in citizens}
    assert all(c["case_ids"] == [] and not c["lawyer"] for c in added)
    assert len(sandbox.citizens()) == len(citizens) + 25
    me = api(sandbox.sign_in(added[-1]["national_code"])["access_token"]).get("/core/v1/me").json()
    assert (me["sub"], me["national_code"]) == (added[-1]["sub"], added[-1]["national_code"])


def test_the_same_calls_add_the_same_people_and_a_reset_removes_them(sandbox, citizens):
    first = sandbox.add_citizens(3)
    sandbox.reset()
    assert len(sandbox.citizens()) == len(citizens)
    assert sandbox.add_citizens(3) == first


@pytest.mark.parametrize("body", [{}, {"count": 0}, {"count": 1001}, {"count": "5"}, {"count": True}])
def test_adding_citizens_needs_a_count_from_1_to_1000(sandbox, body):
    response = sandbox.control("POST", "citizens", json=body)
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
