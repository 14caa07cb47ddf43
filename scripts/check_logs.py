"""Scan a JSON-lines log for personal data and secrets that must never be logged.

    python scripts/check_logs.py test-results/logs.jsonl

Fails (exit 1) on: a full national code (10 digits with a valid check digit), a mobile number
(09… / +989…), a JWT, a bearer token, or a refresh/access token field. The test command runs it over
the logs of the whole test run (every process appends to LOG_FILE).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DIGIT_RUN = re.compile(r"(?<!\d)(\d{10})(?!\d)")
MOBILE = re.compile(r"(?<![\d*])(?:\+98|0098|0)9\d{9}(?!\d)")
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
BEARER = re.compile(r"(?i)bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}")
TOKEN_FIELD = re.compile(r'"(?:access_token|refresh_token|id_token|code_verifier|client_secret)"\s*:\s*"[^"]{8,}')


def is_national_code(digits: str) -> bool:
    if len(set(digits)) == 1:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    remainder = total % 11
    check = remainder if remainder < 2 else 11 - remainder
    return check == int(digits[9])


def findings(line: str) -> list[str]:
    found = []
    found += [f"national code {m[:3]}…" for m in DIGIT_RUN.findall(line) if is_national_code(m)]
    found += ["mobile number" for _ in MOBILE.finditer(line)]
    found += ["JWT" for _ in JWT.finditer(line)]
    found += ["bearer token" for _ in BEARER.finditer(line)]
    found += ["token field" for _ in TOKEN_FIELD.finditer(line)]
    return found


# Fields we generate ourselves from random hex or the clock: a digit run in them is not personal data.
GENERATED_FIELDS = {"ts", "request_id"}


def scanned_text(line: str) -> tuple[str, str]:
    """(the logger, the text to scan): every field of a JSON line except the generated ones."""
    try:
        entry = json.loads(line)
    except ValueError:
        return "?", line
    if not isinstance(entry, dict):
        return "?", line
    text = json.dumps({k: v for k, v in entry.items() if k not in GENERATED_FIELDS}, ensure_ascii=False)
    return str(entry.get("logger", "?")), text


def scan(path: Path) -> list[tuple[int, str, str]]:
    problems = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            logger, text = scanned_text(line)
            problems += [(number, logger, finding) for finding in findings(text)]
    return problems


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else "test-results/logs.jsonl")
    if not path.is_file() or path.stat().st_size == 0:
        print(f"no log lines at {path}: nothing was checked", file=sys.stderr)
        return 1
    lines = sum(1 for _ in path.open(encoding="utf-8", errors="replace"))
    problems = scan(path)
    for number, logger, finding in problems[:50]:
        print(f"{path}:{number}: {finding} (logger {logger})", file=sys.stderr)
    print(f"checked {lines} log lines: {len(problems)} finding(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
