"""A brief's upload: the multipart body streamed to disk while hashed, then every file judged by its content.

- The body is decoded part by part (Werkzeug's sans-I/O multipart decoder) and each file is written in
  64 KB chunks to a staging file under ``<briefs_dir>/.incoming/`` while its SHA-256 is computed, so a
  25 MB upload never sits in memory. Count and size limits are enforced while the bytes arrive.
- The ``text`` part is kept as raw bytes and decoded strictly: invalid UTF-8 is refused, not replaced.
- A file's kind comes from its bytes (``filetype``), never from its name or declared type: PDF, JPEG and
  PNG only, and a known extension in the name must agree with the content.
- PDFs must not also be ZIP archives (a PDF+ZIP polyglot), must end with ``%%EOF`` (not truncated), must
  parse with pypdf, must not be encrypted and have at most 100 pages. They are stored as sent.
- Images are checked for their pixel count from the header *before* decoding (decompression bombs),
  then fully decoded and re-encoded without EXIF/XMP/text metadata (phone photos carry GPS); the EXIF
  orientation is applied first so the picture still stands upright. The ICC colour profile is kept.
- Stored names are random (``<32 hex>.<ext>``); the citizen's file name is only ever data.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import threading
import time
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import filetype
from PIL import Image, ImageOps
from pypdf import PdfReader
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.http import parse_options_header
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from bff.dates import fa_digits
from bff.errors import Problem
from bff.i18n import current_language, t

MB = 1024 * 1024
MAX_FILES = 10
MAX_FILE_BYTES = 10 * MB
MAX_TOTAL_BYTES = 25 * MB
MAX_TEXT_CHARS = 20_000
# A character is at most 4 bytes of UTF-8; normalisation only removes characters.
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 1024
MAX_PDF_PAGES = 100
MAX_IMAGE_PIXELS = 40_000_000
# The whole request: files, text and multipart overhead.
MAX_REQUEST_BYTES = MAX_TOTAL_BYTES + MAX_TEXT_BYTES + 256 * 1024
CHUNK = 64 * 1024

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: ("pdf",), JPEG: ("jpg", "jpeg"), PNG: ("png",)}
PIL_FORMATS = {JPEG: ("JPEG", "MPO"), PNG: ("PNG",)}
KNOWN_EXTENSIONS = {ext for exts in EXTENSIONS.values() for ext in exts}

# Pillow refuses to open anything above twice this many pixels (DecompressionBombError); we refuse
# above it ourselves, from the header, before any decoding.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

_UNSAFE_IN_NAME = re.compile(r'[<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_NAME_CHARS = 120


def number(value: int) -> str:
    """A number as the request's language writes it: «۲۰٬۰۰۰» / "20,000"."""
    text = f"{value:,}"
    return fa_digits(text.replace(",", "٬")) if current_language() == "fa" else text


def file_problem(status: int, code: str, index: int, name: str, **params) -> Problem:
    """A problem naming the file (``files.<index>`` in ``errors``) and what is wrong with it."""
    params = {"name": name, "number": number(index + 1),
              **{k: number(v) if isinstance(v, int) else v for k, v in params.items()}}
    return Problem(status, code, params=params, errors={f"files.{index}": [t(f"errors.{code}.detail", **params)]})


def text_problem(code: str, **params) -> Problem:
    params = {k: number(v) if isinstance(v, int) else v for k, v in params.items()}
    return Problem(422, code, params=params, errors={"text": [t(f"errors.{code}.detail", **params)]})


def files_problem(status: int, code: str, **params) -> Problem:
    params = {k: number(v) if isinstance(v, int) else v for k, v in params.items()}
    return Problem(status, code, params=params, errors={"files": [t(f"errors.{code}.detail", **params)]})


# -- receiving --------------------------------------------------------------------------------------


