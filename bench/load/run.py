"""Load with faults: the citizen mix against the production shape while its dependencies fail, then checks.

What runs, all on loopback: the judiciary sandbox under gunicorn (one process, as its in-memory state
needs) with 50 ms of latency on every core call; a push service that verifies VAPID and decrypts every
message (tests/support/push_service.py); a fresh PostgreSQL schema, migrated; the BFF under gunicorn
(2 workers × 4 threads, the Procfile's shape) with Redis for sessions, rate limits and the queue; one Huey
consumer (the Procfile's worker). A few citizens subscribe two push devices each. Then locust runs the
citizen mix (bench/load/locustfile.py: 200 users, half looking for offices, half signed in reading
their cases and submitting briefs) for 60 s while the sandbox issues notices to the citizens with
devices at a steady rate, and on a schedule:

    t=10 s  one gunicorn worker is killed with SIGKILL (the master starts another)
    t=20 s  PostgreSQL is restarted
    t=32 s  Redis is stopped, and started again 10 s later (it keeps nothing: sessions are lost)
    t=45 s  the core goes down for 30 s (past the end of the load)

Afterwards it waits (at most --drain seconds) for the outboxes to drain, prints throughput, p50/p95/p99
and errors per route, and checks:

- every brief the BFF accepted (202) is registered at the core exactly once (by Idempotency-Key);
- every notice produced exactly one push on each device of its citizen, and none elsewhere;
- no 5xx except 503 with Retry-After, and only while a dependency was down (plus a short grace; for
  the core, plus the circuit breaker's reset time); no request went unanswered except those in
  flight on the killed worker.

It exits 1 when a check fails. Where the run differs from production defaults, and why:

- sign-in and office search are limited per client address, and every simulated user comes from
  127.0.0.1, so those two limits are raised; the per-citizen limits on writes and briefs are the defaults;
- gunicorn keeps idle connections 10 s (--keep-alive; its default is 2 s), longer than any pause of a
  simulated user, as the reverse proxy in front of it would: otherwise a request sent just as gunicorn
  closes an idle connection is reset, which browsers retry but the load tool would count as lost;
- BRIEF_FORWARD_LEASE_SECONDS is 45 (--brief-lease; 120 in production): a forwarding attempt cut short by
  the PostgreSQL restart holds its brief until the lease ends, and 120 s would outlast the drain.

    make bench-load
    .venv/bin/python bench/load/run.py [--users 200] [--seconds 60] [--no-faults] ...

PostgreSQL and Redis are the run's own (bench/load/private_services.py): a private PostgreSQL cluster and a
private redis-server on free loopback ports, started for the run and removed after it, so restarting and
stopping them disturbs nothing else on the machine. `--database-url` and `--redis-url` point the run at
servers of your own instead; then the fault commands (--pg-restart, --redis-stop, --redis-start) act on
those, so use that only where nothing else relies on them. Output: bench/out/load/.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import json
import os
import random
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
OUT_ROOT = ROOT / "bench" / "out"
LOAD_VENV = OUT_ROOT / "load-venv"

from bench.load.private_services import PrivateServices  # noqa: E402
from bff.push.vapid import VapidKey, generate_private_key, private_raw  # noqa: E402
from sandbox.testing import submit_sign_in  # noqa: E402

NOTICE_TYPES = ("summons", "decision", "deficiency", "notice")
FAULTS = ("kill", "postgres", "redis", "core")
PENDING_BRIEFS = ("received", "forwarding")
OPEN_DELIVERIES = ("created", "sending", "temporary-failure")


def _load_push_service():
    """tests/support/push_service.py, loaded by path (importing the tests package would set up a test run)."""
    path = ROOT / "tests" / "support" / "push_service.py"
    spec = importlib.util.spec_from_file_location("load_push_service", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.PushService


# -- small helpers -------------------------------------------------------------------------------------

def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout: float, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(Exception):
            value = predicate()
            if value:
                return value
        if time.monotonic() > deadline:
            return None
        time.sleep(every)


def answers(url: str) -> bool:
    return httpx.get(url, timeout=2).status_code < 500


def say(text: str) -> None:
    print(text, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


class Process:
    """A child process with its output in a log file; stopped with SIGTERM, then SIGKILL."""

    def __init__(self, name: str, args: list[str], env: dict, log: Path):
        self.name = name
        self.log = log
        with open(log, "ab") as handle:
            self.popen = subprocess.Popen(args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                          start_new_session=True)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, timeout: float = 15) -> None:
        if not self.alive():
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(5)

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (gunicorn's workers under its master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


# -- the dependencies ----------------------------------------------------------------------------------

def postgres_up(url: str) -> bool:
    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def redis_up(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping())
    except Exception:
        return False


def run_command(command: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=timeout, check=False)


def default_pg_restart() -> str:
    versions = sorted((p.name for p in Path("/etc/postgresql").iterdir() if p.name.isdigit()), key=int) \
        if Path("/etc/postgresql").is_dir() else []
    version = versions[-1] if versions else "15"
    return f"pg_ctlcluster --skip-systemctl-redirect {version} main restart"


def redis_commands(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 6379
    stop = f"redis-cli -h {host} -p {port} shutdown nosave"
    start = (f'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port {port} --save "" --appendonly no '
             "--dir /var/lib/redis --logfile /var/log/redis/ci.log")
    return stop, start


# -- the run's state ---------------------------------------------------------------------------------

@dataclass
class Window:
    name: str
    start: float
    end: float | None = None
    grace: float = 5.0
    note: str = ""

    def covers(self, begin: float, finish: float) -> bool:
        end = (self.end if self.end is not None else time.time()) + self.grace
        return begin <= end and finish >= self.start - 0.5


@dataclass
class Run:
    args: argparse.Namespace
    out: Path
    t0: float = 0.0
    windows: list[Window] = field(default_factory=list)
    notices: list[dict] = field(default_factory=list)
    notice_failures: list[str] = field(default_factory=list)
    fault_errors: list[str] = field(default_factory=list)
    push: object = None
    stop: threading.Event = field(default_factory=threading.Event)

    def rel(self, moment: float) -> float:
        return moment - self.t0


# -- setting up ----------------------------------------------------------------------------------------

def ensure_locust() -> Path:
    """bench/out/load-venv with the pinned locust (its own virtualenv: it pins its own Flask)."""
    requirements = HERE / "requirements.txt"
    stamp = LOAD_VENV / ".requirements"
    locust = LOAD_VENV / "bin" / "locust"
    if locust.exists() and stamp.exists() and stamp.read_text() == requirements.read_text():
        return locust
    say("installing locust into bench/out/load-venv …")
    shutil.rmtree(LOAD_VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(LOAD_VENV)], check=True)
    subprocess.run([str(LOAD_VENV / "bin" / "pip"), "install", "-qq", "-r", str(requirements)], check=True)
    stamp.write_text(requirements.read_text())
    return locust


def sample_files(folder: Path) -> dict[str, str]:
    """A small scanned-document PDF and a phone photo with EXIF, as the briefs' attachments."""
    import io

    from PIL import Image
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("scan.bin", random.Random(1).randbytes(40_000))
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = folder / "scan.pdf"
    pdf.write_bytes(buffer.getvalue())
    rng = random.Random(2)
    image = Image.frombytes("RGB", (40, 30), rng.randbytes(40 * 30 * 3)).resize((800, 600))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    photo = folder / "photo.jpg"
    image.save(photo, "JPEG", quality=85, exif=exif.tobytes())
    return {"pdf": str(pdf), "photo": str(photo)}


