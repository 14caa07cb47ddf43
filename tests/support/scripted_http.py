"""An HTTP server on a loopback port that answers each path as the test scripted, and records requests.

It stands in for an outside system that misbehaves (a core answering outside its contract) or for one
the BFF does not have yet, so the transport is tested over real HTTP.

    with ScriptedServer() as server:
        server.answer("/core/v1/cases", {"cases": []})
        ...
        server.requests  # [(method, path, headers)]
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.servers import free_port


class ScriptedServer:
    def __init__(self):
        self.answers: dict[str, tuple[int, bytes]] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def answer(self, path: str, body, status: int = 200) -> None:
        """Answer ``path`` (any method, any query) with ``status`` and ``body`` (JSON, or bytes as they are)."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.answers[path] = (status, raw)

    def _handler(self):
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = self.path.split("?")[0]
                scripted.requests.append((self.command, path, dict(self.headers.items())))
                status, body = scripted.answers.get(path, (404, b"{}"))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _reply

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self) -> ScriptedServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
