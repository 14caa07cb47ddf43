"""Seeded sample data: deterministic, plausible, and with the demo persona the demos rely on."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import httpx
import pytest

from sandbox import vocabulary
from sandbox.config import TEHRAN
from sandbox.persian import is_valid_national_code
from sandbox.seed import WORKING_WEEKDAYS, generate, tehran_instant

ANCHOR = dt.date(2025, 11, 29)


@pytest.fixture(scope="module")
def data():
    return generate(1404, ANCHOR)


def test_two_sandboxes_with_the_same_seed_and_anchor_serve_identical_data(start_sandbox):
    first, second = start_sandbox(), start_sandbox()
    assert first.cases() == second.cases()
    assert first.citizens() == second.citizens()
    code = first.citizens()[0]["national_code"]
    notices = [httpx.get(f"{s.url}/core/v1/notices",
                         headers={"Authorization": f"Bearer {s.sign_in(code)['access_token']}"}).json()
               for s in (first, second)]
    assert notices[0] == notices[1]


def test_another_seed_gives_other_people_and_cases(start_sandbox):
    assert start_sandbox().citizens() != start_sandbox(SANDBOX_SEED="7").citizens()


def test_another_anchor_moves_the_dates_but_keeps_people_and_cases(data):
    later = generate(1404, ANCHOR + dt.timedelta(days=40))
    assert [c.national_code for c in later.citizens] == [c.national_code for c in data.citizens]
    assert [(c.id, c.subject, c.status, [p.name for p in c.parties]) for c in later.cases.values()] == [
        (c.id, c.subject, c.status, [p.name for p in c.parties]) for c in data.cases.values()]
    assert later.cases["c-000001"].timeline[0].at > data.cases["c-000001"].timeline[0].at


def test_about_fifty_citizens_with_valid_codes_persian_names_and_mobiles(data):
    assert len(data.citizens) == 50
    assert len({c.national_code for c in data.citizens}) == 50
    for citizen in data.citizens:
        assert is_valid_national_code(citizen.national_code)
        assert citizen.mobile.startswith("09") and len(citizen.mobile) == 11 and citizen.mobile.isdigit()
        assert all("\u0600" <= ch <= "\u06ff" or ch in " \u200c" for ch in citizen.name)
        assert citizen.sub.startswith("cit-") and citizen.national_code not in citizen.sub


def test_about_three_hundred_cases_with_cheque_cases_the_most_common(data):
    subjects = Counter(c.subject for c in data.cases.values())
    assert len(data.cases) == 302  # 300, and two decided cases of the persona's deadline samples
    assert len(subjects) == 14
    top, count = subjects.most_common(1)[0]
    assert top == "check_complaint" and 0.25 <= count / 302 <= 0.35
    assert all(len(c.case_number) == 16 and c.case_number.isdigit() for c in data.cases.values())
    assert len({c.case_number for c in data.cases.values()}) == 302


def test_every_sample_city_hosts_civil_family_and_criminal_branches():
    for _, city, complexes in vocabulary.PLACES:
        hosted = {kind for _, _, kinds in complexes for kind in kinds}
        assert hosted == {vocabulary.CIVIL_COURT, vocabulary.FAMILY_COURT, vocabulary.PROSECUTOR}, city


def test_timelines_are_ordered_and_end_before_the_anchor_date(data):
    anchor_start = tehran_instant(ANCHOR, 0)
    for case in data.cases.values():
        stamps = [e.at for e in case.timeline]
        assert stamps == sorted(stamps) and stamps[-1] < anchor_start
        assert case.timeline[0].type == "registered"


def test_future_hearings_fall_on_working_days_between_eight_and_one_tehran_time(data):
    anchor_start = tehran_instant(ANCHOR, 0)
    future = [h for h in data.hearings.values() if h.starts_at > anchor_start]
    assert len(future) > 50
    assert any(h.starts_at - anchor_start < dt.timedelta(days=3) for h in future)
    for hearing in data.hearings.values():
        start, end = hearing.starts_at.astimezone(TEHRAN), hearing.ends_at.astimezone(TEHRAN)
        assert start.weekday() in WORKING_WEEKDAYS
        assert start.hour >= 8 and (end.hour, end.minute) <= (13, 0) and end > start
    assert {h.status for h in data.hearings.values()} == {"scheduled", "held", "cancelled"}


def test_every_citizen_has_two_to_five_notices_some_opened_and_the_persona_eight(data):
    per_person = Counter(n.person for n in data.notices.values())
    assert set(per_person) == {c.sub for c in data.citizens}
    assert per_person.pop(data.citizens[0].sub) == 8
    assert min(per_person.values()) >= 2 and max(per_person.values()) <= 5
    opened = [n for n in data.notices.values() if n.opened_at]
    assert 0 < len(opened) < len(data.notices)
    for notice in data.notices.values():
        assert notice.person in data.cases[notice.case_id].citizen_subs
        assert notice.opened_at is None or notice.opened_at > notice.issued_at


def test_some_cases_are_closed_and_some_are_shared_by_citizens(data):
    closed = [c for c in data.cases.values() if c.status == "closed"]
    assert closed and not any(c.accepts_briefs for c in closed)
    shared = [c for c in data.cases.values() if len(c.citizen_subs) >= 2]
    assert shared
    multi_role = [c for c in data.citizens if len({case.role_of(c.sub) for case in data.cases.values()
                                                     if c.sub in case.citizen_subs}) > 1]
    assert multi_role
    assert any(p.sub is None for case in data.cases.values() for p in case.parties)


def test_demo_persona_has_four_roles_a_hearing_within_three_days_and_unread_notices(sandbox, as_citizen,
                                                                                   persona):
    client = as_citizen(persona)
    cases = client.get("/core/v1/cases").json()["cases"]
    assert len(cases) >= 4
    assert {"claimant", "defendant", "complainant", "accused"} <= {c["role"] for c in cases}
    assert any(not c["accepts_briefs"] for c in cases)
    soon = client.get("/core/v1/hearings", params={"from": "2025-11-28T20:30:00Z"}).json()["hearings"]
    assert soon[0]["starts_at"] < "2025-12-01T20:30:00Z"  # within three days of the anchor date
    unread = [n for n in client.get("/core/v1/notices").json()["notices"] if n["opened_at"] is None]
    assert len(unread) >= 2
