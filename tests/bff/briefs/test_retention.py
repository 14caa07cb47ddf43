"""Attachments are deleted a set number of days after registration; the receipt stays; strays are cleaned."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bff.briefs.models import Brief
from bff.platform.db import db
from tests.bff.briefs.conftest import brief_rows, make_pdf, stored_files, submit


def run_cleanup(app, now: datetime | None = None) -> dict:
    with app.app_context():
        from bff.briefs.storage import delete_expired_files

        result = delete_expired_files(now)
        db.session.remove()
        return result


def set_status(app, brief_id: str, **values) -> None:
    with app.app_context():
        db.session.execute(update(Brief).where(Brief.id == brief_id).values(**values))
        db.session.commit()
        db.session.remove()


def test_files_go_n_days_after_registration_and_the_receipt_stays(signed_in, core_app, briefs_dir):
    client = signed_in()
    days = core_app.extensions["settings"].brief_file_retention_days
    old = submit(client, files=[("old.pdf", make_pdf(), "application/pdf")]).get_json()
    recent = submit(client, files=[("recent.pdf", make_pdf(2), "application/pdf")]).get_json()
    now = datetime.now(UTC)
    set_status(core_app, old["id"], status="registered", registered_at=now - timedelta(days=days, hours=1))
    set_status(core_app, recent["id"], status="registered", registered_at=now - timedelta(days=days - 1))
    assert run_cleanup(core_app)["briefs"] == 1
    rows = {r.id: r for r in brief_rows(core_app)}
    assert rows[old["id"]].files_deleted_at is not None and rows[recent["id"]].files_deleted_at is None
    remaining = {p.name for p in stored_files(briefs_dir)}
    assert remaining == {f.stored_name for f in rows[recent["id"]].files}
    receipt = client.get(f"/api/v1/briefs/{old['id']}/receipt")
    assert receipt.status_code == 200
    html = receipt.get_data(as_text=True)
    assert "پاک شد" in html and rows[old["id"]].files[0].sha256 in html.replace(" ", "")
    assert client.get(f"/api/v1/briefs/{old['id']}").get_json()["files_deleted_at"] is not None


def test_files_of_a_brief_not_yet_at_the_court_are_never_deleted(signed_in, core_app, briefs_dir):
    submit(signed_in(), files=[("a.pdf", make_pdf(), "application/pdf")])
    far_future = datetime.now(UTC) + timedelta(days=3650)
    assert run_cleanup(core_app, far_future)["briefs"] == 0
    assert len(stored_files(briefs_dir)) == 1


def test_files_of_a_rejected_brief_go_after_the_same_period(signed_in, core_app, briefs_dir):
    body = submit(signed_in(), files=[("a.pdf", make_pdf(), "application/pdf")]).get_json()
    days = core_app.extensions["settings"].brief_file_retention_days
    set_status(core_app, body["id"], status="rejected", rejection_code="case_closed",
               rejected_at=datetime.now(UTC) - timedelta(days=days + 1))
    assert run_cleanup(core_app)["briefs"] == 1
    assert stored_files(briefs_dir) == []


def test_stray_files_older_than_an_hour_are_removed_fresh_ones_kept(signed_in, core_app, briefs_dir):
    submit(signed_in(), files=[("kept.pdf", make_pdf(), "application/pdf")])
    [kept] = stored_files(briefs_dir)
    old_stray = briefs_dir / "0123456789abcdef0123456789abcdef.pdf"
    old_staged = briefs_dir / ".incoming" / "feedfacefeedfacefeedfacefeedface.part"
    fresh_staged = briefs_dir / ".incoming" / "00000000000000000000000000000000.part"
    for path in (old_stray, old_staged, fresh_staged):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"left over by a crash")
    two_hours_ago = time.time() - 7200
    for path in (old_stray, old_staged, kept):
        os.utime(path, (two_hours_ago, two_hours_ago))
    assert run_cleanup(core_app)["orphans"] == 2
    assert set(stored_files(briefs_dir)) == {kept, fresh_staged}