def sign_in(base: str, sandbox_url: str, national_code: str, otp: str) -> httpx.Client:
    """An httpx client of the BFF signed in as a browser would be (with its csrf_token cookie)."""
    client = httpx.Client(base_url=base, timeout=30)
    authorize = client.get("/auth/login", params={"next": "/"}).headers["Location"]
    with httpx.Client(timeout=30) as browser:
        done = submit_sign_in(browser, authorize, national_code, otp)
    parts = urlsplit(done.headers["Location"])
    finished = client.get(f"{parts.path}?{parts.query}")
    if finished.status_code != 302 or finished.headers["Location"].startswith("/signin"):
        raise RuntimeError(f"sign-in of a device's citizen failed: {finished.status_code}")
    client.get("/api/v1/me")
    return client


# -- during the run: faults and notices --------------------------------------------------------------

def inject_faults(run: Run, web: Process, sandbox_url: str, database_url: str, redis_url: str) -> None:
    """The fault schedule, each fault's window recorded in wall-clock time."""
    args = run.args
    redis_stop, redis_start = args.redis_stop, args.redis_start

    def at(offset: float) -> bool:
        while not run.stop.is_set() and time.time() < run.t0 + offset:
            time.sleep(0.05)
        return not run.stop.is_set()

    def faults(**body) -> None:
        httpx.put(f"{sandbox_url}/sandbox/control/faults", json={"latency_ms": args.latency_ms, **body},
                  timeout=10).raise_for_status()

    try:
        if not at(10):
            return
        if "kill" in args.faults:
            kill_web_worker(run, web)
        if not at(20):
            return
        if "postgres" in args.faults:
            restart_postgres(run, database_url)
        if not at(32):
            return
        if "redis" in args.faults:
            window = Window("stop Redis for 10 s", time.time(),
                            note="no persistence: sessions and the queue are lost")
            run.windows.append(window)
            result = run_command(redis_stop)
            if result.returncode != 0 and "Connection refused" not in result.stderr + result.stdout:
                run.fault_errors.append(f"Redis stop failed: {(result.stderr or result.stdout).strip()[:300]}")
            at(42)
            start_redis(redis_start, redis_url, run.fault_errors)
            window.end = time.time()
        if not at(45):
            return
        if "core" in args.faults:
            window = Window("core down for 30 s", time.time(), grace=args.breaker_reset + 5,
                            note="grace includes the BFF's circuit-breaker reset")
            run.windows.append(window)
            faults(down=True)
            while time.time() < run.t0 + 75:  # not cut short by the end of the load: back at 75 s
                time.sleep(0.05)
            faults(down=False)
            window.end = time.time()
    except Exception as exc:  # a fault that could not be injected is a failed run, not a crash
        run.fault_errors.append(f"fault injection: {exc!r}")


