"""Briefs at the core: ``core.briefs.submit`` registers one exactly once per Idempotency-Key; ``get`` reads it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from bff.core_client import endpoints
from bff.core_client.conversation import Conversation
from bff.core_client.decode import Reader, json_object
from bff.platform.outbound import Credential


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    content: BinaryIO  # read from where it is; rewound by the transport for a retry


@dataclass(frozen=True)
class BriefReceipt:
    id: str
    case_id: str
    tracking_code: str
    registered_at: datetime


@dataclass(frozen=True)
class FileRecord:
    name: str
    content_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class CoreBrief(BriefReceipt):
    """A brief as the core keeps it: sizes and hashes, never the files."""

    text_length: int
    text_sha256: str
    files: tuple[FileRecord, ...]


class Briefs(Conversation):
    def submit(self, citizen: Credential, case_id: str, key: str, text: str,
               attachments: Sequence[Attachment]) -> BriefReceipt:
        """POST /cases/{id}/briefs: always multipart (also without attachments), the text as a plain
        field, then the files in order; the same key and content answer the same receipt."""
        parts = [("text", (None, text.encode(), "text/plain; charset=utf-8"))]
        parts += [("files", (a.name, a.content, a.content_type)) for a in attachments]
        answer = self.as_citizen(citizen, endpoints.CASE_BRIEFS, {"case_id": case_id}, files=parts,
                                 headers={"Idempotency-Key": key})
        return BriefReceipt(**_receipt(json_object(answer, "brief receipt")))

    def get(self, citizen: Credential, brief_id: str) -> CoreBrief:
        """GET /briefs/{id}: the brief the citizen registered."""
        r = json_object(self.as_citizen(citizen, endpoints.BRIEF, {"brief_id": brief_id}), "brief")
        return CoreBrief(**_receipt(r), text_length=r.integer("text_length"), text_sha256=r.text("text_sha256"),
                         files=tuple(FileRecord(name=f.text("name"), content_type=f.text("content_type"),
                                                size=f.integer("size"), sha256=f.text("sha256"))
                                     for f in r.objects("files")))


def _receipt(r: Reader) -> dict:
    return {"id": r.text("id"), "case_id": r.text("case_id"), "tracking_code": r.text("tracking_code"),
            "registered_at": r.instant("registered_at")}
