"""Browser-test steps around signing in: the sandbox identity provider's page, the service worker, kept data."""

from __future__ import annotations

import re

PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def sign_in_at_the_identity_provider(page, national_code: str) -> None:
    """On the sandbox's sign-in page: the national code, the one-time code the page shows, submit."""
    page.locator("#national_code").wait_for()
    shown = page.locator("#otp-hint").inner_text().translate(PERSIAN_DIGITS)
    otp = re.search(r"\d{4,}", shown).group(0)
    page.fill("#national_code", national_code)
    page.fill("#otp", otp)
    page.locator("form button[type=submit]").click()


# API answers that are the same for everyone (the service worker may keep them).
PUBLIC_API = ("/api/v1/offices", "/api/v1/catalog", "/api/v1/app-config")


def personal_data_in_the_browser(page) -> dict:
    """What the page's origin keeps that could be personal: cached API answers other than the public
    ones, personal databases and storage keys, and every database and cache name (for other checks)."""
    return page.evaluate("""async (publicApi) => {
        const cached = [];
        const cacheNames = await caches.keys();
        for (const name of cacheNames) {
            for (const request of await (await caches.open(name)).keys()) {
                const path = new URL(request.url).pathname;
                const personalApi = path.startsWith('/api/') && !publicApi.some((p) => path.startsWith(p));
                if (personalApi || name.startsWith('hamrah-personal')) cached.push(request.url);
            }
        }
        const databases = (await indexedDB.databases()).map((d) => d.name);
        const keys = [...Array(localStorage.length).keys()].map((i) => localStorage.key(i))
            .concat([...Array(sessionStorage.length).keys()].map((i) => sessionStorage.key(i)));
        return {
            cached,
            cacheNames,
            databases,
            personalDatabases: databases.filter((name) => name.startsWith('hamrah-personal')),
            personalKeys: keys.filter((key) => key.startsWith('hamrah.personal.')),
        };
    }""", list(PUBLIC_API))
