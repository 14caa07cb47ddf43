"""Signals of the briefs domain, for other domains to act on in the same database transaction."""

from __future__ import annotations

from blinker import Namespace

signals = Namespace()

# Sent with sub=, brief_id=, case_id=, status=, tracking_code= whenever a brief's status changes
# (received, registered, rejected), inside the transaction that changes it and before its commit, so
# a receiver may add rows to ``db.session`` (a notification to push) that commit or roll back with it.
brief_status_changed = signals.signal("brief-status-changed")
