"""Browser-test helpers: Debian's Chromium, a phone-sized Persian context, axe-core checks."""

from __future__ import annotations

import json

from tests.support import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = ROOT / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "locale": "fa-IR", "timezone_id": "Asia/Tehran"}


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core in the page; the violations of the given impacts, summarised."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in impacts]


def format_violations(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)


def wait_for_service_worker(page) -> None:
    """Until a service worker controls the page (its caches are then in use)."""
    # wait_for_function polls with eval, which the page's CSP forbids; a promise in evaluate is allowed.
    page.evaluate("""async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
            await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
        }
    }""")
