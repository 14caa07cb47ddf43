"""Electronic notices: opening is receipt, recorded once; documents only after receipt."""

from __future__ import annotations

import io

import pypdf


def unread_notice(client) -> dict:
    return next(n for n in client.get("/core/v1/notices").json()["notices"] if n["opened_at"] is None)


def test_notice_list_is_newest_first_and_carries_no_body(sandbox, as_citizen, persona):
    body = as_citizen(persona).get("/core/v1/notices").json()
    assert body["sample"] is True and len(body["notices"]) >= 2
    assert all("body" not in n for n in body["notices"])
    issued = [n["issued_at"] for n in body["notices"]]
    assert issued == sorted(issued, reverse=True)


def test_reading_an_unopened_notice_shows_no_body_and_does_not_open_it(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    notice = unread_notice(client)
    one = client.get(f"/core/v1/notices/{notice['id']}").json()
    assert one["opened_at"] is None and "body" not in one
    assert unread_notice(client)["id"] == notice["id"]


def test_receipt_records_opening_once_and_returns_the_text(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    notice = unread_notice(client)
    first = client.post(f"/core/v1/notices/{notice['id']}/receipt")
    assert first.status_code == 200
    opened = first.json()
    assert opened["opened_at"] is not None and "داده‌های نمونه" in opened["body"]
    second = client.post(f"/core/v1/notices/{notice['id']}/receipt").json()
    assert second == opened
    assert client.get(f"/core/v1/notices/{notice['id']}").json() == opened


def test_receipt_adds_one_notice_served_entry_to_the_case_timeline(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    notice = unread_notice(client)
    digits = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")

    def served() -> list[dict]:
        timeline = client.get(f"/core/v1/cases/{notice['case_id']}").json()["timeline"]
        return [e for e in timeline
                if e["type"] == "notice_served" and notice["number"] in e["title"].translate(digits)]

    assert served() == []
    client.post(f"/core/v1/notices/{notice['id']}/receipt")
    client.post(f"/core/v1/notices/{notice['id']}/receipt")
    assert len(served()) == 1


def test_documents_are_409_before_receipt_and_a_valid_pdf_after(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    notice = unread_notice(client)
    document = notice["documents"][0]
    url = f"/core/v1/notices/{notice['id']}/documents/{document['id']}"
    early = client.get(url)
    assert early.status_code == 409 and early.json()["code"] == "not_opened"
    client.post(f"/core/v1/notices/{notice['id']}/receipt")
    pdf = client.get(url)
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and len(pdf.content) == document["size"]
    assert "SAMPLE DATA" in pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_unknown_document_of_an_opened_notice_is_404(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    notice = unread_notice(client)
    client.post(f"/core/v1/notices/{notice['id']}/receipt")
    response = client.get(f"/core/v1/notices/{notice['id']}/documents/d-999999")
    assert response.status_code == 404


def test_another_citizens_notice_is_403_for_reading_opening_and_documents(sandbox, as_citizen, citizens):
    owner_notice = unread_notice(as_citizen(citizens[0]))
    intruder = as_citizen(citizens[9])
    paths = [("GET", f"/core/v1/notices/{owner_notice['id']}"),
             ("POST", f"/core/v1/notices/{owner_notice['id']}/receipt"),
             ("GET", f"/core/v1/notices/{owner_notice['id']}/documents/{owner_notice['documents'][0]['id']}")]
    for method, path in paths:
        response = intruder.request(method, path)
        assert response.status_code == 403 and response.json()["code"] == "not_a_party", path
    assert unread_notice(as_citizen(citizens[0]))["id"] == owner_notice["id"]  # still unopened


def test_unknown_notice_is_404(sandbox, as_citizen, persona):
    response = as_citizen(persona).post("/core/v1/notices/n-999999/receipt")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