def kill_web_worker(run: Run, web: Process) -> None:
    """SIGKILL one gunicorn worker; the window ends once the master has started another."""
    workers = children(web.pid)
    victim = random.choice(workers)
    window = Window("kill one web worker (SIGKILL)", time.time(), note=f"pid {victim} of {len(workers)}")
    run.windows.append(window)
    os.kill(victim, signal.SIGKILL)
    wait_until(lambda: len([p for p in children(web.pid) if p != victim]) >= len(workers), 30, 0.05)
    time.sleep(1.0)  # the new worker imports the app before it answers
    window.end = time.time()


def restart_postgres(run: Run, database_url: str) -> None:
    window = Window("restart PostgreSQL", time.time())
    run.windows.append(window)
    result = run_command(run.args.pg_restart, timeout=120)
    if result.returncode != 0:
        run.fault_errors.append(f"PostgreSQL restart failed: {result.stderr.strip()[:300]}")
    wait_until(lambda: postgres_up(database_url), 60, 0.1)
    window.end = time.time()


def start_redis(command: str, url: str, errors: list[str]) -> None:
    if redis_up(url):
        return
    result = run_command(command)
    if result.returncode != 0:
        errors.append(f"Redis start failed: {(result.stderr or result.stdout).strip()[:300]}")
    if not wait_until(lambda: redis_up(url), 30, 0.1):
        errors.append("Redis did not answer after being started")


def issue_notices(run: Run, sandbox_url: str, people: list[dict]) -> None:
    """A notice every --notice-interval seconds for a citizen with devices, until the load ends."""
    number = 0
    with httpx.Client(base_url=sandbox_url, timeout=10) as control:
        next_at = run.t0 + 1.0
        while not run.stop.is_set() and time.time() < run.t0 + run.args.seconds:
            time.sleep(max(0.0, next_at - time.time()))
            next_at += run.args.notice_interval
            person = random.choice(people)
            number += 1
            body = {"person": person["sub"], "case_id": random.choice(person["case_ids"]),
                    "type": random.choice(NOTICE_TYPES), "title": f"ابلاغیهٔ آزمون بار شمارهٔ {number}"}
            issued_at = time.time()
            try:
                response = control.post("/sandbox/control/notices", json=body)
            except httpx.HTTPError as exc:
                run.notice_failures.append(repr(exc))
                continue
            if response.status_code != 201:
                run.notice_failures.append(f"{response.status_code} {response.text[:200]}")
                continue
            run.notices.append({"id": response.json()["id"], "sub": person["sub"], "issued_at": issued_at})


# -- after the run: drain, read, check ---------------------------------------------------------------

def outbox_state(engine: sa.Engine) -> dict:
    with engine.connect() as conn:
        briefs = dict(conn.execute(sa.text("SELECT status, count(*) FROM briefs GROUP BY status")).all())
        deliveries = dict(conn.execute(sa.text("SELECT status, count(*) FROM push_deliveries GROUP BY status")).all())
        unfanned = conn.execute(sa.text(
            "SELECT count(*) FROM push_notifications WHERE fanned_out_at IS NULL AND cancelled_at IS NULL "
            "AND kind <> 'hearing_reminder'")).scalar()
        cursor = conn.execute(sa.text("SELECT cursor FROM push_feed_cursors")).scalar()
    return {"briefs": briefs, "deliveries": deliveries, "unfanned": unfanned, "cursor": cursor}


def drained(state: dict, event_head: str, notices: list[dict], received) -> bool:
    if any(state["briefs"].get(status) for status in PENDING_BRIEFS):
        return False
    if any(state["deliveries"].get(status) for status in OPEN_DELIVERIES) or state["unfanned"]:
        return False
    if state["cursor"] is None or int(state["cursor"]) < int(event_head or 0):
        return False
    return received() >= len(notices)


