"""Accepted brief submissions per second through the real endpoint.

The BFF runs under gunicorn in the production shape (2 workers × 4 threads) on a fresh database (SQLite
by default; --database-url for PostgreSQL) against the sandbox, which answers each submission's case
check. Client threads, each with its own signed-in session, submit briefs with new Idempotency-Keys for
a fixed time. Three kinds of brief: text only; text and a 200 KB PDF; text, a 200 KB PDF and a phone
photo of 2,000 × 1,500 px (decoded and re-encoded without metadata).

Prints figures; exits 0 whatever they are (a benchmark, not a test).

    .venv/bin/python bench/brief_throughput.py [--seconds 8] [--clients 8] [--database-url postgresql://…]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

from brief_support import bff, pdf_of_size, photo, sandbox, signed_in, submit


def run(base: str, core, clients: int, seconds: float, files) -> dict:
    sessions = [signed_in(base, core) for _ in range(clients)]
    opened = [session.__enter__() for session in sessions]
    latencies: list[float] = []
    failures: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(http) -> None:
        while time.monotonic() < stop:
            started = time.perf_counter()
            response = submit(http, files)
            elapsed = time.perf_counter() - started
            with lock:
                if response.status_code == 202:
                    latencies.append(elapsed)
                else:
                    failures[response.status_code] = failures.get(response.status_code, 0) + 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(http,)) for http in opened]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    for session in sessions:
        session.__exit__(None, None, None)
    latencies.sort()
    return {
        "accepted": len(latencies), "per_second": len(latencies) / wall, "failures": failures,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    small_pdf = pdf_of_size(200_000)
    kinds = {
        "text only": [],
        "text + 200 KB PDF": [("scan.pdf", small_pdf, "application/pdf")],
        "text + PDF + photo 2000x1500": [("scan.pdf", small_pdf, "application/pdf"),
                                         ("photo.jpg", photo(), "image/jpeg")],
    }
    database = "PostgreSQL" if (args.database_url or "").startswith("postgres") else "SQLite"
    print(f"Accepted briefs per second: gunicorn 2 workers x 4 threads, {database}, {args.clients} clients, "
          f"{args.seconds:g} s each\n")
    print(f"  {'brief':<30} {'accepted':>9} {'per second':>11} {'p50':>9} {'p99':>9}  refused")
    with sandbox() as core, bff(core, workers=2, threads=4, database_url=args.database_url) as (base, _):
        with signed_in(base, core) as warm:
            submit(warm, kinds["text + PDF + photo 2000x1500"])
        for label, files in kinds.items():
            run(base, core, args.clients, 1, files)  # warm-up: connections, imports, caches
            result = run(base, core, args.clients, args.seconds, files)
            refused = ", ".join(f"{status}: {count}" for status, count in sorted(result["failures"].items())) or "none"
            print(f"  {label:<30} {result['accepted']:>9} {result['per_second']:>11.1f} {result['p50_ms']:>7.0f}ms"
                  f" {result['p99_ms']:>7.0f}ms  {refused}")
    print("\nEach submission includes the case check at the core (the sandbox, in its own process) and the commit "
          "of the brief and its files.\nThe machine's cores are shared by the BFF, the sandbox and the clients; "
          "expect a spread between runs.")


if __name__ == "__main__":
    main()
