"""The process's one httpx client for the core and the identity provider (keep-alive, bounded pool)."""

from __future__ import annotations

import httpx

from bff import __version__
from bff.config import Settings


def make_http_client(settings: Settings) -> httpx.Client:
    timeout = httpx.Timeout(connect=settings.core_connect_timeout, read=settings.core_read_timeout,
                            write=settings.core_read_timeout, pool=settings.core_connect_timeout)
    return httpx.Client(
        timeout=timeout,
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20, keepalive_expiry=30),
        headers={"User-Agent": f"hamrah-bff/{__version__}"},
        follow_redirects=False,
        trust_env=False,
    )