def read_stats(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def print_routes(stats: list[dict]) -> None:
    say(f"\n{'route':<52} {'requests':>8} {'fail':>6} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}")
    rows = [r for r in stats if r["Name"] != "Aggregated"] + [r for r in stats if r["Name"] == "Aggregated"]
    for row in rows:
        name = row["Name"] if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        say(f"{name[:52]:<52} {int(row['Request Count']):>8} {int(row['Failure Count']):>6} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>5}ms {row['95%']:>5}ms {row['99%']:>5}ms "
            f"{float(row['Max Response Time']):>5.0f}ms")


def print_failures(path: Path) -> None:
    rows = read_stats(path) if path.exists() else []
    say("\nErrors per route (locust's failures: status or reason, occurrences)")
    if not rows:
        say("  none")
    for row in sorted(rows, key=lambda r: (r["Name"], -int(r["Occurrences"]))):
        say(f"  {row['Method']} {row['Name'][:50]:<50} {int(row['Occurrences']):>5}  {row['Error'][:110]}")


def check_server_errors(run: Run, errors: list[dict]) -> tuple[bool, list[str]]:
    """5xx only as 503 + Retry-After inside a fault window; no answer only from the killed worker."""
    lines, ok = [], True
    by_kind: Counter = Counter()
    bad: list[str] = []
    limited = [item for item in errors if item["status"] == 429]
    if limited:
        where = Counter(next((w.name for w in run.windows if w.covers(i["t"], i["end"])), "outside every fault window")
                        for i in limited)
        lines.append(f"  (not 5xx) rate limited, 429 with Retry-After: {len(limited)} — "
                     + "; ".join(f"{n} {name}" for name, n in where.most_common()))
    for item in (i for i in errors if i["status"] != 429):
        begin, finish = item["t"], item["end"]
        inside = [w for w in run.windows if w.covers(begin, finish)]
        if item["status"] == 0:
            allowed = any(w.name.startswith("kill") for w in inside)
            kind = "no answer (connection error)"
        else:
            allowed = item["status"] == 503 and bool(item["retry_after"]) and bool(inside)
            kind = f"{item['status']} {item.get('code') or ''}".strip() + (
                " with Retry-After" if item["retry_after"] else " WITHOUT Retry-After")
        core = [w for w in inside if w.name.startswith("core")]
        where = (core or inside)[0].name if inside else "outside every fault window"
        if inside and not (item.get("code") or "").startswith("core"):
            where = next((w.name for w in inside if not w.name.startswith("core")), where)
        by_kind[(item["route"], kind, where, allowed)] += 1
        if not allowed:
            ok = False
            bad.append(f"    t={run.rel(begin):6.2f}s {item['method']} {item['route']}: {kind} "
                       f"({where}) {item.get('error') or ''}")
    for (route, kind, where, allowed), count in sorted(by_kind.items(), key=lambda kv: (kv[0][2], kv[0][0])):
        lines.append(f"  {'ok  ' if allowed else 'BAD '} {count:>5} × {route[:48]:<48} {kind} — {where}")
    if bad:
        lines.append("  the ones not allowed:")
        lines.extend(bad[:40])
        if len(bad) > 40:
            lines.append(f"    … and {len(bad) - 40} more")
    return ok, lines


def check_briefs(accepted: list[dict], core_briefs: list[dict], engine: sa.Engine) -> tuple[bool, list[str]]:
    keys = {item["key"] for item in accepted}
    at_core: Counter = Counter(b["idempotency_key"] for b in core_briefs)
    lost = sorted(k for k in keys if at_core[k] == 0)
    doubled = sorted(k for k, n in at_core.items() if n > 1)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT idempotency_key, status, core_brief_id FROM briefs")).all()
    in_bff = {row.idempotency_key: row for row in rows}
    not_in_bff = sorted(k for k in keys if k not in in_bff)
    unregistered = sorted(row.idempotency_key for row in rows if row.status != "registered")
    core_ids = Counter(row.core_brief_id for row in rows if row.core_brief_id)
    shared_core_id = sorted(i for i, n in core_ids.items() if n > 1)
    unacknowledged = sorted(k for k in at_core if k not in keys and k in in_bff)
    foreign = sorted(k for k in at_core if k not in in_bff)
    replayed = sum(1 for item in accepted if item.get("replayed"))
    ok = not (lost or doubled or not_in_bff or unregistered or shared_core_id or foreign)
    lines = [
        f"  accepted by the BFF (202): {len(keys)}; sent more than once before the 202: "
        f"{sum(1 for i in accepted if i.get('attempt', 1) > 1)}; the 202 a replay of an earlier acceptance: "
        f"{replayed}",
        f"  rows in the BFF: {len(rows)}; registered: {len(rows) - len(unregistered)}; "
        f"registered at the core: {len(core_briefs)} brief(s) under {len(at_core)} key(s)",
        f"  accepted and registered exactly once: {sum(1 for k in keys if at_core[k] == 1)}",
        f"  lost (accepted, not at the core): {len(lost)} {lost[:5]}",
        f"  duplicated at the core: {len(doubled)} {doubled[:5]}",
        f"  accepted but missing from the BFF's table: {len(not_in_bff)} {not_in_bff[:5]}",
        f"  not registered after the drain: {len(unregistered)} {unregistered[:5]}",
        f"  at the core without a BFF row: {len(foreign)} {foreign[:5]}",
        f"  stored and registered, but the client never saw its 202 (the load ended or the connection "
        f"broke; the PWA would send it again with the same key): {len(unacknowledged)}",
    ]
    return ok, lines


def check_pushes(run: Run, push, devices: dict[str, list]) -> tuple[bool, list[str], list[float]]:
    owner = {device.endpoint: sub for sub, items in devices.items() for device in items}
    issued = {n["id"]: n for n in run.notices}
    got: dict[tuple[str, str], list] = defaultdict(list)
    strays: list[str] = []
    other_kinds: Counter = Counter()
    for endpoint in owner:
        for message in push.received(endpoint):
            url = message.payload.get("url", "")
            if message.payload.get("type") != "notice_issued":
                other_kinds[message.payload.get("type")] += 1
                continue
            notice_id = url.rsplit("/", 1)[-1]
            if notice_id not in issued or issued[notice_id]["sub"] != owner[endpoint]:
                strays.append(f"{notice_id} on a device of {owner[endpoint]}")
                continue
            got[(notice_id, endpoint)].append(message)
    missing, doubled, latencies = [], [], []
    for notice_id, notice in issued.items():
        for device in devices[notice["sub"]]:
            messages = got.get((notice_id, device.endpoint), [])
            if not messages:
                missing.append(notice_id)
            elif len(messages) > 1:
                doubled.append(f"{notice_id} ×{len(messages)}")
            if messages:
                latencies.append(messages[0].received_at - notice["issued_at"])
    expected = sum(len(devices[n["sub"]]) for n in issued.values())
    ok = not (missing or doubled or strays or push.rejections or run.notice_failures)
    lines = [
        f"  notices issued: {len(issued)} to {len({n['sub'] for n in issued.values()})} citizens with "
        f"{sum(len(v) for v in devices.values())} devices; pushes expected: {expected}",
        f"  delivered exactly once: {expected - len(missing) - len(doubled)}",
        f"  missing: {len(missing)} {missing[:5]}",
        f"  duplicated: {len(doubled)} {doubled[:5]}",
        f"  on a device of another citizen, or of a notice never issued: {len(strays)} {strays[:5]}",
        f"  refused by the push service (VAPID, encryption): {len(push.rejections)} {push.rejections[:3]}",
        f"  other pushes on these devices (not checked here): {dict(other_kinds) or 'none'}",
    ]
    if run.notice_failures:
        lines.append(f"  notices the sandbox refused to issue: {len(run.notice_failures)} {run.notice_failures[:3]}")
    return ok, lines, latencies


# -- the whole run ------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--wait", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="seconds each simulated user waits between two actions (default 1 3)")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--web-threads", type=int, default=4)
    parser.add_argument("--worker-threads", type=int, default=4)
    parser.add_argument("--keep-alive", type=int, default=10,
                        help="gunicorn's keep-alive (s): longer than any pause of a simulated user (think time up to "
                             "3 s, a resend after Retry-After up to 6 s), as a proxy in front would keep it")
    parser.add_argument("--brief-lease", type=int, default=45,
                        help="BRIEF_FORWARD_LEASE_SECONDS: an attempt cut short by the database restart holds its "
                             "brief this long (default 120 s in production; shortened to fit the run)")
    parser.add_argument("--latency-ms", type=int, default=50, help="latency of every core call")
    parser.add_argument("--device-citizens", type=int, default=8, help="citizens with two push devices each")
    parser.add_argument("--notice-interval", type=float, default=0.5, help="seconds between two notices")
    parser.add_argument("--drain", type=float, default=90, help="longest wait for the outboxes after the load")
    parser.add_argument("--breaker-reset", type=int, default=30, help="CORE_BREAKER_RESET_SECONDS of the BFF")
    parser.add_argument("--faults", default=",".join(FAULTS),
                        help=f"which faults to inject, comma-separated, from {','.join(FAULTS)} (default: all)")
    parser.add_argument("--no-faults", action="store_true", help="the same load without faults (a baseline)")
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL"),
                        help="a PostgreSQL of your own (default: a private cluster started for the run)")
    parser.add_argument("--redis-url", default=os.environ.get("LOAD_REDIS_URL"),
                        help="a Redis of your own (default: a private redis-server started for the run)")
    parser.add_argument("--pg-restart", default=None, help="command that restarts PostgreSQL")
    parser.add_argument("--redis-stop", default=None, help="command that stops Redis")
    parser.add_argument("--redis-start", default=None, help="command that starts Redis again")
    parser.add_argument("--log-level", default="WARNING", help="LOG_LEVEL of the BFF and the worker")
    args = parser.parse_args()
    args.faults = set() if args.no_faults else {name.strip() for name in args.faults.split(",") if name.strip()}
    if args.faults - set(FAULTS):
        parser.error(f"unknown faults: {', '.join(sorted(args.faults - set(FAULTS)))}")
    private = None
    if not args.database_url and not args.redis_url:
        say("starting a private PostgreSQL cluster and Redis server for this run …")
        private = PrivateServices.create().start()
        args.database_url, args.redis_url = private.database_url, private.redis_url
        args.pg_restart = args.pg_restart or private.pg_restart
        args.redis_stop = args.redis_stop or private.redis_stop
        args.redis_start = args.redis_start or private.redis_start
    elif not (args.database_url and args.redis_url):
        parser.error("give both --database-url and --redis-url, or neither (then the run starts its own)")
    try:
        return _main(args)
    finally:
        if private is not None:
            private.stop()


