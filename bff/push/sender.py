"""One encrypted push over HTTP (RFC 8030, payload aes128gcm per RFC 8291, VAPID per RFC 8292).

pywebpush does the encryption; what makes it fast is around it: one keep-alive ``requests.Session``
per thread and the VAPID header signed once per push service (see bff.push.vapid), instead of a
fresh ``webpush()`` call (new connection, new signature) per message. Every send has a timeout, so
a hung push service cannot hold a worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import requests
from pywebpush import WebPusher

from bff.platform.config import VERSION
from bff.platform.state import PerApp
from bff.push.vapid import VapidKey

MAX_TTL = 28 * 24 * 3600  # what the big push services keep at most


@dataclass(frozen=True)
class PushResult:
    status: int | None  # the push service's HTTP status; None when it did not answer
    retry_after: str | None = None
    error: str | None = None

    @property
    def accepted(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class PushSender:
    def __init__(self, key: VapidKey, timeout: float):
        self.key = key
        self.timeout = timeout
        self._local = threading.local()

    @property
    def session(self) -> requests.Session:
        """This thread's keep-alive session (requests sessions are not shared between threads)."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = f"hamrah-push/{VERSION}"
            self._local.session = session
        return session

    def send(self, subscription_info: dict, data: bytes, *, ttl: int, urgency: str, topic: str) -> PushResult:
        """Encrypt ``data`` for the subscription and POST it to its endpoint."""
        ttl = max(0, min(int(ttl), MAX_TTL))
        headers = {**self.key.authorization(subscription_info["endpoint"]), "Urgency": urgency, "Topic": topic,
                   "TTL": str(ttl)}
        try:
            response = WebPusher(subscription_info, requests_session=self.session).send(
                data, headers, ttl=ttl, content_encoding="aes128gcm", timeout=self.timeout)
        except requests.Timeout:
            return PushResult(None, error="timeout")
        except requests.RequestException as exc:
            return PushResult(None, error=f"connection: {type(exc).__name__}")
        if 200 <= response.status_code < 300:
            return PushResult(response.status_code)
        return PushResult(response.status_code, response.headers.get("Retry-After"),
                          (response.text or response.reason or "")[:160])


push_sender = PerApp[PushSender | None]("push_sender")
"""The current app's sender (None when push is off)."""
