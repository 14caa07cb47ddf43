"""The public registry of offices: ``core.registry.offices`` with the BFF's own credential.

The envelope is checked here; each office row is passed on as the core wrote it, because the offices
room checks rows one by one (a bad row is reported and skipped, exactly as in an operator's file)
instead of refusing the whole registry for one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bff.core_client import endpoints
from bff.core_client.conversation import Conversation
from bff.core_client.decode import json_object


@dataclass(frozen=True)
class OfficeRegistry:
    rows: tuple[object, ...]
    sample: bool
    etag: str | None


class Registry(Conversation):
    def offices(self, *, etag: str | None = None) -> OfficeRegistry | None:
        """GET /offices; None when ``etag`` is still current (304 Not Modified)."""
        headers = {"If-None-Match": etag} if etag else {}
        answer = self.as_service(endpoints.OFFICES, headers=headers)
        if answer.status == 304:
            return None
        r = json_object(answer, "office registry")
        return OfficeRegistry(rows=tuple(r.raw_list("offices")), sample=bool(r.value.get("sample")),
                              etag=answer.headers.get("ETag"))
