"""A push service on a loopback port that speaks RFC 8030 and checks what a real one would.

For every POST to a subscription's endpoint it verifies the VAPID token (RFC 8292: ES256 signature
with the app's public key, ``aud`` = this service's origin, ``exp`` at most 12 hours ahead, ``sub`` a
mailto: or https: contact), the TTL, Urgency and Topic headers, and decrypts the aes128gcm payload
(RFC 8291) with the subscription's private key, which the test made. Accepted messages are recorded
per endpoint. A test can script the answers of an endpoint (404, 410, 413, 429 with Retry-After,
500…) and hold a request before answering (to kill the sender meanwhile).

    with PushService(app_public_key) as push:
        device = push.subscription()
        client.post("/api/v1/push/subscriptions", json=device.info, headers=csrf_headers(client))
        push.respond(device, 410)
        messages = push.wait_for(device, 1)
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import json
import os
import re
import secrets
import select
import socket
import ssl
import tempfile
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID

MAX_PAYLOAD = 4096  # RFC 8030 §7.2: a push service must accept at least this; we accept no more
TOPIC = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
URGENCIES = {"very-low", "low", "normal", "high"}
MAX_EXP_AHEAD = 12 * 3600


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    """A browser's push subscription, made by the test: it holds the private key to read messages."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    @property
    def p256dh(self) -> str:
        return b64url(self.private_key.public_key().public_bytes(serialization.Encoding.X962,
                                                                 serialization.PublicFormat.UncompressedPoint))

    @property
    def info(self) -> dict[str, Any]:
        """PushSubscription.toJSON() as a browser sends it."""
        return {"endpoint": self.endpoint, "expirationTime": None,
                "keys": {"p256dh": self.p256dh, "auth": b64url(self.auth_secret)}}


@dataclass
class Message:
    endpoint: str
    payload: dict
    headers: dict[str, str]
    claims: dict
    received_at: float = field(default_factory=time.time)

    @property
    def ttl(self) -> int:
        return int(self.headers["ttl"])

    @property
    def urgency(self) -> str | None:
        return self.headers.get("urgency")

    @property
    def topic(self) -> str | None:
        return self.headers.get("topic")


@dataclass
class Script:
    status: int
    retry_after: str | None = None
    hold: float = 0.0


