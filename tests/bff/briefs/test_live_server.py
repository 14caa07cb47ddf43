"""Over real HTTP, with threads: 20 concurrent requests with one key, an early 413, a streamed upload."""

from __future__ import annotations

import contextlib
import socket
import threading
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx
from werkzeug.serving import WSGIRequestHandler, make_server

from bff.briefs import upload as limits
from sandbox.testing import submit_sign_in
from tests.bff.briefs.conftest import OPEN_CASE, brief_rows, make_image, make_pdf, new_key, stored_files


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


@contextlib.contextmanager
def live(app):
    """The app on a free loopback port in a threaded server (each request on its own thread)."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextlib.contextmanager
def signed_in_http(base: str, sandbox, national_code: str):
    """An httpx client of the live server, signed in through the sandbox like a browser."""
    with httpx.Client(base_url=base, timeout=30) as client:
        authorize = client.get("/auth/login", params={"next": "/"}).headers["Location"]
        with httpx.Client(timeout=10) as browser:
            callback = submit_sign_in(browser, authorize, national_code, sandbox.otp).headers["Location"]
        parts = urlsplit(callback)
        assert client.get(f"{parts.path}?{parts.query}").status_code == 302
        client.get("/api/v1/me")  # a csrf_token cookie for this session
        yield client


def post_brief(client: httpx.Client, key: str, text: str, files: list[tuple[str, bytes, str]]) -> httpx.Response:
    return client.post(f"/api/v1/cases/{OPEN_CASE}/briefs", data={"text": text},
                       files=[("files", f) for f in files],
                       headers={"Idempotency-Key": key, "X-CSRF-Token": client.cookies["csrf_token"]})


def test_twenty_concurrent_requests_with_one_key_make_one_brief(core_app, sandbox, citizens, briefs_dir):
    attachments = [("a.pdf", make_pdf(3), "application/pdf"), ("b.png", make_image("PNG", (400, 300)), "image/png")]
    key = new_key()
    with live(core_app) as base, signed_in_http(base, sandbox, citizens[0]["national_code"]) as client:
        barrier = threading.Barrier(20)

        def one(_):
            barrier.wait()
            return post_brief(client, key, "لایحه‌ای که بیست بار با هم فرستاده شد", attachments)

        with ThreadPoolExecutor(20) as pool:
            responses = list(pool.map(one, range(20)))
    assert [r.status_code for r in responses] == [202] * 20, [r.text[:200] for r in responses if r.status_code != 202]
    bodies = {r.text for r in responses}
    assert len(bodies) == 1  # every request got the very same answer
    assert sorted(r.headers["Idempotent-Replayed"] for r in responses) == ["false"] + ["true"] * 19
    [row] = brief_rows(core_app)
    assert len(row.files) == 2
    assert sorted(p.name for p in stored_files(briefs_dir)) == sorted(f.stored_name for f in row.files)


def test_a_body_declared_over_the_limit_is_answered_413_without_being_read(core_app, sandbox, citizens):
    with live(core_app) as base, signed_in_http(base, sandbox, citizens[0]["national_code"]) as client:
        cookies = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
        port = urlsplit(base).port
        head = (f"POST /api/v1/cases/{OPEN_CASE}/briefs HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Cookie: {cookies}\r\nX-CSRF-Token: {client.cookies['csrf_token']}\r\n"
                f"Idempotency-Key: {new_key()}\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                f"Content-Length: {limits.MAX_REQUEST_BYTES + 1}\r\nConnection: close\r\n\r\n")
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(head.encode())  # the headers only: 25 MB never leave the client
            answer = sock.recv(4096).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "brief_files_too_large" in answer or "Content-Length" in answer
    assert brief_rows(core_app) == []


def test_a_10_mb_upload_is_streamed_not_held_in_memory(core_app, sandbox, citizens, tmp_path, monkeypatch):
    import random

    from pypdf import PdfWriter

    from bff.briefs import service

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("scan.bin", random.Random(1).randbytes(10 * 1024 * 1024 - 2048))
    path = tmp_path / "big.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    del writer
    peaks = []
    submit = service.submit

    def measured(*args, **kwargs):
        # Werkzeug's development server preallocates 10 MB to drain finished requests (the sandbox's
        # among them), so the measure is taken inside the view, with the case check answered locally.
        tracemalloc.reset_peak()
        try:
            return submit(*args, **kwargs)
        finally:
            peaks.append(tracemalloc.get_traced_memory()[1])

    monkeypatch.setattr(service, "submit", measured)
    monkeypatch.setattr(service, "check_case", lambda citizen, case_id: {"case_number": None, "case_title": None})
    with live(core_app) as base, signed_in_http(base, sandbox, citizens[0]["national_code"]) as client:
        tracemalloc.start()
        try:
            with path.open("rb") as fh:  # httpx streams the file from disk
                response = client.post(f"/api/v1/cases/{OPEN_CASE}/briefs", data={"text": "لایحه"},
                                       files=[("files", ("big.pdf", fh, "application/pdf"))],
                                       headers={"Idempotency-Key": new_key(),
                                                "X-CSRF-Token": client.cookies["csrf_token"]})
        finally:
            tracemalloc.stop()
    assert response.status_code == 202, response.text
    size = path.stat().st_size
    assert peaks and peaks[0] < size / 4, f"peak Python allocations {peaks[0] / 1e6:.1f} MB for {size / 1e6:.1f} MB"
