"""A brief's upload: the multipart body streamed to disk while hashed, and the text decoded strictly.

- The body is decoded part by part (Werkzeug's sans-I/O multipart decoder) and each file is written in
  64 KB chunks to a staging file under ``<briefs_dir>/.incoming/`` while its SHA-256 is computed, so a
  25 MB upload never sits in memory. Count and size limits are enforced while the bytes arrive.
- The ``text`` part is kept as raw bytes and decoded strictly: invalid UTF-8 is refused, not replaced.

What each file is allowed to be is judged afterwards, by its content (``content.py``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.http import parse_options_header
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from bff.platform.errors import Problem
from bff.platform.i18n import current_language, t
from bff.platform.text import normalise_persian
from bff.platform.text import number as localised_number

MB = 1024 * 1024
MAX_FILES = 10
MAX_FILE_BYTES = 10 * MB
MAX_TOTAL_BYTES = 25 * MB
MAX_TEXT_CHARS = 20_000
# A character is at most 4 bytes of UTF-8; normalisation only removes characters.
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 1024
# The whole request: files, text and multipart overhead.
MAX_REQUEST_BYTES = MAX_TOTAL_BYTES + MAX_TEXT_BYTES + 256 * 1024
CHUNK = 64 * 1024

CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # in a file name
MAX_NAME_CHARS = 120


def number(value: int) -> str:
    """A number as the request's language writes it: «۲۰٬۰۰۰» / "20,000"."""
    return localised_number(value, current_language())


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
    receiver = _Receiver(MultipartDecoder(boundary, max_form_memory_size=None, max_parts=MAX_FILES + 8),
                         staging_dir(briefs_dir))
    try:
        receiver.read(stream)
    except (RequestEntityTooLarge, Problem):
        receiver.upload.discard()
        raise
    except ValueError:  # a broken multipart body, or one that ends early
        receiver.upload.discard()
        raise Problem(400, "brief_body_invalid") from None
    except BaseException:
        receiver.upload.discard()
        raise
    return receiver.upload


class _Receiver:
    """The body's parts as they arrive: files to staging files, the text to memory, limits checked."""

    def __init__(self, decoder: MultipartDecoder, staging: Path):
        self.decoder = decoder
        self.staging = staging
        self.upload = Upload()
        self.part: IncomingFile | str | None = None
        self.total = 0
        self.text_chunks: list[bytes] = []
        self.text_size = 0

    def read(self, stream) -> None:
        while True:
            chunk = stream.read(CHUNK)
            self.decoder.receive_data(chunk or None)
            event = self.decoder.next_event()
            while not isinstance(event, Epilogue | NeedData):
                self.take(event)
                event = self.decoder.next_event()
            if isinstance(event, Epilogue) or not chunk:
                break
        files = self.upload.files
        # An empty file input of an HTML form arrives as a part without a name or content: not a file.
        for empty in [f for f in files if not f.raw_name and f.size == 0]:
            empty.discard()
            files.remove(empty)
        for index, incoming in enumerate(files):
            incoming.index = index

    def take(self, event) -> None:
        if isinstance(event, File):
            if event.name != "files":
                raise Problem(422, "validation_failed", errors={event.name or "_": ["unknown field"]})
            if len(self.upload.files) >= MAX_FILES:
                raise files_problem(422, "brief_too_many_files", max=MAX_FILES)
            self.part = IncomingFile(len(self.upload.files), event.filename or "",
                                     self.staging / f"{secrets.token_hex(16)}.part")
            self.upload.files.append(self.part)
        elif isinstance(event, Field):
            if event.name != "text" or self.upload.text is not None or self.text_chunks:
                raise Problem(422, "validation_failed", errors={event.name or "_": ["unknown or repeated field"]})
            self.part = "text"
        elif isinstance(event, Data):
            if self.part == "text":
                self.text(event)
            elif isinstance(self.part, IncomingFile):
                self.file(self.part, event)

    def text(self, event: Data) -> None:
        self.text_size += len(event.data)
        if self.text_size > MAX_TEXT_BYTES:
            raise text_problem("brief_text_too_long", max=MAX_TEXT_CHARS)
        self.text_chunks.append(event.data)
        if not event.more_data:
            self.upload.text = b"".join(self.text_chunks)

    def file(self, part: IncomingFile, event: Data) -> None:
        part.write(event.data)
        self.total += len(event.data)
        if part.size > MAX_FILE_BYTES:
            raise file_problem(413, "brief_file_too_large", part.index, shown_name(part.raw_name),
                               max_mb=MAX_FILE_BYTES // MB)
        if self.total > MAX_TOTAL_BYTES:
            raise files_problem(413, "brief_files_too_large", max_mb=MAX_TOTAL_BYTES // MB)
        if not event.more_data:
            part.finish()


def shown_name(name: str) -> str:
    """A file name safe to echo in a message."""
    return CONTROL.sub("", name)[:MAX_NAME_CHARS] or "—"


# -- text -------------------------------------------------------------------------------------------


def decode_text(raw: bytes | None) -> str:
    """The brief's text: strict UTF-8, no NUL or other control characters except tab and line breaks,
    normalised (the one Persian normaliser), line endings as LF, 1–20,000 characters."""
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