def _main(args: argparse.Namespace) -> int:
    """The run, once PostgreSQL and Redis are chosen (and started, when they are the run's own)."""
    args.pg_restart = args.pg_restart or default_pg_restart()
    default_stop, default_start = redis_commands(args.redis_url)
    args.redis_stop = args.redis_stop or default_stop
    args.redis_start = args.redis_start or default_start

    base_db = args.database_url.replace("postgres://", "postgresql://", 1)
    admin_url = base_db.replace("postgresql://", "postgresql+psycopg://", 1)
    if not postgres_up(admin_url) or not redis_up(args.redis_url):
        say(f"PostgreSQL ({args.database_url}) and Redis ({args.redis_url}) must both be running.")
        return 2

    out = OUT_ROOT / "load"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    locust = ensure_locust()
    run = Run(args, out)
    processes: list[Process] = []
    schema = f"load_{uuid.uuid4().hex[:10]}"
    queue = f"load-{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    database_url = base_db + ("&" if "?" in base_db else "?") + f"options=-csearch_path%3D{schema}"
    engine = sa.create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=NullPool)
    clients: list[httpx.Client] = []
    code = 1
    try:
        code = _run(run, locust, processes, clients, database_url, engine, queue)
    finally:
        run.stop.set()
        for client in clients:
            client.close()
        for process in reversed(processes):
            process.stop()
        if run.push is not None:
            run.push.stop()
        # Whatever happened, leave PostgreSQL and Redis running, and this run's schema and queue gone.
        errors: list[str] = []
        start_redis(args.redis_start, args.redis_url, errors)
        if not wait_until(lambda: postgres_up(admin_url), 30, 0.5):
            run_command(args.pg_restart.replace(" restart", " start"), timeout=120)
            wait_until(lambda: postgres_up(admin_url), 60, 0.5)
        for error in errors:
            say(f"!! {error}")
        engine.dispose()
        with contextlib.suppress(Exception), admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
        with contextlib.suppress(Exception):
            from huey import RedisHuey

            RedisHuey(queue, url=args.redis_url).storage.flush_all()
    return code


