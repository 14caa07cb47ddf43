"""Real servers for the end-to-end and integration tests: the BFF under gunicorn, the queue worker.

Each runs as its own process on a free loopback port, exactly as in production.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.support import ROOT

BIN = Path(sys.executable).parent


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError as exc:
            last_error = exc
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout}s: {last_error!r}")


def bff_environment(instance: Path, database_url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "APP_ENV": "test", "INSTANCE_PATH": str(instance), "DATABASE_URL": database_url,
           "SECRET_KEY": "e2e-secret-key-" + "y" * 32, "LOG_JSON": "true"}
    env.pop("TEST_DATABASE_URL", None)
    env.update(extra)
    return env


def migrate(env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "bff", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@contextlib.contextmanager
def gunicorn_bff(env: dict[str, str], workers: int = 2, log_path: Path | None = None,
                 port: int | None = None) -> Iterator[str]:
    """The BFF under gunicorn on ``port`` (a free one by default); yields its base URL.

    Pick the port first (``free_port()``) when the environment must name the BFF's own URL
    (PUBLIC_BASE_URL, from which the sign-in redirect URI is made).
    """
    port = port or free_port()
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "bff:create_app()", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", "4", "--graceful-timeout", "5", "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log_path:
            log.close()
