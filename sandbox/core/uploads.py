"""Multipart uploads that are hashed while they stream in and never kept."""

from __future__ import annotations

import hashlib

from flask import Request


class HashingSink:
    """Stands in for the temporary file Werkzeug writes an uploaded file to."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, chunk: bytes) -> int:
        self._hash.update(chunk)
        self.size += len(chunk)
        return len(chunk)

    def seek(self, *args) -> int:
        return 0

    def read(self, *args) -> bytes:
        return b""

    def close(self) -> None:
        pass

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()


class SandboxRequest(Request):
    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return HashingSink()
