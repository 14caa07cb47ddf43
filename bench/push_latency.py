"""Event-to-push latency: from a notice issued in the core to its push arriving at the push service.

Everything real but on loopback: the sandbox core (event feed over HTTP), the BFF's push loop as the
worker runs it (feed poll every PUSH_POLL_INTERVAL, outbox, sender), and a push service that checks
VAPID and decrypts every message. Notices are issued at random moments, one at a time; the latency
of each is measured from just before the control call that issues it to the push service's 201.

Prints p50/p90/p99/max; exits 0 whatever they are. Budget: within 5 s.

    python3 bench/push_latency.py [--notices 60] [--poll-interval 1.0]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import TEST_DATABASE_URL, make_settings, reset_database  # noqa: E402 (sets a throwaway env)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=60)
    parser.add_argument("--poll-interval", type=float, default=1.0)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from bff import create_app
    from bff.platform.db import db
    from bff.push import feed, pump
    from bff.push.models import Subscription
    from bff.push.vapid import b64url
    from sandbox.testing import SandboxServer
    from tests.support.push_service import PushService

    with SandboxServer() as sandbox:
        reset_database(TEST_DATABASE_URL)
        app = create_app(make_settings(core_base_url=sandbox.url, oidc_issuer=sandbox.url, log_level="WARNING",
                                       push_poll_interval=args.poll_interval))
        citizen = sandbox.citizens()[0]
        with PushService(app.extensions["vapid"].application_server_key) as service, app.app_context():
            upgrade()
            device = service.subscription()
            now = datetime.now(UTC)
            db.session.add(Subscription(sub=citizen["sub"], endpoint=device.endpoint, p256dh=device.p256dh,
                                        auth=b64url(device.auth_secret), label="bench", vapid_key_id="bench",
                                        created_at=now, updated_at=now))
            db.session.commit()
            feed.poll_once()  # start at the head
            db.session.remove()

            def loop() -> None:
                with app.app_context():
                    pump.run(duration=3600)

            threading.Thread(target=loop, daemon=True).start()
            latencies = []
            for index in range(args.notices):
                time.sleep(random.uniform(0, args.poll_interval))
                started = time.time()
                response = sandbox.control("POST", "notices", json={
                    "person": citizen["sub"], "case_id": citizen["case_ids"][0], "type": "notice",
                    "title": f"سنجش {index}"})
                response.raise_for_status()
                received = service.wait_for(device, index + 1, timeout=30)
                if len(received) <= index:
                    print(f"notice {index} did not arrive within 30 s")
                    break
                latencies.append(received[index].received_at - started)

    print(f"event-to-push latency: {len(latencies)} notices, feed polled every {args.poll_interval:.2f} s, "
          f"push service on loopback (VAPID verified, every payload decrypted), rejections: "
          f"{len(service.rejections)}")
    print(f"  p50 {statistics.median(latencies) * 1000:7.0f} ms")
    print(f"  p90 {percentile(latencies, 0.90) * 1000:7.0f} ms")
    print(f"  p99 {percentile(latencies, 0.99) * 1000:7.0f} ms")
    print(f"  max {max(latencies) * 1000:7.0f} ms")
    print("budget: an event in the core reaches the push service within 5 s")


if __name__ == "__main__":
    main()
