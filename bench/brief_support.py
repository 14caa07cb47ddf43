"""What the brief benchmarks share: the sandbox, the BFF under gunicorn on a fresh database, a signed-in
client, and generated submissions (PDFs and photos of a chosen size)."""

from __future__ import annotations

import contextlib
import io
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from sandbox.testing import submit_sign_in  # noqa: E402

CASE = "c-000001"  # the first sample citizen's case that takes briefs
MB = 1024 * 1024


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sandbox:
    """The sandbox in its own process (so it does not share the benchmark's interpreter lock)."""

    otp = "123456"

    def __init__(self, url: str):
        self.url = url

    def citizens(self) -> list[dict]:
        return httpx.get(self.url + "/sandbox/control/citizens", timeout=10).json()["citizens"]


@contextlib.contextmanager
def sandbox() -> Iterator[Sandbox]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SANDBOX_MODE": "test", "SANDBOX_OTP": Sandbox.otp, "SANDBOX_ISSUER": url}
    process = subprocess.Popen([sys.executable, "-m", "sandbox", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/sandbox/control", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the sandbox did not come up")
            time.sleep(0.2)
        yield Sandbox(url)
    finally:
        process.terminate()
        process.wait(10)


@contextlib.contextmanager
def own_schema(database_url: str | None) -> Iterator[str | None]:
    """For PostgreSQL, a schema of this run's own (dropped after), so nothing else in the database is touched."""
    if not database_url or not database_url.startswith(("postgresql:", "postgres:")):
        yield database_url
        return
    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(database_url.replace("postgresql:", "postgresql+psycopg:", 1))
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield database_url + ("&" if "?" in database_url else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@contextlib.contextmanager
def bff(core: Sandbox, *, workers: int, threads: int, database_url: str | None = None,
        extra_env: dict | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """The BFF under gunicorn on its own migrated database; yields (base URL, the master process)."""
    with tempfile.TemporaryDirectory(prefix="hamrah-bench-") as instance, own_schema(database_url) as database_url:
        port = free_port()
        env = {**os.environ, "APP_ENV": "test", "INSTANCE_PATH": instance, "LOG_LEVEL": "WARNING",
               "DATABASE_URL": database_url or f"sqlite:///{instance}/bench.sqlite3",
               "SECRET_KEY": "bench-secret-key-" + "z" * 32, "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
               "CORE_BASE_URL": core.url, "OIDC_ISSUER": core.url, "RATE_LIMIT_BRIEFS": "1000000 per minute",
               "RATE_LIMIT_LOGIN": "1000 per minute", "QUEUE_NAME": f"bench-{uuid.uuid4().hex[:8]}",
               **(extra_env or {})}
        subprocess.run([str(BIN / "flask"), "--app", "bff", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "bff:create_app()", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--threads", str(threads), "--timeout", "120"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the BFF did not come up")
                time.sleep(0.2)
            yield base, process
        finally:
            process.terminate()
            process.wait(15)


@contextlib.contextmanager
def signed_in(base: str, core: Sandbox, citizen: int = 0) -> Iterator[httpx.Client]:
    """An httpx client of the BFF, signed in as a sample citizen, with its CSRF cookie."""
    with httpx.Client(base_url=base, timeout=120) as client:
        national_code = core.citizens()[citizen]["national_code"]
        authorize = client.get("/auth/login", params={"next": "/"}).headers["Location"]
        with httpx.Client(timeout=10) as browser:
            callback = submit_sign_in(browser, authorize, national_code, core.otp).headers["Location"]
        parts = urlsplit(callback)
        client.get(f"{parts.path}?{parts.query}")
        client.get("/api/v1/me")
        yield client


def pdf_of_size(size: int, seed: int = 1) -> bytes:
    """A valid one-page PDF of about ``size`` bytes (an attachment of incompressible bytes inside)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("scan.bin", random.Random(seed).randbytes(max(0, size - 1200)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def photo(width: int = 2000, height: int = 1500, seed: int = 1, quality: int = 90, detail: int = 48) -> bytes:
    """A phone-like JPEG with camera EXIF: smooth random texture (``detail`` px cells), so it compresses
    like a photo of a document rather than like noise."""
    from PIL import Image

    rng = random.Random(seed)
    cells = Image.frombytes("RGB", (detail, detail), rng.randbytes(detail * detail * 3))
    tile = cells.resize((512, 512), Image.Resampling.BICUBIC)
    image = Image.new("RGB", (width, height))
    for x in range(0, width, 512):
        for y in range(0, height, 512):
            image.paste(tile, (x, y))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif.tobytes())
    return buffer.getvalue()


def submit(client: httpx.Client, files: list[tuple[str, bytes | io.IOBase, str]], text: str = "متن لایحه برای سنجش",
           case: str = CASE) -> httpx.Response:
    # The text as a multipart part of its own, so a brief without files is multipart too.
    parts = [("text", (None, text.encode(), "text/plain; charset=utf-8")), *(("files", f) for f in files)]
    return client.post(f"/api/v1/cases/{case}/briefs", files=parts,
                       headers={"Idempotency-Key": str(uuid.uuid4()), "X-CSRF-Token": client.cookies["csrf_token"]})
