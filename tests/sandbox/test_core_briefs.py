"""Briefs: exactly once per Idempotency-Key, conflicts on other content, closed cases refused."""

from __future__ import annotations

import hashlib
import threading
import uuid

import pytest


def post_brief(client, case_id: str, key: str | None, text: str = "متن لایحه نمونه",
               files: list[tuple[str, bytes]] = (), notice_id: str | None = None):
    """Always multipart/form-data, even without attachments (the text is a plain form field)."""
    headers = {"Idempotency-Key": key} if key else {}
    parts = [("text", (None, text.encode()))]
    if notice_id is not None:
        parts.append(("notice_id", (None, notice_id.encode())))
    parts += [("files", (name, content, "application/pdf")) for name, content in files]
    return client.post(f"/core/v1/cases/{case_id}/briefs", files=parts, headers=headers)


def open_case(citizen: dict, cases: dict) -> str:
    return next(cid for cid in citizen["case_ids"] if cases[cid]["accepts_briefs"])


@pytest.fixture
def all_cases(sandbox) -> dict:
    return {c["id"]: c for c in sandbox.cases()}


def test_same_key_and_content_answers_the_first_receipt_and_registers_once(sandbox, as_citizen, persona,
                                                                           all_cases):
    client = as_citizen(persona)
    case_id = open_case(persona, all_cases)
    key = str(uuid.uuid4())
    files = [("a.pdf", b"%PDF-1.4 first"), ("b.pdf", b"%PDF-1.4 second")]
    first = post_brief(client, case_id, key, files=files)
    assert first.status_code == 201
    receipt = first.json()
    assert set(receipt) == {"id", "case_id", "tracking_code", "registered_at", "notice_id"}
    assert receipt["notice_id"] is None
    assert receipt["case_id"] == case_id and receipt["tracking_code"].isdigit()
    assert first.headers["Location"].endswith(f"/core/v1/briefs/{receipt['id']}")
    again = post_brief(client, case_id, key, files=files)
    assert again.status_code == 200 and again.json() == receipt
    registered = [b for b in sandbox.briefs() if b["idempotency_key"] == key]
    assert len(registered) == 1 and registered[0]["id"] == receipt["id"]


def test_same_key_with_other_text_or_other_file_bytes_is_409(sandbox, as_citizen, persona, all_cases):
    client = as_citizen(persona)
    case_id = open_case(persona, all_cases)
    key = str(uuid.uuid4())
    assert post_brief(client, case_id, key, files=[("a.pdf", b"one")]).status_code == 201
    for text, files in (("متن دیگر", [("a.pdf", b"one")]), ("متن لایحه نمونه", [("a.pdf", b"two")]),
                        ("متن لایحه نمونه", [])):
        response = post_brief(client, case_id, key, text=text, files=files)
        assert response.status_code == 409 and response.json()["code"] == "idempotency_conflict"
    assert len(sandbox.briefs()) == 1


def test_a_renamed_file_with_the_same_bytes_is_the_same_brief(sandbox, as_citizen, persona, all_cases):
    client = as_citizen(persona)
    case_id = open_case(persona, all_cases)
    key = str(uuid.uuid4())
    first = post_brief(client, case_id, key, files=[("scan.pdf", b"same bytes")])
    again = post_brief(client, case_id, key, files=[("renamed.pdf", b"same bytes")])
    assert again.status_code == 200 and again.json() == first.json()


def test_missing_idempotency_key_is_400(sandbox, as_citizen, persona, all_cases):
    response = post_brief(as_citizen(persona), open_case(persona, all_cases), None)
    assert response.status_code == 400 and response.json()["code"] == "idempotency_key_missing"
    assert sandbox.briefs() == []


def test_empty_text_or_a_non_multipart_body_is_400_validation_failed(sandbox, as_citizen, persona, all_cases):
    client = as_citizen(persona)
    case_id = open_case(persona, all_cases)
    response = post_brief(client, case_id, "k-1", text="   ")
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
    urlencoded = client.post(f"/core/v1/cases/{case_id}/briefs", data={"text": "متن"},
                             headers={"Idempotency-Key": "k-2"})
    assert urlencoded.status_code == 400 and urlencoded.json()["code"] == "validation_failed"


def test_a_closed_case_is_422_case_closed(sandbox, as_citizen, persona, all_cases):
    closed = next(cid for cid in persona["case_ids"] if not all_cases[cid]["accepts_briefs"])
    response = post_brief(as_citizen(persona), closed, str(uuid.uuid4()))
    assert response.status_code == 422 and response.json()["code"] == "case_closed"
    assert sandbox.briefs() == []


