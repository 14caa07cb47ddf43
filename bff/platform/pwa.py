"""Serves the built PWA from the same origin: hashed assets immutable, the shell always revalidated."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Blueprint, current_app, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter

bp = Blueprint("web", __name__)

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("font/woff2", ".woff2")

# Everything under these prefixes belongs to the server; a miss there is a 404 problem, never the SPA.
SERVER_PREFIXES = ("api", "auth", "sandbox", "healthz", "readyz", "metrics", "static")
NO_CACHE_FILES = {"index.html", "sw.js", "manifest.webmanifest", "registerSW.js"}


class ClientPathConverter(BaseConverter):
    """Any path outside the server's own prefixes: a file of the PWA or a client-side route."""

    part_isolating = False
    regex = r"(?!(?:" + "|".join(SERVER_PREFIXES) + r")(?:/|$))[^\x00]*"


def _dist() -> Path:
    return Path(current_app.config["PWA_DIST"])


def _send(filename: str):
    dist = _dist()
    immutable = filename.startswith("assets/")
    response = send_from_directory(dist, filename, max_age=None, conditional=True, etag=True)
    if immutable:
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    elif filename in NO_CACHE_FILES:
        response.headers["Cache-Control"] = "no-cache"
    else:
        response.headers["Cache-Control"] = "public, max-age=3600"
    if filename == "sw.js":
        response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/")
def shell():
    """The app shell (index.html)."""
    if not (_dist() / "index.html").is_file():
        raise NotFound()
    return _send("index.html")


@bp.get("/<client_path:path>")
def client_file_or_route(path: str):
    """A file of the built PWA, or index.html for a client route (the router takes it from there)."""
    if any(part.startswith(".") for part in path.split("/")):
        raise NotFound()  # build metadata (.vite/) and dotfiles are not part of the app
    dist = _dist()
    candidate = (dist / path).resolve()
    if candidate.is_file() and dist.resolve() in candidate.parents:
        return _send(path)
    if path.startswith("assets/") or "." in path.rsplit("/", 1)[-1]:
        raise NotFound()
    return shell()


def init_app(app) -> None:
    """The PWA's routes: registered last, so every server route matches first."""
    app.url_map.converters["client_path"] = ClientPathConverter
    app.register_blueprint(bp)
