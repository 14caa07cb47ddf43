"""Briefs react to sign-in and sign-out (connected in bff.briefs.init_app): a citizen's waiting briefs go
out with their fresh tokens, and at sign-out pending ones are tried once more before the tokens are gone
(see forwarding.py)."""

from __future__ import annotations

import logging

import pybreaker

from bff import queue
from bff.briefs import forwarding
from bff.core_client import core

log = logging.getLogger(__name__)


def forward_waiting_briefs(app, sub: str, **_) -> None:
    """Queue every pending brief of a citizen who just signed in."""
    try:
        ids = forwarding.release_waiting(sub)
        for brief_id in ids:
            queue.enqueue(forwarding.forward_brief_to_core, brief_id,
                          failure="could not queue a brief's forwarding; the sweep will", fields={"brief_id": brief_id})
        if ids:
            log.info("queued pending briefs after sign-in", extra={"fields": {"count": len(ids)}})
    except Exception:  # signing in must work whatever happens here; the sweep retries later
        log.exception("could not queue pending briefs after sign-in")


def forward_before_sign_out(app, sub: str, **_) -> None:
    """One attempt for each pending brief while the citizen's tokens still exist (skipped when the core is
    known to be down: they then wait for the next sign-in)."""
    try:
        ids = forwarding.pending_ids(sub)
        if not ids or core().state() == pybreaker.STATE_OPEN:
            return
        outcomes = [forwarding.forward(brief_id, force=True).status for brief_id in ids]
        log.info("forwarded pending briefs at sign-out", extra={"fields": {"outcomes": outcomes}})
    except Exception:  # sign-out must work whatever happens here
        log.exception("could not forward pending briefs at sign-out")
