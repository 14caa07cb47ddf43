"""The core's electronic notices of one citizen: ``core.notices`` (list, get, open, document).

Opening a notice (its receipt) is the only call that changes anything; reading never opens one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime

from bff.core_client import endpoints
from bff.core_client.conversation import Conversation, path
from bff.core_client.decode import Reader, json_object
from bff.platform.outbound import Credential

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Document:
    id: str
    name: str
    content_type: str
    size: int


@dataclass(frozen=True)
class Notice:
    id: str
    number: str
    type: str
    title: str
    case_id: str
    case_number: str
    issued_at: datetime
    opened_at: datetime | None
    documents: tuple[Document, ...]
    body: str | None  # only once opened


class Download:
    """A document on its way from the core to the citizen: its headers, then its bytes, streamed."""

    def __init__(self, stack: ExitStack, response):
        self._stack = stack
        self._response = response
        headers = response.headers
        self.content_type: str = headers.get("Content-Type", "application/octet-stream").split(";")[0]
        self.content_length: str | None = headers.get("Content-Length")
        self.disposition: str | None = headers.get("Content-Disposition")

    def chunks(self) -> Iterator[bytes]:
        """The bytes in 64 KB pieces; the connection is released when they are read (or on ``close``)."""
        try:
            yield from self._response.iter_bytes(CHUNK)
        finally:
            self.close()

    def close(self) -> None:
        self._stack.close()


class Notices(Conversation):
    def list(self, citizen: Credential) -> list[Notice]:
        """GET /notices: without their text."""
        r = json_object(self.as_citizen(citizen, endpoints.NOTICES), "notices")
        return [_notice(item) for item in r.objects("notices")]

    def get(self, citizen: Credential, notice_id: str) -> Notice:
        """GET /notices/{id}: the text only if it was opened before (this does not open it)."""
        return _notice(json_object(self.as_citizen(citizen, endpoints.NOTICE, {"notice_id": notice_id}), "notice"))

    def open(self, citizen: Credential, notice_id: str) -> Notice:
        """POST /notices/{id}/receipt: the core records the receipt (once) and answers the text."""
        answer = self.as_citizen(citizen, endpoints.NOTICE_RECEIPT, {"notice_id": notice_id})
        return _notice(json_object(answer, "opened notice"))

    def document(self, citizen: Credential, notice_id: str, document_id: str) -> Download:
        """GET /notices/{id}/documents/{id}, streamed (CoreRejected 409 until the notice is opened)."""
        route = endpoints.NOTICE_DOCUMENT
        where = path(route, notice_id=notice_id, document_id=document_id)
        stack = ExitStack()
        try:
            response = stack.enter_context(self.transport.stream(route, where, citizen))
        except BaseException:
            stack.close()
            raise
        return Download(stack, response)


def _notice(r: Reader) -> Notice:
    return Notice(
        id=r.text("id"), number=r.text("number"), type=r.text("type"), title=r.text("title"),
        case_id=r.text("case_id"), case_number=r.text("case_number"), issued_at=r.instant("issued_at"),
        opened_at=r.optional_instant("opened_at"),
        documents=tuple(Document(id=d.text("id"), name=d.text("name"), content_type=d.text("content_type"),
                                 size=d.integer("size")) for d in r.objects("documents")),
        body=r.optional_text("body"))
