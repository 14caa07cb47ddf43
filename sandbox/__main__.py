"""``python -m sandbox --port 8001``: the sandbox on Werkzeug's threaded server, for development."""

from __future__ import annotations

import argparse
import os

from werkzeug.serving import run_simple

from . import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description="Sandbox of the judiciary's identity provider and core API")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    config = {}
    if "SANDBOX_ISSUER" not in os.environ:
        host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host  # noqa: S104
        config["SANDBOX_ISSUER"] = f"http://{host}:{args.port}"
    run_simple(args.host, args.port, create_app(config), threaded=True)


if __name__ == "__main__":
    main()
