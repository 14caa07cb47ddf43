"""The process's one httpx client for outside systems (keep-alive, bounded pool, no proxies from the env)."""

from __future__ import annotations

import httpx

from bff.platform.config import VERSION, Settings


def make_http_client(settings: Settings) -> httpx.Client:
    timeout = httpx.Timeout(connect=settings.core_connect_timeout, read=settings.core_read_timeout,
                            write=settings.core_read_timeout, pool=settings.core_connect_timeout)
    return httpx.Client(
        timeout=timeout,
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20, keepalive_expiry=30),
        headers={"User-Agent": f"hamrah-bff/{VERSION}"},
        follow_redirects=False,
        trust_env=False,
    )
