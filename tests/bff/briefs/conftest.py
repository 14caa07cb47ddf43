"""Fixtures of the brief tests: files generated in code (good and hostile ones) and a submit helper."""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from tests.support import csrf_headers

OPEN_CASE = "c-000001"  # the demo citizen's case that takes briefs
CLOSED_CASE = "c-000006"  # the demo citizen's closed case


def make_pdf(pages: int = 1, *, encrypt: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "لایحه نمونه"})
    if encrypt is not None:
        writer.encrypt(user_password=encrypt, owner_password=encrypt + "-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (35.0, 41.0, 21.0)  # Tehran
    gps[3] = "E"
    gps[4] = (51.0, 23.0, 20.0)
    return exif


def make_image(fmt: str = "PNG", size: tuple[int, int] = (64, 48), *, exif: Image.Exif | None = None,
               orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    for x in range(size[0] // 2):  # a left half in another colour, to tell a rotation
        for y in range(size[1]):
            image.putpixel((x, y), (20, 20, 220))
    exif = exif if exif is not None else Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=exif.tobytes() if len(exif) or exif.get_ifd(0x8825) else b"")
    return buffer.getvalue()


def make_bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny PNG whose header claims 10 gigapixels: the pixel data is a few bytes of zlib."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
            + chunk(b"IEND", b""))


def make_polyglot() -> bytes:
    """A valid PDF with a ZIP archive appended: a PDF reader and an unzip tool both open it."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("payload.txt", "not what it seems")
    return make_pdf() + archive.getvalue()


@pytest.fixture
def pdf_bytes() -> bytes:
    return make_pdf(2)


@pytest.fixture
def png_bytes() -> bytes:
    return make_image("PNG")


@pytest.fixture
def jpeg_with_gps() -> bytes:
    return make_image("JPEG", (80, 60), exif=gps_exif())


def new_key() -> str:
    return str(uuid.uuid4())


def submit(client, case_id: str = OPEN_CASE, text: str | bytes | None = "متن لایحه برای دادگاه.",
           files: list[tuple[str, bytes, str]] | None = None, key: str | None = "new", headers: dict | None = None,
           **kwargs):
    """POST a brief with the test client; files as (name, bytes, declared type)."""
    data: dict = {}
    if text is not None:
        data["text"] = text if isinstance(text, str) else (io.BytesIO(text), None)
    if files:
        data["files"] = [(io.BytesIO(content), name, declared) for name, content, declared in files]
    all_headers = {**csrf_headers(client), **(headers or {})}
    if key == "new":
        key = new_key()
    if key is not None:
        all_headers["Idempotency-Key"] = key
    return client.post(f"/api/v1/cases/{case_id}/briefs", data=data, headers=all_headers,
                       content_type="multipart/form-data", **kwargs)


@pytest.fixture
def briefs_dir(core_app) -> Path:
    with core_app.app_context():
        from bff.briefs.storage import briefs_dir

        return briefs_dir()


@pytest.fixture(autouse=True)
def _empty_briefs_dir(request):
    """Each test starts with an empty briefs folder (files of earlier tests would blur 'nothing stored')."""
    if "core_app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("core_app")
    with app.app_context():
        from bff.briefs.storage import briefs_dir

        directory = briefs_dir()
    for path in [*directory.glob("*"), *directory.glob(".incoming/*")]:
        if path.is_file():
            path.unlink()
    yield


def stored_files(directory: Path) -> list[Path]:
    """Every file in the briefs folder, staged uploads included."""
    return sorted(p for p in [*directory.glob("*"), *directory.glob(".incoming/*")] if p.is_file())


def brief_rows(app) -> list:
    from bff.briefs.models import Brief
    from bff.platform.db import db

    with app.app_context():
        rows = db.session.query(Brief).all()
        for row in rows:
            _ = row.files
        db.session.expunge_all()
        db.session.remove()
        return rows