@dataclass
class IncomingFile:
    """One uploaded file on its way to the staging folder, hashed as it is written."""

    index: int
    raw_name: str
    path: Path
    size: int = 0
    head: bytes = b""
    _hash: hashlib._Hash = field(default_factory=hashlib.sha256, repr=False)
    _fh: object = field(default=None, repr=False)

    def write(self, chunk: bytes) -> None:
        if self._fh is None:
            self._fh = open(self.path, "xb")  # noqa: SIM115 (closed in finish/discard)
        self._fh.write(chunk)
        self._hash.update(chunk)
        if len(self.head) < 512:
            self.head += chunk[: 512 - len(self.head)]
        self.size += len(chunk)

    def finish(self) -> None:
        if self._fh is None:
            self._fh = open(self.path, "xb")  # noqa: SIM115
        self._fh.close()

    def discard(self) -> None:
        if self._fh is not None and not self._fh.closed:
            self._fh.close()
        self.path.unlink(missing_ok=True)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()


@dataclass
class Upload:
    """What the body held: the text's raw bytes and the files, in order, staged on disk."""

    text: bytes | None = None
    files: list[IncomingFile] = field(default_factory=list)

    def discard(self) -> None:
        for incoming in self.files:
            incoming.discard()


def staging_dir(briefs_dir: Path) -> Path:
    path = briefs_dir / ".incoming"
    path.mkdir(parents=True, exist_ok=True)
    return path


