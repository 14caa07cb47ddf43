"""Every kind of bad submission gets a clear 4xx problem naming what is wrong — and leaves nothing stored."""

from __future__ import annotations

import pytest

from bff.briefs import upload as limits
from tests.bff.briefs.conftest import (
    OPEN_CASE,
    brief_rows,
    make_bomb_png,
    make_image,
    make_pdf,
    make_polyglot,
    new_key,
    stored_files,
    submit,
)
from tests.support import csrf_headers

MB = 1024 * 1024


def padded_pdf(size: int) -> bytes:
    """A valid PDF of about ``size`` bytes: one page and an attachment of incompressible bytes."""
    import random

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("pad.bin", random.Random(size).randbytes(max(0, size - 1200)))
    buffer = __import__("io").BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = make_pdf()
PNG = make_image("PNG")
JPEG = make_image("JPEG")

CASES = {
    "empty text": ({"text": ""}, 422, "brief_text_missing", "text"),
    "only spaces": ({"text": "  \n\t "}, 422, "brief_text_missing", "text"),
    "only diacritics": ({"text": "\u064e\u064f\u0640"}, 422, "brief_text_missing", "text"),
    "no text part": ({"text": None}, 422, "brief_text_missing", "text"),
    "text too long": ({"text": "ب" * 20_001}, 422, "brief_text_too_long", "text"),
    "text far too long": ({"text": "ب" * 60_000}, 422, "brief_text_too_long", "text"),
    "invalid utf-8": ({"text": b"\xd9\x84\xff\xfe\xd8"}, 422, "brief_text_encoding", "text"),
    "nul in text": ({"text": "متن\x00پنهان"}, 422, "brief_text_characters", "text"),
    "too many files": ({"files": [(f"f{i}.pdf", PDF, "application/pdf") for i in range(11)]},
                       422, "brief_too_many_files", "files"),
    "empty file": ({"files": [("a.pdf", b"", "application/pdf")]}, 422, "brief_file_empty", "files.0"),
    "text file named .jpg": ({"files": [("photo.jpg", "سلام، این یک متن است.".encode() * 20, "image/jpeg")]},
                             422, "brief_file_type", "files.0"),
    "executable named .pdf": ({"files": [("a.pdf", b"MZ\x90\x00" + b"\x00" * 400, "application/pdf")]},
                              422, "brief_file_type", "files.0"),
    "zip named .pdf": ({"files": [("a.pdf", make_polyglot()[len(make_pdf()):], "application/pdf")]},
                       422, "brief_file_type", "files.0"),
    "png named .pdf": ({"files": [("ok.pdf", PDF, "application/pdf"), ("scan.pdf", PNG, "application/pdf")]},
                       422, "brief_file_type_mismatch", "files.1"),
    "pdf named .png": ({"files": [("scan.png", PDF, "image/png")]}, 422, "brief_file_type_mismatch", "files.0"),
    "jpeg named .docx": ({"files": [("a.docx", JPEG, "image/jpeg")]}, 422, "brief_file_type_mismatch", "files.0"),
    "pdf+zip polyglot": ({"files": [("a.pdf", make_polyglot(), "application/pdf")]},
                         422, "brief_pdf_polyglot", "files.0"),
    "truncated pdf": ({"files": [("a.pdf", make_pdf(3)[:-120], "application/pdf")]},
                      422, "brief_pdf_unreadable", "files.0"),
    "broken pdf": ({"files": [("a.pdf", b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n", "application/pdf")]},
                   422, "brief_pdf_unreadable", "files.0"),
    "encrypted pdf": ({"files": [("a.pdf", make_pdf(encrypt="secret"), "application/pdf")]},
                      422, "brief_pdf_encrypted", "files.0"),
    "owner-password-only pdf": ({"files": [("a.pdf", make_pdf(encrypt=""), "application/pdf")]},
                                422, "brief_pdf_encrypted", "files.0"),
    "pdf over 100 pages": ({"files": [("a.pdf", make_pdf(101), "application/pdf")]},
                           422, "brief_pdf_too_many_pages", "files.0"),
    "decompression bomb": ({"files": [("bomb.png", make_bomb_png(), "image/png")]},
                           422, "brief_image_too_large", "files.0"),
    "over 40 megapixels": ({"files": [("big.png", make_bomb_png(8000, 6000), "image/png")]},
                           422, "brief_image_too_large", "files.0"),
    "truncated png": ({"files": [("a.png", make_image("PNG", (300, 300))[:-200], "image/png")]},
                      422, "brief_image_unreadable", "files.0"),
    "truncated jpeg": ({"files": [("a.jpg", make_image("JPEG", (300, 300))[:400], "image/jpeg")]},
                       422, "brief_image_unreadable", "files.0"),
    "path traversal": ({"files": [("../../etc/passwd.pdf", PDF, "application/pdf")]},
                       422, "brief_file_name", "files.0"),
    "control character in name": ({"files": [("a\x07.pdf", PDF, "application/pdf")]},
                                  422, "brief_file_name", "files.0"),
    "one file over 10 MB": ({"files": [("big.pdf", padded_pdf(10 * MB + 4096), "application/pdf")]},
                            413, "brief_file_too_large", "files.0"),
    "files over 25 MB together": ({"files": [("p0.pdf", padded_pdf(9 * MB), "application/pdf"),
                                             ("p1.pdf", padded_pdf(9 * MB), "application/pdf"),
                                             ("p2.pdf", padded_pdf(7 * MB + 160 * 1024), "application/pdf")]},
                                  413, "brief_files_too_large", "files"),
}


@pytest.mark.parametrize(("fields", "status", "code", "field"), CASES.values(), ids=CASES.keys())
def test_bad_input_is_refused_and_nothing_is_stored(signed_in, core_app, briefs_dir, fields, status, code, field):
    client = signed_in()
    response = submit(client, **{"text": "متن لایحه", **fields})
    assert response.status_code == status, response.get_json()
    problem = response.get_json()
    assert response.mimetype == "application/problem+json"
    assert problem["code"] == code
    assert field in problem["errors"], problem
    assert problem["title"] and problem["errors"][field][0]
    assert brief_rows(core_app) == []
    assert stored_files(briefs_dir) == []


def test_file_problems_name_the_file_in_persian(signed_in):
    response = submit(signed_in(), files=[("ok.pdf", PDF, "application/pdf"),
                                          ("نامه.jpg", b"hello" * 100, "image/jpeg")])
    problem = response.get_json()
    assert "«نامه.jpg»" in problem["detail"] and "۲" in problem["detail"]
    assert problem["errors"]["files.1"] == [problem["detail"]]


def test_file_problems_speak_english_when_asked(signed_in):
    response = submit(signed_in(), files=[("a.pdf", make_pdf(encrypt="x"), "application/pdf")],
                      headers={"Accept-Language": "en"})
    assert response.get_json()["detail"] == ("Attachment 1 (\u201ca.pdf\u201d) is encrypted; "
                                             "send a copy without a password.")


def test_a_good_brief_just_under_every_limit_is_accepted(signed_in, core_app):
    files = [(f"p{i}.pdf", padded_pdf(2 * MB), "application/pdf") for i in range(9)]
    files.append(("last.pdf", padded_pdf(limits.MAX_TOTAL_BYTES - 9 * 2 * MB - 4096), "application/pdf"))
    response = submit(signed_in(), text="ب" * 20_000, files=files)
    assert response.status_code == 202, response.get_json()
    assert len(brief_rows(core_app)[0].files) == 10


def test_a_missing_idempotency_key_is_400(signed_in, core_app):
    response = submit(signed_in(), key=None)
    assert response.status_code == 400
    assert response.get_json()["code"] == "idempotency_key_missing"
    assert brief_rows(core_app) == []


@pytest.mark.parametrize("key", ["abc", "1234", "' OR 1=1 --", "x" * 300])
def test_an_idempotency_key_that_is_not_a_uuid_is_400(signed_in, core_app, key):
    response = submit(signed_in(), key=key)
    assert response.status_code == 400
    assert response.get_json()["code"] == "idempotency_key_invalid"
    assert brief_rows(core_app) == []


def test_a_body_that_is_not_multipart_is_400(signed_in, core_app):
    client = signed_in()
    response = client.post(f"/api/v1/cases/{OPEN_CASE}/briefs", json={"text": "متن"},
                           headers={**csrf_headers(client), "Idempotency-Key": new_key()})
    assert response.status_code == 400 and response.get_json()["code"] == "brief_body_invalid"
    assert brief_rows(core_app) == []


def test_a_multipart_body_cut_short_is_400_and_leaves_no_staged_file(signed_in, core_app, briefs_dir):
    client = signed_in()
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nمتن\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode() + PDF[:300]
    response = client.post(f"/api/v1/cases/{OPEN_CASE}/briefs", data=body,
                           headers={**csrf_headers(client), "Idempotency-Key": new_key(),
                                    "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 400 and response.get_json()["code"] == "brief_body_invalid"
    assert brief_rows(core_app) == [] and stored_files(briefs_dir) == []


def test_unknown_parts_are_refused(signed_in, core_app):
    client = signed_in()
    response = client.post(f"/api/v1/cases/{OPEN_CASE}/briefs",
                           data={"text": "متن", "attachment": (__import__("io").BytesIO(PDF), "a.pdf")},
                           headers={**csrf_headers(client), "Idempotency-Key": new_key()},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "attachment" in response.get_json()["errors"]
    assert brief_rows(core_app) == []


def test_a_traversal_name_in_rfc_5987_form_is_refused_too(signed_in, core_app, briefs_dir):
    client = signed_in()
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nمتن\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"; "
            "filename*=UTF-8''..%2F..%2Fetc%2Fcron.d%2Fx.pdf\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode() + PDF + f"\r\n--{boundary}--\r\n".encode()
    response = client.post(f"/api/v1/cases/{OPEN_CASE}/briefs", data=body,
                           headers={**csrf_headers(client), "Idempotency-Key": new_key(),
                                    "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["code"] == "brief_file_name"
    assert brief_rows(core_app) == [] and stored_files(briefs_dir) == []


@pytest.mark.parametrize("case, headers, status", [
    ("an unknown key", {"Idempotency-Key": "not-a-uuid"}, 400),
    ("someone else's case", None, 404),
    ("no CSRF token", {"X-CSRF-Token": ""}, 403),
], ids=lambda value: value if isinstance(value, str) else "")
def test_a_refused_upload_is_read_to_its_end_before_the_answer(signed_in, case, headers, status):
    # Unread, the body would make the server close the connection under the client's upload: the phone
    # would see a reset instead of the problem that says what to fix.
    client = signed_in()
    body = b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + b"x" * (3 * MB) + b"\r\n--b--\r\n"
    stream = __import__("io").BytesIO(body)
    all_headers = {**csrf_headers(client), "Idempotency-Key": new_key(), **(headers or {})}
    case_id = "c-999999" if status == 404 else OPEN_CASE
    response = client.post(f"/api/v1/cases/{case_id}/briefs", input_stream=stream, content_length=len(body),
                           content_type="multipart/form-data; boundary=b", headers=all_headers)
    assert response.status_code == status, response.get_json()
    assert stream.tell() == len(body), "the server answered without reading the upload"


def test_a_refused_chunked_upload_is_read_to_its_end_too(signed_in):
    client = signed_in()
    body = b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + b"x" * MB + b"\r\n--b--\r\n"
    stream = __import__("io").BytesIO(body)
    response = client.post(f"/api/v1/cases/{OPEN_CASE}/briefs", input_stream=stream,
                           content_type="multipart/form-data; boundary=b",
                           headers={**csrf_headers(client), "Idempotency-Key": "not-a-uuid",
                                    "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 400
    assert stream.tell() == len(body), "the server answered without reading the upload"
