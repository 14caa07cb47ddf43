"""The judiciary's core, as the BFF speaks to it: one typed method per core route, grouped by conversation.

    core().cases.get(citizen, case_id)      core().notices.open(citizen, notice_id)
    core().briefs.submit(citizen, …)        core().events.page(cursor)
    core().registry.offices(etag=…)         core().hearings.upcoming(citizen)

Each method owns its path (``endpoints``), the id rule (an id that cannot be one is a 404 and never sent:
``NotAnId``) and the decoding and shape check of the answer (``decode``): a surprising answer is always
``CoreBadAnswer``, 502 ``core_bad_answer``. Rooms never build a URL, touch httpx or read JSON. The
transport under it (timeouts, retries, breaker, tokens) is ``bff.platform.outbound``; the identity
provider is ``identity``.
"""

from __future__ import annotations

import httpx

from bff.core_client.briefs import Briefs
from bff.core_client.cases import Cases, Hearings
from bff.core_client.endpoints import ROUTES
from bff.core_client.errors import (
    CORE_ERRORS,
    CoreBadAnswer,
    CoreError,
    CoreRejected,
    CoreTimeout,
    CoreUnauthorized,
    CoreUnavailable,
    NotAnId,
)
from bff.core_client.events import Events
from bff.core_client.identity import IdentityProvider, ServiceCredential
from bff.core_client.notices import Notices
from bff.core_client.registry import Registry
from bff.platform.config import Settings
from bff.platform.outbound import Transport
from bff.platform.state import PerApp


class CoreClient:
    """Every conversation with the core, over one transport (one breaker per process)."""

    def __init__(self, settings: Settings, http: httpx.Client, identity: IdentityProvider):
        self.transport = Transport(
            system="core", title="the judiciary core", base_url=settings.core_base_url, routes=ROUTES, http=http,
            errors=CORE_ERRORS, breaker_fail_max=settings.core_breaker_fail_max,
            breaker_reset_seconds=settings.core_breaker_reset_seconds)
        service = ServiceCredential(identity)
        self.cases = Cases(self.transport, service)
        self.hearings = Hearings(self.transport, service)
        self.notices = Notices(self.transport, service)
        self.briefs = Briefs(self.transport, service)
        self.registry = Registry(self.transport, service)
        self.events = Events(self.transport, service)

    @property
    def breaker(self):
        """This process's circuit breaker to the core."""
        return self.transport.breaker

    def state(self) -> str:
        """The breaker state: closed, open or half-open (without calling the core)."""
        return self.transport.state()


core = PerApp[CoreClient]("core")
"""The current app's core client."""

identity = PerApp[IdentityProvider]("identity")
"""The current app's identity provider."""

__all__ = ["CoreBadAnswer", "CoreClient", "CoreError", "CoreRejected", "CoreTimeout", "CoreUnauthorized",
           "CoreUnavailable", "IdentityProvider", "NotAnId", "core", "identity"]
