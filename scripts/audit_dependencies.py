"""Audit the pinned Python and npm dependencies for known vulnerabilities (pip-audit, npm audit).

    python scripts/audit_dependencies.py

Exit 1 when either tool reports a vulnerability that is not accepted in AUDIT_EXCEPTIONS below. When an
advisory service cannot be reached (a closed CI network), the audit could not run: that is reported
loudly as the written exception in docs/security.md ("Dependency audit"), not as a clean result, and
does not fail the build.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# Vulnerability ids accepted after review, each with the reason (none today).
AUDIT_EXCEPTIONS: dict[str, str] = {}


def python_audit() -> tuple[str, list[str]]:
    """('clean' | 'vulnerable' | 'unreachable', findings)."""
    freeze = subprocess.run([str(BIN / "pip"), "freeze", "--exclude-editable"], capture_output=True, text=True,
                            check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(freeze)
    result = subprocess.run([str(BIN / "pip-audit"), "-r", handle.name, "--format", "json",
                             "--progress-spinner", "off"], capture_output=True, text=True, timeout=600)
    Path(handle.name).unlink()
    try:
        report = json.loads(result.stdout)
    except ValueError:
        return "unreachable", [result.stderr.strip()[-300:]]
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    if dependencies and not audited:
        return "unreachable", ["no dependency could be looked up in the advisory service"]
    findings = [f"{d['name']} {d.get('version')}: {v['id']}" for d in audited for v in d.get("vulns", [])
                if v["id"] not in AUDIT_EXCEPTIONS]
    return ("vulnerable" if findings else "clean"), findings


def npm_audit() -> tuple[str, list[str]]:
    result = subprocess.run(["npm", "audit", "--json", "--omit=dev"], cwd=ROOT / "pwa", capture_output=True,
                            text=True, timeout=300)
    try:
        report = json.loads(result.stdout or "{}")
    except ValueError:
        return "unreachable", [result.stderr.strip()[-300:]]
    if "vulnerabilities" not in report:
        return "unreachable", [str(report.get("message") or result.stderr.strip()[-300:])]
    findings = [f"{name}: {item.get('severity')}" for name, item in report["vulnerabilities"].items()
                if name not in AUDIT_EXCEPTIONS]
    return ("vulnerable" if findings else "clean"), findings


def main() -> int:
    failed = False
    for name, audit in (("pip-audit", python_audit), ("npm audit", npm_audit)):
        outcome, findings = audit()
        if outcome == "clean":
            print(f"{name}: no known vulnerabilities")
        elif outcome == "vulnerable":
            failed = True
            print(f"{name}: VULNERABLE", *findings, sep="\n  ")
        else:
            print(f"{name}: COULD NOT AUDIT — the advisory service is unreachable from here "
                  f"(written exception: docs/security.md, 'Dependency audit'): {'; '.join(findings)[:300]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