def test_a_case_of_another_citizen_is_403_not_a_party(sandbox, as_citizen, citizens, all_cases):
    foreign = next(cid for cid in citizens[8]["case_ids"] if cid not in citizens[0]["case_ids"])
    response = post_brief(as_citizen(citizens[0]), foreign, str(uuid.uuid4()))
    assert response.status_code == 403 and response.json()["code"] == "not_a_party"


def test_registration_adds_a_timeline_entry_and_one_event_per_citizen_party(sandbox, as_citizen, citizens,
                                                                             service, shared_case):
    by_sub = {c["sub"]: c for c in citizens}
    filer = by_sub[shared_case["citizen_subs"][0]]
    client = as_citizen(filer)
    key = str(uuid.uuid4())
    receipt = post_brief(client, shared_case["id"], key).json()
    timeline = client.get(f"/core/v1/cases/{shared_case['id']}").json()["timeline"]
    assert timeline[-1]["type"] == "brief_registered" and timeline[-1]["at"] == receipt["registered_at"]
    events = [e for e in service.get("/core/v1/events").json()["events"] if e["type"] == "brief.registered"]
    assert sorted(e["person"] for e in events) == sorted(shared_case["citizen_subs"])
    assert all(e["data"] == {"brief_id": receipt["id"], "tracking_code": receipt["tracking_code"],
                             "idempotency_key": key, "notice_id": None} for e in events)


def test_the_core_keeps_only_sizes_and_hashes_and_shows_the_brief_to_its_author_only(
        sandbox, as_citizen, citizens, shared_case):
    by_sub = {c["sub"]: c for c in citizens}
    author, other_party = (by_sub[s] for s in shared_case["citizen_subs"][:2])
    content = b"%PDF-1.4 " + bytes(range(256)) * 300
    receipt = post_brief(as_citizen(author), shared_case["id"], "k-hash", files=[("doc.pdf", content)]).json()
    brief = as_citizen(author).get(f"/core/v1/briefs/{receipt['id']}").json()
    assert brief["files"] == [{"name": "doc.pdf", "content_type": "application/pdf", "size": len(content),
                               "sha256": hashlib.sha256(content).hexdigest()}]
    assert brief["text_sha256"] == hashlib.sha256("متن لایحه نمونه".encode()).hexdigest()
    denied = as_citizen(other_party).get(f"/core/v1/briefs/{receipt['id']}")
    assert denied.status_code == 403 and denied.json()["code"] == "not_a_party"
    assert as_citizen(author).get("/core/v1/briefs/b-999999").status_code == 404


def test_concurrent_retries_with_one_key_register_exactly_once(sandbox, as_citizen, persona, all_cases):
    client = as_citizen(persona)
    case_id = open_case(persona, all_cases)
    key = str(uuid.uuid4())
    answers: list = []

    def send() -> None:
        answers.append(post_brief(client, case_id, key, files=[("a.pdf", b"x" * 50_000)]))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [200] * 7 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert len([b for b in sandbox.briefs() if b["idempotency_key"] == key]) == 1


def test_a_brief_answering_a_notice_names_it_in_the_receipt_and_the_event(sandbox, as_citizen, persona, service):
    client = as_citizen(persona)
    deficiency = next(n for n in client.get("/core/v1/notices").json()["notices"] if n["kind"] == "deficiency")
    head = service.get("/core/v1/events/head").json()["cursor"]
    key = str(uuid.uuid4())
    receipt = post_brief(client, deficiency["case_id"], key, text="رفع نقص", notice_id=deficiency["id"]).json()
    assert receipt["notice_id"] == deficiency["id"]
    assert client.get(f"/core/v1/briefs/{receipt['id']}").json()["notice_id"] == deficiency["id"]
    events = service.get("/core/v1/events", params={"after": head}).json()["events"]
    assert {e["data"]["notice_id"] for e in events if e["type"] == "brief.registered"} == {deficiency["id"]}
    assert post_brief(client, deficiency["case_id"], key, text="رفع نقص").status_code == 409


def test_a_brief_may_answer_only_the_citizens_own_notice_on_the_same_case(sandbox, as_citizen, citizens):
    persona, other = citizens[0], citizens[9]
    client = as_citizen(persona)
    mine = client.get("/core/v1/notices").json()["notices"]
    notice = mine[0]
    elsewhere = next(cid for cid in persona["case_ids"] if cid != notice["case_id"]
                     and as_citizen(persona).get(f"/core/v1/cases/{cid}").json()["accepts_briefs"])
    theirs = as_citizen(other).get("/core/v1/notices").json()["notices"][0]["id"]
    for case_id, notice_id in ((elsewhere, notice["id"]), (notice["case_id"], theirs),
                               (notice["case_id"], "n-999999")):
        response = post_brief(client, case_id, str(uuid.uuid4()), notice_id=notice_id)
        assert response.status_code == 400 and response.json()["code"] == "validation_failed", notice_id
    assert sandbox.briefs() == []
