"""The one HTTP client of the judiciary's core: timeouts, retries, circuit breaker, allow-list, tokens."""

from bff.core_client.client import CoreClient, CoreResponse
from bff.core_client.errors import (
    CoreBadResponse,
    CoreError,
    CoreRejected,
    CoreTimeout,
    CoreUnauthorized,
    CoreUnavailable,
)

__all__ = ["CoreBadResponse", "CoreClient", "CoreError", "CoreRejected", "CoreResponse", "CoreTimeout",
           "CoreUnauthorized", "CoreUnavailable"]
