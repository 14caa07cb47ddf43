"""Where a brief's attachments live: the briefs folder, its staging area, storing checked files, and
deleting them once their retention has passed (the brief and its receipt stay).

Stored names are random (``<32 hex>.<ext>``); the citizen's file name is only ever data.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bff.briefs.content import EXTENSIONS, PDF, check_pdf, clean_image, sanitise_name, sniff
from bff.briefs.models import REGISTERED, REJECTED, Brief, BriefFile
from bff.briefs.upload import CHUNK, IncomingFile, Upload, shown_name
from bff.platform import clock, config
from bff.platform.db import db


def briefs_dir() -> Path:
    """Where attachments are kept (BRIEFS_DIR, or ``briefs/`` in the instance folder)."""
    settings = config.settings()
    path = Path(settings.briefs_dir or Path(settings.instance_path) / "briefs")
    path.mkdir(parents=True, exist_ok=True)
    return path


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


def store(incoming: IncomingFile, briefs_dir: Path) -> StoredFile:
    """Check one staged file by its content and move (PDF) or re-encode (image) it into the briefs folder."""
    kind = sniff(incoming)
    shown = shown_name(incoming.raw_name)
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


def delete_expired_files(now: datetime | None = None) -> dict:
    """Remove the attachments of briefs registered or rejected more than the retention period ago (the
    brief and its receipt stay), then any file no brief refers to."""
    now = now or clock.utcnow()
    cutoff = now - timedelta(days=config.settings().brief_file_retention_days)
    directory = briefs_dir()
    done = select(Brief).where(Brief.files_deleted_at.is_(None), (
        ((Brief.status == REGISTERED) & (Brief.registered_at <= cutoff))
        | ((Brief.status == REJECTED) & (Brief.rejected_at <= cutoff))))
    deleted = 0
    for brief in db.session.scalars(done).all():
        for item in brief.files:
            (directory / item.stored_name).unlink(missing_ok=True)
        brief.files_deleted_at = now
        db.session.commit()
        deleted += 1
    known = set(db.session.scalars(select(BriefFile.stored_name)))
    db.session.rollback()
    orphans = remove_orphans(directory, known)
    return {"briefs": deleted, "orphans": orphans}