def _run(run: Run, locust: Path, processes: list[Process], clients: list, database_url: str,
         engine: sa.Engine, queue: str) -> int:
    args, out = run.args, run.out
    PushService = _load_push_service()

    # The core sandbox, one gunicorn process (its state is in memory), with latency on every core call.
    sandbox_port = free_port()
    sandbox_url = f"http://127.0.0.1:{sandbox_port}"
    sandbox_env = {**os.environ, "SANDBOX_MODE": "test", "SANDBOX_ISSUER": sandbox_url}
    sandbox = Process("sandbox", [str(BIN / "gunicorn"), "sandbox:create_app()", "--bind", f"127.0.0.1:{sandbox_port}",
                                  "--workers", "1", "--threads", "32", "--no-control-socket"],
                      sandbox_env, out / "sandbox.log")
    processes.append(sandbox)
    if not wait_until(lambda: answers(sandbox_url + "/sandbox/control"), 120):
        raise RuntimeError("the sandbox did not start:\n" + sandbox.tail())
    httpx.put(f"{sandbox_url}/sandbox/control/faults", json={"latency_ms": args.latency_ms}).raise_for_status()
    otp = os.environ.get("SANDBOX_OTP", "123456")
    citizens = httpx.get(f"{sandbox_url}/sandbox/control/citizens").json()["citizens"]

    # The push service the devices subscribe at, and the BFF's VAPID key.
    key = generate_private_key()
    vapid = VapidKey(key, "mailto:push@hamrah.example")
    push = run.push = PushService(vapid.application_server_key).start()

    web_port = free_port()
    base = f"http://127.0.0.1:{web_port}"
    instance = out / "instance"
    instance.mkdir()
    env = {**os.environ, "APP_ENV": "development", "INSTANCE_PATH": str(instance), "DATABASE_URL": database_url,
           "REDIS_URL": args.redis_url, "QUEUE_NAME": queue, "SECRET_KEY": "load-secret-key-" + "l" * 32,
           "PUBLIC_BASE_URL": base, "CORE_BASE_URL": sandbox_url, "OIDC_ISSUER": sandbox_url,
           "VAPID_PRIVATE_KEY": private_raw(key), "LOG_LEVEL": args.log_level, "LOG_JSON": "true",
           "OFFICES_SYNC_ON_START": "false", "CORE_BREAKER_RESET_SECONDS": str(args.breaker_reset),
           "BRIEF_FORWARD_LEASE_SECONDS": str(args.brief_lease),
           # Every simulated user comes from 127.0.0.1: per-address limits would treat the crowd as one client.
           "RATE_LIMIT_LOGIN": "100000 per minute", "RATE_LIMIT_SEARCH": "100000 per minute"}
    for name in ("TEST_DATABASE_URL", "LOG_FILE", "RATE_LIMIT_STORAGE_URL"):
        env.pop(name, None)
    flask = [str(BIN / "flask"), "--app", "bff"]
    for command in (["db", "upgrade"], ["offices", "sync"], ["push", "poll"]):
        result = subprocess.run(flask + command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"flask {' '.join(command)} failed:\n{result.stderr[-2000:]}")

    web = Process("web", [str(BIN / "gunicorn"), "bff:create_app()", "--bind", f"127.0.0.1:{web_port}",
                          "--workers", str(args.web_workers), "--threads", str(args.web_threads),
                          "--timeout", "30", "--graceful-timeout", "5", "--keep-alive", str(args.keep_alive),
                          "--no-control-socket"],
                  env, out / "web.log")
    processes.append(web)
    worker = Process("worker", [str(BIN / "huey_consumer"), "bff.worker.huey", "--workers", str(args.worker_threads),
                                "--worker-type", "thread"], env, out / "worker.log")
    processes.append(worker)
    if not wait_until(lambda: answers(base + "/healthz"), 120):
        raise RuntimeError("the BFF did not start:\n" + web.tail())

    # Citizens with two devices each (only those whose cases can take a notice).
    with_cases = [c for c in citizens if c["case_ids"]]
    people = random.Random(7).sample(with_cases, min(args.device_citizens, len(with_cases)))
    devices: dict[str, list] = {}
    for person in people:
        client = sign_in(base, sandbox_url, person["national_code"], otp)
        clients.append(client)
        devices[person["sub"]] = []
        for _ in range(2):
            device = push.subscription()
            answer = client.post("/api/v1/push/subscriptions", json={**device.info, "label": "load test"},
                                 headers={"X-CSRF-Token": client.cookies["csrf_token"]})
            if answer.status_code != 200:
                raise RuntimeError(f"subscribing a device failed: {answer.status_code} {answer.text[:300]}")
            devices[person["sub"]].append(device)

    def pump_running() -> bool:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM push_leases WHERE name = 'pump'")).scalar() > 0

    if not wait_until(pump_running, 60):
        raise RuntimeError("the worker's push loop did not start:\n" + worker.tail())

    # The load.
    config = out / "config.json"
    config.write_text(json.dumps({
        "otp": otp, "citizens": [{"national_code": c["national_code"], "sub": c["sub"], "case_ids": c["case_ids"]}
                                 for c in with_cases],
        "files": sample_files(out), "errors_path": str(out / "server_errors.jsonl"),
        "briefs_path": str(out / "accepted_briefs.jsonl"), "wait": list(args.wait),
    }, ensure_ascii=False))
    say(f"Load: {args.users} users (half office seekers, half signed-in citizens of {len(with_cases)}), "
        f"{args.seconds} s, wait {args.wait[0]:g}–{args.wait[1]:g} s between actions; BFF gunicorn "
        f"{args.web_workers}×{args.web_threads} threads, one worker ({args.worker_threads} threads), PostgreSQL, "
        f"Redis, core latency {args.latency_ms} ms; {len(people)} citizens with 2 devices each, a notice every "
        f"{args.notice_interval:g} s")
    schedule = {"kill": "kill a web worker at 10 s", "postgres": "restart PostgreSQL at 20 s",
                "redis": "Redis down 32–42 s", "core": "core down 45–75 s"}
    say("Faults: " + (", ".join(text for name, text in schedule.items() if name in args.faults) or "none"))
    locust_env = {**os.environ, "LOAD_CONFIG": str(config)}
    locust_run = Process("locust", [str(locust), "-f", str(HERE / "locustfile.py"), "--headless",
                                    "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.seconds}s",
                                    "--host", base, "--csv", str(out / "locust"), "--only-summary",
                                    "--stop-timeout", "5", "--loglevel", "WARNING"],
                         locust_env, out / "locust.log")
    processes.append(locust_run)
    run.t0 = time.time()
    threads = [threading.Thread(target=issue_notices, args=(run, sandbox_url, people), daemon=True)]
    if args.faults:
        threads.append(threading.Thread(target=inject_faults, args=(run, web, sandbox_url, database_url,
                                                                    args.redis_url), daemon=True))
    for thread in threads:
        thread.start()
    locust_run.popen.wait(args.seconds + 60)
    load_ended = time.time()
    for thread in threads:
        thread.join(timeout=max(1.0, run.t0 + 80 - time.time()))
    if not worker.alive():
        run.fault_errors.append("the Huey consumer exited during the run:\n" + worker.tail())
    if not web.alive():
        run.fault_errors.append("the BFF's gunicorn master exited during the run:\n" + web.tail())

    # Drain: the briefs forwarded, the feed read to its head, every push sent.
    drain_started = time.time()
    head = httpx.get(f"{sandbox_url}/sandbox/control").json()["event_head"]
    ok_drained = wait_until(lambda: drained(outbox_state(engine), head, run.notices,
                                            lambda: push.total()), args.drain, 1.0)
    drain_took = time.time() - drain_started
    state = outbox_state(engine)
    with engine.connect() as conn:
        pending = [dict(row._mapping) for row in conn.execute(sa.text(
            "SELECT id, status, attempts, awaiting_sign_in, next_attempt_at, lease_until, last_error FROM briefs "
            "WHERE status IN ('received', 'forwarding') ORDER BY received_at LIMIT 5"))]
    (out / "run.json").write_text(json.dumps({
        "t0": run.t0, "load_ended": load_ended, "windows": [vars(w) for w in run.windows]}, indent=1))
    core_briefs = httpx.get(f"{sandbox_url}/sandbox/control/briefs", timeout=30).json()["briefs"]

    # Report.
    say("\nFault windows (seconds after the load began; grace after each: 5 s, core: breaker reset + 5 s)")
    if not run.windows:
        say("  none")
    for window in run.windows:
        end = f"{run.rel(window.end):6.1f}" if window.end else "   ?  "
        say(f"  {run.rel(window.start):6.1f} – {end}  {window.name}  {window.note}")
    say(f"  load ended at {run.rel(load_ended):.1f} s; outboxes drained "
        f"{'in' if ok_drained else 'NOT within'} {drain_took:.1f} s from {run.rel(drain_started):.1f} s "
        f"(briefs {state['briefs']}, deliveries {state['deliveries']})")
    for row in pending:
        say(f"  still pending: {row}")
    stats = read_stats(out / "locust_stats.csv")
    print_routes(stats)
    print_failures(out / "locust_failures.csv")

    results = []
    say("\nCheck: every accepted brief registered at the core exactly once")
    ok, lines = check_briefs(read_jsonl(out / "accepted_briefs.jsonl"), core_briefs, engine)
    results.append(("briefs registered exactly once", ok))
    for line in lines:
        say(line)
    say("\nCheck: every notice pushed exactly once to each device of its citizen")
    ok, lines, latencies = check_pushes(run, push, devices)
    results.append(("notices pushed exactly once per device", ok))
    for line in lines:
        say(line)
    (out / "notices.json").write_text(json.dumps([{**n, "received_at": sorted(
        m.received_at for d in devices[n["sub"]] for m in push.received(d)
        if m.payload.get("url") == f"/notices/{n['id']}")} for n in run.notices], indent=1))
    if latencies:
        say(f"  notice → push service: p50 {percentile(latencies, .5):.1f} s, p95 {percentile(latencies, .95):.1f} s, "
            f"max {max(latencies):.1f} s (the core was down 45–75 s: its notices wait for it)")
    say("\nCheck: no 5xx but 503 with Retry-After while a dependency was down")
    ok, lines = check_server_errors(run, read_jsonl(out / "server_errors.jsonl"))
    results.append(("5xx only as 503 + Retry-After inside a fault", ok))
    say("\n".join(lines) if lines else "  no 5xx and no unanswered request")
    results.append(("faults injected as scheduled", not run.fault_errors))
    for error in run.fault_errors:
        say(f"!! {error}")
    results.append(("outboxes drained", bool(ok_drained)))

    total = next((r for r in stats if r["Name"] == "Aggregated"), None)
    say("\nSummary")
    if total:
        say(f"  {int(total['Request Count'])} requests, {float(total['Requests/s']):.1f} req/s, "
            f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms, "
            f"{int(total['Failure Count'])} failures (see errors per route)")
    for name, passed in results:
        say(f"  {'PASS' if passed else 'FAIL'}  {name}")
    say(f"  logs and CSVs: {out.relative_to(ROOT)}/")
    return 0 if all(passed for _, passed in results) else 1


if __name__ == "__main__":
    sys.exit(main())
