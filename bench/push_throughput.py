"""Encrypted Web Push deliveries per second per worker process, to a loopback push service over TLS.

The push service (tests/support/push_service.py) runs in its own process, answers 201 and checks
the VAPID token and decrypts every 50th message (every one would make it the bottleneck). Measured:

  webpush() per message       pywebpush's one-call API: a new connection and a new VAPID signature each
  PushSender                  one keep-alive requests.Session per thread, VAPID signed once per audience
  outbox, N thread(s)         the real path: deliveries claimed from the database, sent, each outcome
                              committed (what the worker does), with 1 and 4 threads in one process

Each figure is the median of --runs runs (the best in brackets): on a shared machine single runs vary.
Prints figures; exits 0 whatever they are. The database is a fresh SQLite file, or TEST_DATABASE_URL.

    python3 bench/push_throughput.py [--messages 1000] [--devices 100] [--runs 3] [--plain-http]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import TEST_DATABASE_URL, make_settings, reset_database  # noqa: E402 (sets a throwaway env)

CHECK_EVERY = 50


def push_service_process(public_key: str, tls: bool, devices: int, pipe) -> None:
    """The child: a push service with ``devices`` subscriptions; reports its counts when told to stop."""
    from tests.support.push_service import PushService

    with PushService(public_key, tls=tls, check_every=CHECK_EVERY) as service:
        made = [service.subscription() for _ in range(devices)]
        pipe.send({"ca_file": service.ca_file, "devices": [device.info for device in made]})
        while pipe.recv() != "stop":
            pipe.send({"accepted": service.accepted, "checked": service.total(), "rejected": len(service.rejections)})
        pipe.send({"accepted": service.accepted, "checked": service.total(), "rejections": service.rejections[:3]})


def summary(runs: list[tuple[int, float]]) -> str:
    rates = sorted(count / seconds for count, seconds in runs)
    count = runs[0][0]
    return f"{statistics.median(rates):8.1f}/s  (best {rates[-1]:.1f}/s; {count} messages per run)"


def bench_webpush_call(key, infos: list[dict], count: int) -> tuple[int, float]:
    from pywebpush import webpush

    from bff.push.vapid import private_raw

    raw = private_raw(key.private_key)
    payload = '{"title":"آزمایش","body":"سنجش"}'
    started = time.perf_counter()
    for index in range(count):
        webpush(infos[index % len(infos)], payload, vapid_private_key=raw, vapid_claims={"sub": key.subject},
                ttl=60, timeout=10)
    return count, time.perf_counter() - started


def bench_sender(sender, infos: list[dict], count: int) -> tuple[int, float]:
    payload = '{"title":"آزمایش","body":"سنجش"}'.encode()
    started = time.perf_counter()
    for index in range(count):
        result = sender.send(infos[index % len(infos)], payload, ttl=60, urgency="normal", topic="bench")
        assert result.accepted, result
    return count, time.perf_counter() - started


def fill_outbox(app, infos: list[dict], count: int) -> None:
    """``count`` deliveries: one citizen per device, one notice each, until there are enough."""
    from bff.platform.db import db
    from bff.push.models import Delivery, Notification, Subscription

    now = datetime.now(UTC)
    with app.app_context():
        db.session.query(Delivery).delete()
        db.session.query(Notification).delete()
        db.session.query(Subscription).delete()
        subscriptions = []
        for index, info in enumerate(infos):
            row = Subscription(sub=f"cit-bench{index:05d}", endpoint=info["endpoint"], p256dh=info["keys"]["p256dh"],
                               auth=info["keys"]["auth"], label="bench", vapid_key_id="bench", created_at=now,
                               updated_at=now)
            db.session.add(row)
            subscriptions.append(row)
        db.session.flush()
        for index in range(count):
            row = subscriptions[index % len(subscriptions)]
            notification = Notification(
                sub=row.sub, topic="notice", kind="notice_issued", dedupe_key=f"bench:{index}", params={
                    "notice_id": f"n-{index}", "number": "140400000001", "type": "summons", "title": "احضار"},
                url=f"/notices/n-{index}", urgency="normal", topic_header=f"n-{index}", not_before=now,
                expires_at=now + timedelta(days=1), created_at=now, fanned_out_at=now)
            db.session.add(notification)
            db.session.flush()
            db.session.add(Delivery(notification_id=notification.id, subscription_id=row.id, status="created",
                                    attempts=0, next_attempt_at=now, created_at=now, updated_at=now))
        db.session.commit()
        db.session.remove()


def bench_outbox(app, threads: int) -> tuple[int, float]:
    from bff.platform.db import db
    from bff.push import delivery

    sent = [0] * threads

    def work(slot: int) -> None:
        with app.app_context():
            while True:
                totals = delivery.deliver_due(time_budget=2.0)
                if not totals:
                    break
                sent[slot] += totals.get("delivered", 0)
            db.session.remove()

    workers = [threading.Thread(target=work, args=(slot,)) for slot in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(sent), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--devices", type=int, default=100)
    parser.add_argument("--plain-http", action="store_true", help="no TLS between sender and push service")
    args = parser.parse_args()

    from flask_migrate import upgrade

    from bff import create_app
    from bff.platform.db import db

    reset_database(TEST_DATABASE_URL)
    app = create_app(make_settings(log_level="WARNING"))
    with app.app_context():
        upgrade()
        db.session.remove()
    key = app.extensions["vapid"]
    sender = app.extensions["push_sender"]

    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    service = context.Process(target=push_service_process, args=(key.application_server_key, not args.plain_http,
                                                                  args.devices, child), daemon=True)
    service.start()
    setup = parent.recv()
    if setup["ca_file"]:
        os.environ["REQUESTS_CA_BUNDLE"] = setup["ca_file"]  # each thread's session trusts the test certificate
    infos = setup["devices"]
    database = app.config["SQLALCHEMY_DATABASE_URI"].split(":", 1)[0]
    transport = "HTTP/1.1 over TLS, keep-alive" if not args.plain_http else "plain HTTP, keep-alive"
    print(f"push throughput: {args.messages} messages, {len(infos)} devices, {transport}, database {database}, "
          f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}")

    bench_sender(sender, infos, 50)  # warm up: connections, the VAPID header
    results: dict[str, list[tuple[int, float]]] = {}
    for _ in range(args.runs):
        results.setdefault("webpush() per message", []).append(
            bench_webpush_call(key, infos, max(100, args.messages // 8)))
        results.setdefault("PushSender (one session, VAPID cached)", []).append(
            bench_sender(sender, infos, args.messages))
        for threads in (1, 4):
            fill_outbox(app, infos, args.messages)
            results.setdefault(f"outbox, {threads} thread(s) in one process", []).append(bench_outbox(app, threads))

    for name, runs in results.items():
        print(f"  {name:42s} {summary(runs)}")
    parent.send("stop")
    stats = parent.recv()
    service.join(5)
    print(f"push service: {stats['accepted']} accepted, {stats['checked']} checked (VAPID verified, decrypted), "
          f"rejections: {stats['rejections'] or 'none'}")
    print("budget: >= 200 encrypted deliveries/s per worker process")


if __name__ == "__main__":
    main()
