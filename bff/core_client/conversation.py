"""What every conversation with the core shares: whose credential a route carries, and the id rule."""

from __future__ import annotations

from bff.core_client.endpoints import CITIZEN, SERVICE
from bff.core_client.errors import NotAnId
from bff.platform.outbound import Answer, Credential, Route, Transport, valid_id


class Conversation:
    def __init__(self, transport: Transport, service: Credential):
        self.transport = transport
        self._service = service

    def as_citizen(self, citizen: Credential, route: Route, ids: dict[str, str] | None = None,
                   **kwargs) -> Answer:
        """A call with the citizen's own token (refreshed once if the core says 401)."""
        if route.audience != CITIZEN:
            raise PermissionError(f"{route.template} is not a citizen call")
        return self.transport.call(route, path(route, **(ids or {})), citizen, **kwargs)

    def as_service(self, route: Route, **kwargs) -> Answer:
        """A call with the BFF's own credential: the office registry and the event feed only."""
        if route.audience != SERVICE:
            raise PermissionError(f"{route.template} is not a service call")
        return self.transport.call(route, route.template, self._service, **kwargs)


def path(route: Route, **ids: str) -> str:
    """The route's path for ``ids``; an id that breaks the id rule is never sent (NotAnId, a 404)."""
    for name, value in ids.items():
        if not isinstance(value, str) or not valid_id(value):
            raise NotAnId(name)
    return route.path(**ids)
