"""Exit 0 when a TCP service from a URL answers (used to decide whether the PostgreSQL pass can run)."""

import socket
import sys
from urllib.parse import urlsplit

url = urlsplit(sys.argv[1])
try:
    socket.create_connection((url.hostname or "127.0.0.1", url.port or 5432), timeout=2).close()
except OSError:
    sys.exit(1)