class PushService:
    def __init__(self, vapid_public_key: str, *, tls: bool = False, host: str = "127.0.0.1", check_every: int = 1):
        """``check_every``: verify and decrypt every n-th message only (benchmarks); 1 checks all."""
        self.vapid_public_key = vapid_public_key
        self.host = host
        self.tls = tls
        self.check_every = max(1, check_every)
        self.accepted = 0  # every 201, checked or not
        self.ca_file: str | None = None
        self.devices: dict[str, Device] = {}
        self.messages: dict[str, list[Message]] = defaultdict(list)
        self.rejections: list[tuple[str, str]] = []
        self.attempts: dict[str, int] = defaultdict(int)
        self.abandoned: list[str] = []  # held requests whose sender went away before the answer
        self._scripts: dict[str, deque[Script]] = defaultdict(deque)
        self._lock = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle -----------------------------------------------------------------------------------
    def start(self) -> PushService:
        service = self

        class Handler(_Handler):
            push = service

        self._server = ThreadingHTTPServer((self.host, 0), Handler)
        self._server.daemon_threads = True
        scheme = "http"
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            cert, key = _self_signed(self.host)
            context.load_cert_chain(cert, key)
            self.ca_file = cert
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            scheme = "https"
        self.origin = f"{scheme}://{self.host}:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="push-service", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> PushService:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # devices and scripts -------------------------------------------------------------------------
    def subscription(self) -> Device:
        """A new subscription on this service (what pushManager.subscribe() would return)."""
        device = Device(f"{self.origin}/push/{secrets.token_urlsafe(16)}", ec.generate_private_key(ec.SECP256R1()),
                        os.urandom(16))
        self.devices[device.endpoint] = device
        return device

    def respond(self, device: Device | str, *statuses: int, retry_after: str | None = None,
                hold: float = 0.0) -> None:
        """The next answers of ``device``'s endpoint, in order (then 201 again)."""
        endpoint = device if isinstance(device, str) else device.endpoint
        with self._lock:
            for status in statuses:
                self._scripts[endpoint].append(Script(status, retry_after, hold))

    def forget(self, device: Device) -> None:
        """The browser unsubscribed: the endpoint now answers 410 Gone."""
        self.devices.pop(device.endpoint, None)

    # reading -------------------------------------------------------------------------------------
    def received(self, device: Device | str) -> list[Message]:
        endpoint = device if isinstance(device, str) else device.endpoint
        with self._lock:
            return list(self.messages.get(endpoint, []))

    def total(self) -> int:
        with self._lock:
            return sum(len(items) for items in self.messages.values())

    def wait_for(self, device: Device | str, count: int = 1, timeout: float = 10.0) -> list[Message]:
        """Block until ``device`` has ``count`` messages (or the timeout); returns what it has."""
        endpoint = device if isinstance(device, str) else device.endpoint
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages.get(endpoint, [])) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._lock.wait(remaining)
            return list(self.messages.get(endpoint, []))

    def wait_for_attempts(self, device: Device, count: int, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        with self._lock:
            while self.attempts[device.endpoint] < count and time.monotonic() < deadline:
                self._lock.wait(max(0.0, deadline - time.monotonic()))
            return self.attempts[device.endpoint]

    # the protocol --------------------------------------------------------------------------------
    def _next_script(self, endpoint: str) -> Script:
        with self._lock:
            self.attempts[endpoint] += 1
            self._lock.notify_all()
            queue = self._scripts.get(endpoint)
            return queue.popleft() if queue else Script(201)

    def _reject(self, endpoint: str, reason: str) -> None:
        with self._lock:
            self.rejections.append((endpoint, reason))

    def _record(self, message: Message) -> None:
        with self._lock:
            self.messages[message.endpoint].append(message)
            self._lock.notify_all()

    def _count(self) -> int:
        with self._lock:
            self.accepted += 1
            return self.accepted

    def verify_vapid(self, authorization: str) -> dict:
        """The claims of a valid ``vapid t=…, k=…`` header; ValueError says what is wrong."""
        scheme, _, params = authorization.partition(" ")
        if scheme.lower() != "vapid":
            raise ValueError(f"scheme {scheme!r} is not vapid")
        parts = dict(item.strip().split("=", 1) for item in params.split(",") if "=" in item)
        if parts.get("k") != self.vapid_public_key:
            raise ValueError("k is not the application server's public key")
        header_b64, payload_b64, signature_b64 = parts["t"].split(".")
        header = json.loads(b64url_decode(header_b64))
        if header.get("alg") != "ES256":
            raise ValueError("alg is not ES256")
        signature = b64url_decode(signature_b64)
        if len(signature) != 64:
            raise ValueError("signature is not 64 bytes")
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(parts["k"]))
        try:
            public.verify(encode_dss_signature(int.from_bytes(signature[:32], "big"),
                                               int.from_bytes(signature[32:], "big")),
                          f"{header_b64}.{payload_b64}".encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            raise ValueError("bad signature") from None
        claims = json.loads(b64url_decode(payload_b64))
        if claims.get("aud") != self.origin:
            raise ValueError(f"aud {claims.get('aud')!r} is not {self.origin}")
        now = time.time()
        exp = claims.get("exp")
        if not isinstance(exp, int) or exp <= now or exp > now + MAX_EXP_AHEAD:
            raise ValueError(f"exp {exp!r} not within 12 h ahead")
        sub = claims.get("sub", "")
        if not re.match(r"^(mailto:[^@\s]+@[^@\s]+\.[^@\s]+|https://\S+)$", sub) or "localhost" in sub:
            raise ValueError(f"sub {sub!r} is not a real mailto: or https: contact")
        return claims


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    push: PushService

    def log_message(self, *args) -> None:
        pass

    def _answer(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _client_gone(self) -> bool:
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def do_POST(self) -> None:  # the name http.server calls
        push = self.push
        endpoint = push.origin + self.path
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        script = push._next_script(endpoint)
        if script.hold:
            time.sleep(script.hold)
            if self._client_gone():
                with push._lock:
                    push.abandoned.append(endpoint)
                self.close_connection = True
                return
        device = push.devices.get(endpoint)
        if device is None:
            return self._answer(410 if self.path.startswith("/push/") else 404)
        headers = {name.lower(): value for name, value in self.headers.items()}
        if push.check_every > 1 and script.status == 201 and push.accepted % push.check_every:
            push._count()  # a benchmark: only every n-th message is checked
            return self._answer(201, {"Location": f"{push.origin}/message/{push.accepted}"})
        try:
            claims = push.verify_vapid(headers.get("authorization", ""))
            if headers.get("content-encoding") != "aes128gcm":
                raise ValueError("content-encoding is not aes128gcm")
            if not headers.get("ttl", "").isdigit():
                raise ValueError("TTL missing or not a number")
            if headers.get("urgency", "normal") not in URGENCIES:
                raise ValueError("bad Urgency")
            if "topic" in headers and not TOPIC.match(headers["topic"]):
                raise ValueError("Topic is not up to 32 base64url characters")
        except (ValueError, KeyError) as exc:
            push._reject(endpoint, str(exc))
            return self._answer(401 if "vapid" in str(exc) or "sign" in str(exc) else 400)
        if len(body) > MAX_PAYLOAD and script.status == 201:
            return self._answer(413)
        if script.status != 201:
            retry = {"Retry-After": script.retry_after} if script.retry_after else {}
            return self._answer(script.status, retry)
        try:
            plaintext = http_ece.decrypt(body, private_key=device.private_key, auth_secret=device.auth_secret,
                                         version="aes128gcm")
            payload = json.loads(plaintext)
        except Exception as exc:  # any failure to decrypt is the sender's fault
            push._reject(endpoint, f"payload: {exc!r}")
            return self._answer(400)
        location = f"{push.origin}/message/{secrets.token_urlsafe(8)}"
        self._answer(201, {"Location": location})
        push._count()
        push._record(Message(endpoint, payload, headers, claims))


def _self_signed(host: str) -> tuple[str, str]:
    """A throwaway certificate for ``host`` (files in a temporary folder)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tempfile.mkdtemp(prefix="push-tls-")
    cert_path, key_path = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    with open(cert_path, "wb") as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return cert_path, key_path
