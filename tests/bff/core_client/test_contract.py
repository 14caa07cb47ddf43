"""Every method of the core client against the sandbox core over real HTTP: each decodes the real answer.

One test per core route the BFF calls (and one for the identity provider); the last test checks that
none is left out (a new route in ``endpoints.ROUTES`` needs its test here).
"""

from __future__ import annotations

import io
import uuid
from datetime import datetime

import pytest

from bff.core_client import CoreRejected, endpoints, identity
from bff.core_client import core as core_of_app
from bff.core_client.briefs import Attachment
from bff.core_client.cases import CaseDetail, CaseSummary, ListedHearing
from bff.core_client.events import Event, NoticeIssued
from bff.core_client.identity import TokenRejected

COVERED: set[str] = set()


def covers(*routes):
    COVERED.update(f"{route.method} {route.template}" for route in routes)

    def mark(test):
        return test

    return mark


class SandboxTokens:
    """The citizen's own access token, straight from the sandbox's identity provider."""

    def __init__(self, sandbox, national_code: str):
        self.sandbox, self.national_code = sandbox, national_code
        self.current = sandbox.sign_in(national_code)["access_token"]

    def token(self) -> str:
        return self.current

    def renewed(self, rejected: str) -> str:
        self.current = self.sandbox.sign_in(self.national_code)["access_token"]
        return self.current


@pytest.fixture
def core(core_app):
    with core_app.app_context():
        yield core_of_app.of(core_app)


@pytest.fixture
def persona(sandbox, citizens):
    return SandboxTokens(sandbox, citizens[0]["national_code"])


def issue_notice(sandbox, citizen: dict) -> str:
    response = sandbox.control("POST", "notices", json={"person": citizen["sub"], "case_id": citizen["case_ids"][0],
                                                        "type": "summons", "title": "احضار آزمایشی"})
    assert response.status_code == 201
    return response.json()["id"]


@covers(endpoints.ME)
def test_me_is_the_citizen_the_token_belongs_to(core, persona, citizens):
    me = core.cases.me(persona)
    assert me.national_code == citizens[0]["national_code"] and me.sub == citizens[0]["sub"]


@covers(endpoints.CASES)
def test_the_case_list_decodes_into_summaries(core, persona, citizens):
    cases = core.cases.list(persona)
    assert {case.id for case in cases} == set(citizens[0]["case_ids"])
    assert all(isinstance(case, CaseSummary) and isinstance(case.last_change_at, datetime) for case in cases)


@covers(endpoints.CASE)
def test_one_case_decodes_with_parties_timeline_and_hearings(core, persona, citizens):
    case = core.cases.get(persona, citizens[0]["case_ids"][0])
    assert isinstance(case, CaseDetail) and case.id == citizens[0]["case_ids"][0]
    assert case.parties and case.timeline
    assert any(party.national_code == citizens[0]["national_code"] for party in case.parties)


@covers(endpoints.HEARINGS)
def test_upcoming_hearings_decode_with_their_case(core, persona):
    hearings = core.hearings.upcoming(persona)
    assert hearings and all(isinstance(h, ListedHearing) and h.case_number.isdigit() for h in hearings)
    assert [h.starts_at for h in hearings] == sorted(h.starts_at for h in hearings)


@covers(endpoints.NOTICES, endpoints.NOTICE)
def test_notices_list_and_read_without_opening(core, persona, sandbox, citizens):
    notice_id = issue_notice(sandbox, citizens[0])
    listed = {notice.id: notice for notice in core.notices.list(persona)}
    assert listed[notice_id].opened_at is None and listed[notice_id].body is None
    read = core.notices.get(persona, notice_id)
    assert read.id == notice_id and read.opened_at is None and read.documents


@covers(endpoints.NOTICE_RECEIPT, endpoints.NOTICE_DOCUMENT)
def test_a_notice_opens_once_and_then_its_document_streams(core, persona, sandbox, citizens):
    notice_id = issue_notice(sandbox, citizens[0])
    document_id = core.notices.get(persona, notice_id).documents[0].id
    with pytest.raises(CoreRejected) as caught:
        core.notices.document(persona, notice_id, document_id)
    assert caught.value.status == 409
    opened = core.notices.open(persona, notice_id)
    assert opened.opened_at is not None and opened.body
    assert core.notices.open(persona, notice_id).opened_at == opened.opened_at
    download = core.notices.document(persona, notice_id, document_id)
    content = b"".join(download.chunks())
    assert download.content_type == "application/pdf" and content.startswith(b"%PDF")


@covers(endpoints.CASE_BRIEFS, endpoints.BRIEF)
def test_a_brief_registers_once_per_key_and_reads_back(core, persona, citizens):
    case_id, key = "c-000001", str(uuid.uuid4())
    attachment = Attachment("scan.pdf", "application/pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"))
    first = core.briefs.submit(persona, case_id, key, "متن لایحه", [attachment])
    attachment.content.seek(0)
    again = core.briefs.submit(persona, case_id, key, "متن لایحه", [attachment])
    assert again == first and first.case_id == case_id and first.tracking_code.isdigit()
    kept = core.briefs.get(persona, first.id)
    assert kept.text_length == len("متن لایحه") and [f.name for f in kept.files] == ["scan.pdf"]


@covers(endpoints.OFFICES)
def test_the_registry_comes_whole_then_not_modified_for_its_etag(core):
    registry = core.registry.offices()
    assert registry.rows and registry.sample is True and registry.etag
    assert core.registry.offices(etag=registry.etag) is None


@covers(endpoints.EVENTS_HEAD, endpoints.EVENTS)
def test_the_event_feed_pages_from_a_cursor(core, sandbox, citizens):
    head = core.events.head()
    notice_id = issue_notice(sandbox, citizens[0])
    page = core.events.page(head)
    [event] = [e for e in page.events if isinstance(e.data, NoticeIssued) and e.data.notice_id == notice_id]
    assert isinstance(event, Event) and event.person == citizens[0]["sub"] and event.problem is None
    assert page.next_cursor == page.events[-1].id and int(page.next_cursor) > int(head)
    assert core.events.page(page.next_cursor).events == ()


def test_the_identity_provider_describes_refreshes_and_revokes_a_citizens_tokens(core_app, sandbox, citizens):
    idp = identity.of(core_app)
    tokens = sandbox.sign_in(citizens[0]["national_code"])
    assert idp.userinfo(tokens["access_token"])["sub"] == citizens[0]["sub"]
    fresh = idp.refresh(tokens["refresh_token"])
    assert fresh["access_token"] != tokens["access_token"] and fresh["refresh_token"] != tokens["refresh_token"]
    idp.revoke(fresh["refresh_token"])
    with pytest.raises(TokenRejected):
        idp.refresh(fresh["refresh_token"])
    assert idp.service_token() and idp.service_token() == idp.service_token()  # cached until near its expiry
    ends = idp.end_session_url(tokens.get("id_token"), "http://localhost:5000/")
    assert ends.startswith(sandbox.url) and "post_logout_redirect_uri=" in ends


def test_every_core_route_has_its_contract_test():
    assert {f"{route.method} {route.template}" for route in endpoints.ROUTES} == COVERED
