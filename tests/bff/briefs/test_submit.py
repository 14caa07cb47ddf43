"""POST /api/v1/cases/<id>/briefs: accepted once per key, stored cleaned, answered with a verifiable receipt."""

from __future__ import annotations

import hashlib
import io
import json

from PIL import Image

from tests.bff.briefs.conftest import (
    CLOSED_CASE,
    OPEN_CASE,
    brief_rows,
    gps_exif,
    make_image,
    make_pdf,
    new_key,
    stored_files,
    submit,
)


def test_a_brief_with_a_pdf_and_a_png_is_received_with_a_receipt(signed_in, core_app, briefs_dir, pdf_bytes,
                                                                  png_bytes):
    client = signed_in()
    response = submit(client, text="این لایحه برای جلسهٔ رسیدگی است.",
                      files=[("لایحه.pdf", pdf_bytes, "application/pdf"), ("scan.png", png_bytes, "image/png")])
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert set(body) >= {"id", "tracking_code", "status", "sha256", "received_at"}
    assert body["status"] == "received" and body["case_id"] == OPEN_CASE
    assert body["tracking_code"].isdigit() and len(body["tracking_code"]) == 12
    assert len(body["sha256"]) == 64
    assert response.headers["Location"] == f"/api/v1/briefs/{body['id']}"
    assert response.headers["Idempotent-Replayed"] == "false"

    [row] = brief_rows(core_app)
    assert row.id == body["id"] and row.case_number == "1405151842000001"
    assert [f.original_name for f in row.files] == ["لایحه.pdf", "scan.png"]
    assert [f.content_type for f in row.files] == ["application/pdf", "image/png"]
    on_disk = stored_files(briefs_dir)
    assert sorted(p.name for p in on_disk) == sorted(f.stored_name for f in row.files)
    for item in row.files:  # stored under random names; hashes are of the stored bytes
        assert item.stored_name not in ("لایحه.pdf", "scan.png") and len(item.stored_name.split(".")[0]) == 32
        data = (briefs_dir / item.stored_name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item.sha256 and len(data) == item.size
    assert (briefs_dir / row.files[0].stored_name).read_bytes() == pdf_bytes  # PDFs are kept as sent


def test_the_sha256_is_over_the_canonical_manifest_anyone_can_rebuild(signed_in, pdf_bytes):
    client = signed_in()
    body = submit(client, files=[("a.pdf", pdf_bytes, "application/pdf")]).get_json()
    brief = client.get(f"/api/v1/briefs/{body['id']}").get_json()
    manifest = brief["manifest"]
    canonical = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    assert hashlib.sha256(canonical).hexdigest() == body["sha256"] == brief["sha256"]
    assert manifest["case_id"] == OPEN_CASE and manifest["tracking_code"] == body["tracking_code"]
    assert manifest["text_sha256"] == hashlib.sha256(brief["text"].encode()).hexdigest()
    assert manifest["files"] == [{"name": "a.pdf", "content_type": "application/pdf", "size": len(pdf_bytes),
                                  "sha256": hashlib.sha256(pdf_bytes).hexdigest()}]
    assert manifest["received_at"].endswith("Z") and body["received_at"].startswith(manifest["received_at"][:19])


def test_the_same_key_and_content_gets_the_same_answer_and_stores_nothing_more(signed_in, core_app, briefs_dir,
                                                                             pdf_bytes):
    client = signed_in()
    key = new_key()
    first = submit(client, key=key, files=[("a.pdf", pdf_bytes, "application/pdf")])
    files_after_first = stored_files(briefs_dir)
    again = submit(client, key=key, files=[("renamed.pdf", pdf_bytes, "application/pdf")])
    assert again.status_code == 202
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(brief_rows(core_app)) == 1
    assert stored_files(briefs_dir) == files_after_first


def test_the_same_key_with_other_content_is_a_409_and_changes_nothing(signed_in, core_app, briefs_dir, pdf_bytes):
    client = signed_in()
    key = new_key()
    first = submit(client, key=key, text="متن نخست", files=[("a.pdf", pdf_bytes, "application/pdf")])
    before = stored_files(briefs_dir)
    other_text = submit(client, key=key, text="متن دیگر", files=[("a.pdf", pdf_bytes, "application/pdf")])
    other_file = submit(client, key=key, text="متن نخست", files=[("a.pdf", make_pdf(3), "application/pdf")])
    other_case = submit(client, case_id="c-000002", key=key, text="متن نخست",
                        files=[("a.pdf", pdf_bytes, "application/pdf")])
    for response in (other_text, other_file, other_case):
        assert response.status_code == 409
        assert response.get_json()["code"] == "idempotency_conflict"
        assert response.mimetype == "application/problem+json"
    assert [r.id for r in brief_rows(core_app)] == [first.get_json()["id"]]
    assert stored_files(briefs_dir) == before


def test_keys_belong_to_one_citizen(signed_in, citizens, core_app):
    key = new_key()
    mine = submit(signed_in(citizens[0]), case_id="c-000002", key=key).get_json()
    theirs = submit(signed_in(citizens[3]), case_id="c-000002", key=key).get_json()  # a party of c-000002 too
    assert mine["id"] != theirs["id"]
    assert len(brief_rows(core_app)) == 2


def test_the_text_is_normalised_and_its_length_counted_after(signed_in, core_app):
    client = signed_in()
    raw = "بِسمِ الله ـــ متن علي با كاف عربي\r\nخط دوم"
    response = submit(client, text=raw)
    assert response.status_code == 202
    [row] = brief_rows(core_app)
    assert row.text == "بسم الله  متن علی با کاف عربی\nخط دوم"
    # 20,000 characters only after the diacritics are gone
    long_text = "ب" * 20_000 + "\u064e" * 50
    assert submit(client, text=long_text).status_code == 202


def test_photos_lose_their_gps_and_camera_metadata(signed_in, core_app, briefs_dir, jpeg_with_gps):
    png_with_gps = make_image("PNG", exif=gps_exif())
    assert Image.open(io.BytesIO(jpeg_with_gps)).getexif().get_ifd(0x8825)  # the fixture really has GPS
    client = signed_in()
    response = submit(client, files=[("photo.jpg", jpeg_with_gps, "image/jpeg"),
                                     ("screen.png", png_with_gps, "image/png")])
    assert response.status_code == 202
    [row] = brief_rows(core_app)
    for item in row.files:
        data = (briefs_dir / item.stored_name).read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            assert not exif.get_ifd(0x8825), "GPS left in the stored file"
            assert 0x010F not in exif and 0x0110 not in exif
            assert "exif" not in image.info
        assert b"Phone 15" not in data and b"PhoneMaker" not in data
        assert hashlib.sha256(data).hexdigest() == item.sha256


def test_a_rotated_photo_is_stored_upright(signed_in, core_app, briefs_dir):
    sideways = make_image("JPEG", (80, 40), orientation=6)  # "rotate 90° clockwise to view"
    response = submit(signed_in(), files=[("photo.jpeg", sideways, "image/jpeg")])
    assert response.status_code == 202
    [row] = brief_rows(core_app)
    with Image.open(briefs_dir / row.files[0].stored_name) as image:
        assert image.size == (40, 80)
        assert image.getexif().get(0x0112) in (None, 1)


def test_a_name_without_extension_gets_the_one_of_its_content(signed_in, core_app, pdf_bytes):
    response = submit(signed_in(), files=[("scan", pdf_bytes, "application/octet-stream")])
    assert response.status_code == 202
    assert brief_rows(core_app)[0].files[0].original_name == "scan.pdf"


def test_names_are_sanitised(signed_in, core_app, pdf_bytes):
    response = submit(signed_in(), files=[(".hidden \u202egpj.pdf", pdf_bytes, "application/pdf")])
    assert response.status_code == 202
    name = brief_rows(core_app)[0].files[0].original_name
    assert name == "hidden _gpj.pdf"


def test_a_brief_without_files_is_fine(signed_in, core_app):
    response = submit(signed_in(), text="فقط متن")
    assert response.status_code == 202
    assert brief_rows(core_app)[0].files == []


def test_another_citizens_case_is_404_and_nothing_is_stored(signed_in, citizens, core_app, briefs_dir, pdf_bytes):
    not_mine = next(cid for c in citizens[1:] for cid in c["case_ids"] if cid not in citizens[0]["case_ids"])
    response = submit(signed_in(citizens[0]), case_id=not_mine, files=[("a.pdf", pdf_bytes, "application/pdf")])
    assert response.status_code == 404
    assert response.get_json()["code"] == "brief_case_not_found"
    assert brief_rows(core_app) == [] and stored_files(briefs_dir) == []


def test_a_case_that_does_not_exist_or_has_a_strange_id_is_404(signed_in, core_app):
    client = signed_in()
    assert submit(client, case_id="c-999999").status_code == 404
    assert submit(client, case_id="c 1").status_code == 404
    assert brief_rows(core_app) == []


def test_a_closed_case_takes_no_brief(signed_in, core_app, briefs_dir, pdf_bytes):
    response = submit(signed_in(), case_id=CLOSED_CASE, files=[("a.pdf", pdf_bytes, "application/pdf")])
    assert response.status_code == 422
    assert response.get_json()["code"] == "brief_case_closed"
    assert brief_rows(core_app) == [] and stored_files(briefs_dir) == []


def test_when_the_core_is_down_the_brief_is_still_received(signed_in, sandbox, core_app):
    client = signed_in()
    sandbox.set_faults(down=True)
    response = submit(client)
    assert response.status_code == 202
    [row] = brief_rows(core_app)
    assert row.case_number is None and row.status == "received"


def test_signing_in_is_required(core_app):
    client = core_app.test_client()
    response = submit(client)
    assert response.status_code == 401
    assert brief_rows(core_app) == []


def test_the_csrf_header_is_required(signed_in, core_app):
    client = signed_in()
    response = client.post(f"/api/v1/cases/{OPEN_CASE}/briefs", data={"text": "متن"},
                           headers={"Idempotency-Key": new_key()}, content_type="multipart/form-data")
    assert response.status_code == 403
    assert brief_rows(core_app) == []


def test_my_briefs_lists_only_mine_newest_first(signed_in, citizens):
    me, other = signed_in(citizens[0]), signed_in(citizens[3])
    first = submit(me, text="نخست").get_json()
    second = submit(me, text="دوم").get_json()
    submit(other, case_id="c-000002", text="دیگری")
    listed = me.get("/api/v1/briefs").get_json()
    assert [b["id"] for b in listed] in ([second["id"], first["id"]], [first["id"], second["id"]])
    assert {b["id"] for b in listed} == {first["id"], second["id"]}
    assert all(b["status"] == "received" and b["file_count"] == 0 for b in listed)


def test_someone_elses_brief_is_404_in_every_view(signed_in, citizens):
    theirs = submit(signed_in(citizens[3]), case_id="c-000002").get_json()
    me = signed_in(citizens[0])
    for path in (f"/api/v1/briefs/{theirs['id']}", f"/api/v1/briefs/{theirs['id']}/receipt"):
        response = me.get(path)
        assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert me.get("/api/v1/briefs").get_json() == []


def test_the_receipt_page_is_printable_persian_with_every_hash(signed_in, pdf_bytes, png_bytes):
    client = signed_in()
    body = submit(client, files=[("لایحه.pdf", pdf_bytes, "application/pdf"),
                                 ("scan.png", png_bytes, "image/png")]).get_json()
    brief = client.get(f"/api/v1/briefs/{body['id']}").get_json()
    response = client.get(f"/api/v1/briefs/{body['id']}/receipt")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in html
    assert "رسید تقدیم لایحه" in html
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    assert body["tracking_code"].translate(digits) in html
    assert brief["case_number"].translate(digits) in html
    assert "آذر" in html or "۱۴۰" in html  # a Jalali date
    flat = html.replace(" ", "")
    assert body["sha256"] in flat
    for item in brief["files"]:
        assert item["sha256"] in flat and item["name"] in html
    assert "<style" not in html and "<script>" not in html and "style=" not in html  # the CSP allows neither
    assert "/static/briefs/receipt.css" in html
    assert "private" in response.headers["Cache-Control"]


def test_the_receipt_speaks_english_when_asked(signed_in):
    client = signed_in()
    body = submit(client).get_json()
    html = client.get(f"/api/v1/briefs/{body['id']}/receipt", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html and "Receipt of a brief" in html
    assert body["tracking_code"] in html


def test_the_receipt_stylesheet_is_served(client):
    response = client.get("/static/briefs/receipt.css")
    assert response.status_code == 200 and b"@media print" in response.data


def test_the_upload_is_documented_in_openapi(client):
    spec = client.get("/api/openapi.json").get_json()
    post = spec["paths"]["/api/v1/cases/{case_id}/briefs"]["post"]
    body = post["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert set(body["properties"]) == {"text", "files"} and body["properties"]["files"]["maxItems"] == 10
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in post["parameters"])
    assert {"202", "400", "401", "404", "409", "413", "422"} <= set(post["responses"])
    assert "application/problem+json" in post["responses"]["409"]["content"]
    assert {"/api/v1/briefs", "/api/v1/briefs/{brief_id}", "/api/v1/briefs/{brief_id}/receipt"} <= set(spec["paths"])


def test_a_submission_starts_its_forwarding_in_the_queue(signed_in):
    from bff.queue import huey

    huey.flush()
    body = submit(signed_in()).get_json()
    queued = [task for task in huey.pending() if task.name.endswith("forward_brief_to_core")]
    assert [task.args for task in queued] == [(body["id"],)]
    huey.flush()

