"""HTTP throughput of GET /api/v1/offices/nearest against a bare Flask "hello", same machine, same run.

Both run under gunicorn with the production shape (2 workers × 4 threads). The BFF gets its own SQLite
database, migrated and loaded with the 1,676 sample offices. The load tool is wrk (Debian: `apt-get
install wrk`), with random query points over Iran for the nearest endpoint; without wrk, a Python client
with keep-alive connections in threads stands in (it measures less precisely, and says so).

Budget (design): the nearest endpoint reaches >= 50 % of the bare hello's requests per second.
Prints figures; exits 0 whatever they are (a benchmark, not a test).

    .venv/bin/python bench/offices_http.py [--seconds 10] [--connections 16]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SAMPLE = ROOT / "sandbox" / "data" / "offices.json"
WORKERS, THREADS = 2, 4
LUA = """
math.randomseed(1404)
request = function()
  local lat = 25 + math.random() * 14.8
  local lon = 44 + math.random() * 19.3
  return wrk.format("GET", string.format("/api/v1/offices/nearest?lat=%.5f&lon=%.5f", lat, lon))
end
"""


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app: str, env: dict, chdir: Path, probe: str):
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), app, "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
         "--threads", str(THREADS), "--chdir", str(chdir)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + probe, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{app} did not come up")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def run_wrk(url: str, seconds: int, connections: int, script: Path | None) -> float:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"    warning: {errors.group(1)} non-2xx answers")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def run_python(url: str, seconds: int, connections: int, nearest: bool) -> float:
    done = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        count = 0
        with httpx.Client(timeout=10) as client:
            while time.monotonic() < stop:
                target = url
                if nearest:
                    target = f"{url}?lat={25 + rng.random() * 14.8:.5f}&lon={44 + rng.random() * 19.3:.5f}"
                client.get(target).raise_for_status()
                count += 1
        with lock:
            done[0] += count

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / (time.monotonic() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    have_wrk = shutil.which("wrk") is not None

    with tempfile.TemporaryDirectory(prefix="bench-offices-") as tmp:
        instance = Path(tmp)
        env = {**os.environ, "APP_ENV": "development", "INSTANCE_PATH": str(instance),
               "DATABASE_URL": f"sqlite:///{instance / 'bench.sqlite3'}", "SECRET_KEY": "bench-" + "k" * 40,
               "LOG_LEVEL": "INFO", "OFFICES_SYNC_ON_START": "false",
               # throughput, not the per-address search limit, is what this measures
               "RATE_LIMIT_SEARCH": "1000000 per minute"}
        for key in ("REDIS_URL", "TEST_DATABASE_URL"):
            env.pop(key, None)
        flask = [str(BIN / "flask"), "--app", "bff"]
        subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*flask, "offices", "import", str(SAMPLE)], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        script = instance / "nearest.lua"
        script.write_text(LUA)

        tool = "wrk" if have_wrk else "python threads (install wrk for better figures)"
        print(f"gunicorn {WORKERS} workers x {THREADS} threads each; {args.connections} connections, "
              f"{args.seconds} s per run; load tool: {tool}; {os.cpu_count()} CPUs shared with the tool")
        results = {}
        with gunicorn("hello:app", env, ROOT / "bench", "/hello") as base:
            url = base + "/hello"
            run = (lambda: run_wrk(url, 2, args.connections, None)) if have_wrk else (
                lambda: run_python(url, 2, args.connections, False))
            run()  # warm up
            results["hello"] = run_wrk(url, args.seconds, args.connections, None) if have_wrk else \
                run_python(url, args.seconds, args.connections, False)
        with gunicorn("bff:create_app()", env, ROOT, "/api/v1/offices/nearest?lat=32.65&lon=51.67") as base:
            url = base + "/api/v1/offices/nearest"
            if have_wrk:
                run_wrk(url, 2, args.connections, script)
                results["nearest"] = run_wrk(url, args.seconds, args.connections, script)
                results["healthz"] = run_wrk(base + "/healthz", args.seconds, args.connections, None)
            else:
                run_python(url, 2, args.connections, True)
                results["nearest"] = run_python(url, args.seconds, args.connections, True)
                results["healthz"] = run_python(base + "/healthz", args.seconds, args.connections, False)

    ratio = results["nearest"] / results["hello"]
    print(f"  bare Flask hello                 {results['hello']:10.0f} req/s")
    print(f"  GET /api/v1/offices/nearest      {results['nearest']:10.0f} req/s  (10 offices, random points)")
    print(f"  GET /healthz of the same BFF     {results['healthz']:10.0f} req/s  (the app's per-request floor: "
          f"{results['healthz'] / results['hello']:.0%} of hello)")
    print(f"  ratio                            {ratio:10.0%}  — {'PASS' if ratio >= 0.5 else 'UNDER'} "
          "(budget >= 50 % of hello)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
