"""What a brief's file may be, judged by its content, never by its name or declared type.

- A file's kind comes from its bytes (``filetype``): PDF, JPEG and PNG only, and a known extension in the
  name must agree with the content.
- PDFs must not also be ZIP archives (a PDF+ZIP polyglot), must end with ``%%EOF`` (not truncated), must
  parse with pypdf, must not be encrypted and have at most 100 pages. They are stored as sent.
- Images are checked for their pixel count from the header *before* decoding (decompression bombs),
  then fully decoded and re-encoded without EXIF/XMP/text metadata (phone photos carry GPS); the EXIF
  orientation is applied first so the picture still stands upright. The ICC colour profile is kept.
- The citizen's file name is only ever data: no path, no control or direction-override characters.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import warnings
import zipfile
from pathlib import Path

import filetype
from PIL import Image, ImageOps
from pypdf import PdfReader

from bff.briefs.upload import CONTROL, MAX_NAME_CHARS, IncomingFile, file_problem, shown_name
from bff.platform.errors import Problem

MAX_PDF_PAGES = 100
MAX_IMAGE_PIXELS = 40_000_000

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: ("pdf",), JPEG: ("jpg", "jpeg"), PNG: ("png",)}
PIL_FORMATS = {JPEG: ("JPEG", "MPO"), PNG: ("PNG",)}
KNOWN_EXTENSIONS = {ext for exts in EXTENSIONS.values() for ext in exts}

# Pillow refuses to open anything above twice this many pixels (DecompressionBombError); we refuse
# above it ourselves, from the header, before any decoding.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

_UNSAFE_IN_NAME = re.compile(r'[<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]')


def sanitise_name(raw: str, index: int, kind: str) -> str:
    """The citizen's file name as we keep it: no path, no control or direction-override characters,
    at most 120 characters, with an extension that matches the content.

    A name that tries to be a path (``../../etc/passwd.pdf``, ``C:\\x.pdf``) is refused, as is a known
    extension that disagrees with the content (a PNG called ``.pdf``); a name without an extension
    gets the right one.
    """
    shown = shown_name(raw)
    if CONTROL.search(raw) or "/" in raw or "\\" in raw or raw.strip() in {".", ".."}:
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


def sniff(incoming: IncomingFile) -> str:
    """PDF, JPEG or PNG from the first bytes; anything else is refused."""
    name = shown_name(incoming.raw_name)
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

