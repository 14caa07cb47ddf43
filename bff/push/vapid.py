"""This server's VAPID identity (RFC 8292): the P-256 key pair and the signed Authorization header.

The key comes from VAPID_PRIVATE_KEY (PEM or base64url raw). Outside production, when it is unset,
one is generated on first use and kept in instance/vapid_private_key.pem (mode 0600, never committed).
A signed header is reused per push-service origin (``aud``) until it nears its expiry, which is kept
under 12 hours ahead: some push services refuse longer, and clock skew makes 24 hours fail.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid

from bff.platform.config import Settings
from bff.platform.state import PerApp

log = logging.getLogger(__name__)

KEY_FILE = "vapid_private_key.pem"
TOKEN_LIFETIME = 12 * 3600 - 600  # signed to expire 11 h 50 min ahead: under 12 h even with 10 min skew
RESIGN_BEFORE = 3600  # a token with less than an hour left is replaced


class VapidUnavailable(Exception):
    """No VAPID key is configured (production without VAPID_PRIVATE_KEY)."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    text = text.strip()
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def audience(endpoint: str) -> str:
    """The push service's origin, which is what the token's ``aud`` names."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def generate_private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def private_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def private_raw(key: ec.EllipticCurvePrivateKey) -> str:
    """The base64url raw form (the 32-byte private scalar), the shortest way to put it in an env var."""
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def parse_private_key(value: str) -> ec.EllipticCurvePrivateKey:
    """A PEM (PKCS#8 or SEC1), or base64url raw (32 bytes) or DER."""
    value = value.strip()
    if "-----BEGIN" in value:
        key = serialization.load_pem_private_key(value.replace("\\n", "\n").encode(), password=None)
    else:
        data = b64url_decode(value)
        if len(data) == 32:
            key = ec.derive_private_key(int.from_bytes(data, "big"), ec.SECP256R1())
        else:
            key = serialization.load_der_private_key(data, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError("VAPID_PRIVATE_KEY must be a P-256 (prime256v1) private key")
    return key


class VapidKey:
    """The key pair, its public form for browsers, and a cache of signed headers per audience."""

    def __init__(self, private_key: ec.EllipticCurvePrivateKey, subject: str):
        self.private_key = private_key
        self.subject = subject
        self.public_raw = private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                                serialization.PublicFormat.UncompressedPoint)
        self.application_server_key = b64url(self.public_raw)
        self.key_id = hashlib.sha256(self.public_raw).hexdigest()[:16]
        self._vapid = Vapid(private_key)
        self._headers: dict[str, tuple[int, dict[str, str]]] = {}
        self._lock = threading.Lock()

    def authorization(self, endpoint: str) -> dict[str, str]:
        """``{"Authorization": "vapid t=…, k=…"}`` for a push to ``endpoint``; signed once per audience."""
        aud = audience(endpoint)
        now = int(time.time())
        with self._lock:
            cached = self._headers.get(aud)
            if cached and cached[0] - now > RESIGN_BEFORE:
                return cached[1]
            exp = now + TOKEN_LIFETIME
            headers = self._vapid.sign({"sub": self.subject, "aud": aud, "exp": exp})
            self._headers[aud] = (exp, headers)
            return headers


def _instance_key(instance_path: str) -> ec.EllipticCurvePrivateKey:
    """The development key under instance/, created atomically so concurrent processes agree on one."""
    path = Path(instance_path) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vapid-")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(private_pem(generate_private_key()))
            try:
                os.link(tmp, path)  # fails if another process got there first; then we use theirs
                log.info("generated a development VAPID key", extra={"fields": {"path": str(path)}})
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
    return parse_private_key(path.read_text())


def load_key(settings: Settings) -> VapidKey | None:
    """The configured key; a generated one outside production; None when production has none."""
    if settings.vapid_private_key:
        return VapidKey(parse_private_key(settings.vapid_private_key), settings.vapid_subject)
    if settings.is_production:
        log.warning("VAPID_PRIVATE_KEY is not set: Web Push is disabled")
        return None
    return VapidKey(_instance_key(settings.instance_path), settings.vapid_subject)


vapid = PerApp[VapidKey | None]("vapid")
"""The current app's VAPID key (None: push is off, production without VAPID_PRIVATE_KEY)."""