def receive(stream, content_type: str | None, briefs_dir: Path) -> Upload:
    """Decode a multipart/form-data body from ``stream`` into an Upload, files streamed to disk.

    Raises Problem for a body that is not multipart, has unknown or repeated parts, or breaks a limit;
    whatever was staged is removed before the problem leaves.
    """
    mimetype, options = parse_options_header(content_type or "")
    boundary = options.get("boundary", "").encode("latin-1", "replace")
    if mimetype != "multipart/form-data" or not boundary:
        raise Problem(400, "brief_body_invalid")
    decoder = MultipartDecoder(boundary, max_form_memory_size=None, max_parts=MAX_FILES + 8)
    upload = Upload()
    staging = staging_dir(briefs_dir)
    total = 0
    part = None
    text_chunks: list[bytes] = []
    text_size = 0
    try:
        while True:
            chunk = stream.read(CHUNK)
            decoder.receive_data(chunk or None)
            event = decoder.next_event()
            while not isinstance(event, Epilogue | NeedData):
                if isinstance(event, File):
                    if event.name != "files":
                        raise Problem(422, "validation_failed", errors={event.name or "_": ["unknown field"]})
                    if len(upload.files) >= MAX_FILES:
                        raise files_problem(422, "brief_too_many_files", max=MAX_FILES)
                    part = IncomingFile(len(upload.files), event.filename or "",
                                        staging / f"{secrets.token_hex(16)}.part")
                    upload.files.append(part)
                elif isinstance(event, Field):
                    if event.name != "text" or upload.text is not None or text_chunks:
                        name = event.name or "_"
                        raise Problem(422, "validation_failed", errors={name: ["unknown or repeated field"]})
                    part = "text"
                elif isinstance(event, Data):
                    if part == "text":
                        text_size += len(event.data)
                        if text_size > MAX_TEXT_BYTES:
                            raise text_problem("brief_text_too_long", max=MAX_TEXT_CHARS)
                        text_chunks.append(event.data)
                        if not event.more_data:
                            upload.text = b"".join(text_chunks)
                    elif isinstance(part, IncomingFile):
                        part.write(event.data)
                        total += len(event.data)
                        if part.size > MAX_FILE_BYTES:
                            raise file_problem(413, "brief_file_too_large", part.index, _display(part.raw_name),
                                               max_mb=MAX_FILE_BYTES // MB)
                        if total > MAX_TOTAL_BYTES:
                            raise files_problem(413, "brief_files_too_large", max_mb=MAX_TOTAL_BYTES // MB)
                        if not event.more_data:
                            part.finish()
                event = decoder.next_event()
            if isinstance(event, Epilogue) or not chunk:
                break
        # An empty file input of an HTML form arrives as a part without a name or content: not a file.
        for empty in [f for f in upload.files if not f.raw_name and f.size == 0]:
            empty.discard()
            upload.files.remove(empty)
        for index, incoming in enumerate(upload.files):
            incoming.index = index
    except RequestEntityTooLarge:
        upload.discard()
        raise
    except Problem:
        upload.discard()
        raise
    except ValueError:  # a broken multipart body, or one that ends early
        upload.discard()
        raise Problem(400, "brief_body_invalid") from None
    except BaseException:
        upload.discard()
        raise
    return upload


def _display(name: str) -> str:
    """A file name safe to echo in a message."""
    return _CONTROL.sub("", name)[:MAX_NAME_CHARS] or "—"


# -- text -------------------------------------------------------------------------------------------


def decode_text(raw: bytes | None) -> str:
    """The brief's text: strict UTF-8, no NUL or other control characters except tab and line breaks,
    normalised (the one Persian normaliser), line endings as LF, 1–20,000 characters."""
    from bff.text import normalise_persian

    if raw is None:
        raise text_problem("brief_text_missing")
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise text_problem("brief_text_encoding") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        raise text_problem("brief_text_characters")
    text = unicodedata.normalize("NFC", normalise_persian(text))
    if not text.strip():
        raise text_problem("brief_text_missing")
    if len(text) > MAX_TEXT_CHARS:
        raise text_problem("brief_text_too_long", max=MAX_TEXT_CHARS)
    return text


# -- names ------------------------------------------------------------------------------------------


def sanitise_name(raw: str, index: int, kind: str) -> str:
    """The citizen's file name as we keep it: no path, no control or direction-override characters,
    at most 120 characters, with an extension that matches the content.

    A name that tries to be a path (``../../etc/passwd.pdf``, ``C:\\x.pdf``) is refused, as is a known
    extension that disagrees with the content (a PNG called ``.pdf``); a name without an extension
    gets the right one.
    """
    shown = _display(raw)
    if _CONTROL.search(raw) or "/" in raw or "\\" in raw or raw.strip() in {".", ".."}:
        raise file_problem(422, "brief_file_name", index, shown)
    name = unicodedata.normalize("NFC", raw).strip()
    name = _UNSAFE_IN_NAME.sub("_", name).lstrip(". ")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = extension.lower()
    if extension and extension not in EXTENSIONS[kind]:
        raise file_problem(422, "brief_file_type_mismatch", index, shown,
                           expected=EXTENSIONS[kind][0].upper())
    stem = stem.strip() or f"attachment-{index + 1}"
    extension = extension or EXTENSIONS[kind][0]
    return f"{stem[: MAX_NAME_CHARS - len(extension) - 1]}.{extension}"


# -- content ----------------------------------------------------------------------------------------


@dataclass
class StoredFile:
    """A checked, cleaned file in the briefs folder, ready to be recorded."""

    position: int
    original_name: str
    stored_name: str
    content_type: str
    size: int
    sha256: str
    path: Path

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def sniff(incoming: IncomingFile) -> str:
    """PDF, JPEG or PNG from the first bytes; anything else is refused."""
    name = _display(incoming.raw_name)
    if incoming.size == 0:
        raise file_problem(422, "brief_file_empty", incoming.index, name)
    kind = filetype.guess_mime(incoming.head)
    if kind not in EXTENSIONS:
        raise file_problem(422, "brief_file_type", incoming.index, name)
    return kind


def check_pdf(path: Path, index: int, name: str) -> int:
    """The page count of a PDF we accept; Problem for a polyglot, truncated, broken or encrypted one."""
    if zipfile.is_zipfile(path):
        raise file_problem(422, "brief_pdf_polyglot", index, name)
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 2048))
        if b"%%EOF" not in fh.read():
            raise file_problem(422, "brief_pdf_unreadable", index, name)
        fh.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reader = PdfReader(fh, strict=False)
                if reader.is_encrypted:
                    raise file_problem(422, "brief_pdf_encrypted", index, name)
                pages = len(reader.pages)
                if pages > MAX_PDF_PAGES:
                    raise file_problem(422, "brief_pdf_too_many_pages", index, name, max=MAX_PDF_PAGES)
                for page in reader.pages:
                    page.mediabox  # noqa: B018  (every page object must resolve)
        except Problem:
            raise
        except Exception:  # pypdf raises many kinds of errors on malformed input
            raise file_problem(422, "brief_pdf_unreadable", index, name) from None
    if pages == 0:
        raise file_problem(422, "brief_pdf_unreadable", index, name)
    return pages


