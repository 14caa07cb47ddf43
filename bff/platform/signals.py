"""What happened in one room that other rooms act on: every signal between rooms, in one place.

Wired one way only: the room that acts connects its receiver in its own ``init_app``
(``signals.citizen_signed_out.connect(hooks.forget_kept_copies)``); the room where it happens sends it.
Rooms never import each other for this, so they stay independent of one another.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

citizen_signed_in = _signals.signal("citizen-signed-in")
"""Sent with ``sub=`` after a citizen signed in (their fresh tokens are stored)."""

citizen_signing_out = _signals.signal("citizen-signing-out")
"""Sent with ``sub=`` and ``grant_id=`` at sign-out while the grant still exists (it is deleted right
after), so a room can finish work that needs the citizen's tokens (forwarding a pending brief)."""

citizen_signed_out = _signals.signal("citizen-signed-out")
"""Sent with ``sub=`` after a citizen signed out, so each room deletes what it kept for them."""

erase_requested = _signals.signal("erase-requested")
"""Sent with ``sub=`` when a citizen asks to delete their data («حذف اطلاعات من»). Each receiver deletes
what its room keeps for them in ``db.session`` WITHOUT committing (the sender commits once, so it is all
or nothing) and returns ``{what: how many}``."""

brief_status_changed = _signals.signal("brief-status-changed")
"""Sent with ``sub=``, ``brief_id=``, ``case_id=``, ``status=``, ``tracking_code=`` whenever a brief's
status changes (received, registered, rejected), inside the transaction that changes it and before its
commit, so a receiver may add rows to ``db.session`` (a notification) that commit or roll back with it."""
