"""The gateway's records: one transaction per token, its scripted faults, and the automatic reversal sweep.

A transaction's `state`:
  issued -> processing (only while a hanging bank is awaited) -> charged | failed | cancelled | expired
  charged -> verified | reversed (by the merchant, or by the bank when the reversal window ends)
  verified -> reversed (by the merchant, within the reverse window)
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

FINAL = ("failed", "cancelled", "expired", "verified", "reversed")
OPEN = ("issued", "processing", "charged")  # states the sweep may still change
VERIFY_MODES = ("error", "timeout", "timeout_after_apply")
DEFAULT_HANG_MS = 5000


@dataclass
class Transaction:
    token: str
    terminal_id: str
    amount: int
    res_num: str
    redirect_url: str
    get_method: bool
    created_at: dt.datetime
    expires_at: dt.datetime
    state: str = "issued"
    outcome: str = "InProgress"  # the SEP State the merchant is told
    card: str | None = None
    ref_num: str = ""
    rrn: str = ""
    trace_no: str = ""
    masked_pan: str = ""
    hashed_pan: str = ""
    charged_at: dt.datetime | None = None
    verified_at: dt.datetime | None = None
    reversed_at: dt.datetime | None = None
    reversed_by: str | None = None  # "merchant" or "window"
    verify_count: int = 0
    callback: str | None = None  # "shown", "dropped" (scripted fault) or "withheld" (the no-callback card)


@dataclass
class VerifyFault:
    mode: str
    count: int | None = None  # the next `count` verify calls, or
    until: float | None = None  # time.monotonic() value; neither: until changed

    def take(self) -> bool:
        """Whether this verify call fails; uses up one of `count`."""
        if self.until is not None and time.monotonic() >= self.until:
            return False
        if self.count is not None:
            if self.count <= 0:
                return False
            self.count -= 1
        return True

    def as_json(self) -> dict[str, Any]:
        left = None if self.until is None else max(0.0, round(self.until - time.monotonic(), 1))
        return {"mode": self.mode, "count": self.count, "for_seconds": left}


@dataclass
class GatewayFaults:
    down: bool = False
    latency_ms: int = 0
    drop_callback_rate: float = 0.0
    hang_ms: int = DEFAULT_HANG_MS
    verify: VerifyFault | None = None

    def as_json(self) -> dict[str, Any]:
        return {"down": self.down, "latency_ms": self.latency_ms, "drop_callback_rate": self.drop_callback_rate,
                "hang_ms": self.hang_ms, "verify": self.verify.as_json() if self.verify else None}


@dataclass
class GatewayState:
    by_token: dict[str, Transaction] = field(default_factory=dict)
    by_ref: dict[str, Transaction] = field(default_factory=dict)
    rrns: set[str] = field(default_factory=set)
    open: dict[str, Transaction] = field(default_factory=dict)  # token -> transaction in an OPEN state
    faults: GatewayFaults = field(default_factory=GatewayFaults)

    def add(self, txn: Transaction) -> None:
        self.by_token[txn.token] = txn
        self.open[txn.token] = txn

    def settle(self, txn: Transaction) -> None:
        """Keep the open index in step with the transaction's state."""
        if txn.state in OPEN:
            self.open[txn.token] = txn
        else:
            self.open.pop(txn.token, None)

    def sweep(self, as_of: dt.datetime, reversal: dt.timedelta) -> list[Transaction]:
        """Expire unpaid tokens and reverse charged-but-unverified payments whose time has come.

        The bank does this on its own; the sandbox runs it before every gateway call and on demand
        (the control API's sweep "as of" a later time), which nobody outside can tell apart.
        """
        changed = []
        for txn in list(self.open.values()):
            if txn.state == "issued" and as_of >= txn.expires_at:
                txn.state, txn.outcome = "expired", "SessionIsNull"
            elif txn.state == "charged" and as_of >= txn.charged_at + reversal:
                txn.state, txn.reversed_by, txn.reversed_at = "reversed", "window", txn.charged_at + reversal
            else:
                continue
            self.settle(txn)
            changed.append(txn)
        return changed