# Decoding a 40-megapixel photo takes ~120 MB (3 bytes a pixel) for a moment: one image at a time per
# process keeps a worker's peak near that whatever the number of concurrent uploads.
_DECODING = threading.BoundedSemaphore(1)


def clean_image(source: Path, target: Path, kind: str, index: int, name: str) -> None:
    """Decode the image (after checking its size from the header) and write it again without metadata."""
    with _DECODING:
        _clean_image(source, target, kind, index, name)


def _clean_image(source: Path, target: Path, kind: str, index: int, name: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source, formats=PIL_FORMATS[kind]) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise file_problem(422, "brief_image_too_large", index, name,
                                       max_mp=MAX_IMAGE_PIXELS // 1_000_000)
                image.load()
                icc = image.info.get("icc_profile")
                orientation = image.getexif().get(0x0112, 1)
                if kind == JPEG:
                    if orientation not in (None, 1):
                        upright = ImageOps.exif_transpose(image)
                        upright.save(target, "JPEG", quality=92, icc_profile=icc)
                    else:
                        # The original quantisation tables and subsampling: no visible loss.
                        image.save(target, "JPEG", quality="keep", icc_profile=icc)
                else:
                    upright = ImageOps.exif_transpose(image) if orientation not in (None, 1) else image
                    upright.save(target, "PNG", icc_profile=icc)
    except Problem:
        target.unlink(missing_ok=True)
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        target.unlink(missing_ok=True)
        raise file_problem(422, "brief_image_too_large", index, name, max_mp=MAX_IMAGE_PIXELS // 1_000_000) from None
    except Exception:  # truncated, corrupt, or not what it claimed
        target.unlink(missing_ok=True)
        raise file_problem(422, "brief_image_unreadable", index, name) from None


def store(incoming: IncomingFile, briefs_dir: Path) -> StoredFile:
    """Check one staged file by its content and move (PDF) or re-encode (image) it into the briefs folder."""
    kind = sniff(incoming)
    shown = _display(incoming.raw_name)
    original_name = sanitise_name(incoming.raw_name, incoming.index, kind)
    stored_name = f"{secrets.token_hex(16)}.{EXTENSIONS[kind][0]}"
    target = briefs_dir / stored_name
    if kind == PDF:
        check_pdf(incoming.path, incoming.index, shown)
        os.replace(incoming.path, target)
        size, digest = incoming.size, incoming.sha256
    else:
        clean_image(incoming.path, target, kind, incoming.index, shown)
        incoming.discard()
        size, digest = hash_file(target)
    return StoredFile(incoming.index, original_name, stored_name, kind, size, digest, target)


def store_all(upload: Upload, briefs_dir: Path) -> list[StoredFile]:
    """Every file of the upload checked and stored, or none of them (Problem names the first bad one)."""
    stored: list[StoredFile] = []
    try:
        for incoming in upload.files:
            stored.append(store(incoming, briefs_dir))
    except BaseException:
        for item in stored:
            item.discard()
        upload.discard()
        raise
    return stored


def hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


# -- housekeeping -----------------------------------------------------------------------------------


def remove_orphans(briefs_dir: Path, known: set[str], older_than_seconds: int = 3600) -> int:
    """Delete staged uploads and stored files no brief refers to (left by a crash between writing a file
    and committing its brief), once they are older than an hour so no upload in flight is touched."""
    if not briefs_dir.is_dir():
        return 0
    cutoff = time.time() - older_than_seconds
    removed = 0
    candidates = list(briefs_dir.iterdir())
    incoming = briefs_dir / ".incoming"
    if incoming.is_dir():
        candidates += list(incoming.iterdir())
    for path in candidates:
        if not path.is_file() or path.name in known:
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed
