"""What the bank gateway does: issue tokens, take (or refuse) a test card, verify, reverse, answer inquiries.

Every operation takes the store's lock and runs the reversal sweep first, on the sandbox's clock.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import string
import time

from ..runtime import Sandbox
from . import protocol as sep
from .cards import SampleCard
from .state import Transaction

_chance = random.SystemRandom()
_REF_ALPHABET = string.ascii_letters + string.digits + "+/"  # SEP's RefNum looks like base64


def reversal_window(sandbox: Sandbox) -> dt.timedelta:
    return dt.timedelta(seconds=sandbox.settings.gateway_reversal_seconds)


def swept_now(sandbox: Sandbox) -> dt.datetime:
    """The sandbox's now, after the bank's own sweep up to it (call with the lock held)."""
    now = sandbox.store.clock.now()
    sandbox.store.gateway.sweep(now, reversal_window(sandbox))
    return now


def merchant_ip_allowed(sandbox: Sandbox, address: str | None) -> bool:
    allowed = sandbox.settings.gateway_merchant_ips
    return "*" in allowed or (address or "") in allowed


def new_transaction(sandbox: Sandbox, terminal_id: str, amount: int, res_num: str, redirect_url: str,
                    expiry_minutes: int) -> Transaction:
    store = sandbox.store
    with store.lock:
        now = swept_now(sandbox)
        token = secrets.token_hex(16)
        while token in store.gateway.by_token:
            token = secrets.token_hex(16)
        txn = Transaction(token=token, terminal_id=terminal_id, amount=amount, res_num=res_num,
                          redirect_url=redirect_url, get_method=False, created_at=now,
                          expires_at=now + dt.timedelta(minutes=expiry_minutes))
        store.gateway.add(txn)
        return txn


def find_by_token(sandbox: Sandbox, token: str, get_method: bool | None = None) -> Transaction | None:
    """The token's transaction (for the card page); `get_method` records the browser form's GetMethod."""
    store = sandbox.store
    with store.lock:
        swept_now(sandbox)
        txn = store.gateway.by_token.get(token)
        if txn is not None and get_method is not None and txn.state == "issued":
            txn.get_method = get_method
        return txn


def pay(sandbox: Sandbox, txn: Transaction, card: SampleCard) -> Transaction:
    """The card holder chose a test card. A token pays once: later choices answer the first outcome."""
    store = sandbox.store
    with store.lock:
        swept_now(sandbox)
        if txn.state != "issued":
            return txn
        if card.hangs:
            txn.state = "processing"
            hang = store.gateway.faults.hang_ms / 1000
    if card.hangs:
        time.sleep(hang)  # the issuing bank does not answer; other requests go on
    with store.lock:
        if txn.state in ("issued", "processing"):
            _finish(sandbox, txn, card)
        return txn


def _finish(sandbox: Sandbox, txn: Transaction, card: SampleCard) -> None:
    gateway = sandbox.store.gateway
    now = sandbox.store.clock.now()
    txn.card, txn.outcome = card.id, card.outcome
    txn.masked_pan, txn.hashed_pan = card.masked_pan, card.hashed_pan if card.masked_pan else ""
    if card.charges:
        txn.state, txn.charged_at = "charged", now
        txn.ref_num = _unique(lambda: "".join(_chance.choice(_REF_ALPHABET) for _ in range(30)), gateway.by_ref)
        txn.rrn = _unique(lambda: str(_chance.randrange(10**11, 10**12)), gateway.rrns)
        txn.trace_no = str(_chance.randrange(10**5, 10**6))
        gateway.by_ref[txn.ref_num] = txn
        gateway.rrns.add(txn.rrn)
    else:
        txn.state = "cancelled" if card.outcome == "CanceledByUser" else "failed"
    if not card.callback:
        txn.callback = "withheld"
    else:
        dropped = gateway.faults.drop_callback_rate and _chance.random() < gateway.faults.drop_callback_rate
        txn.callback = "dropped" if dropped else "shown"
    gateway.settle(txn)


def _unique(make, taken) -> str:
    value = make()
    while value in taken:
        value = make()
    return value


def transaction_detail(txn: Transaction) -> dict:
    """`TransactionDetail` of VerifyTransaction and ReverseTransaction."""
    return {
        "RRN": txn.rrn, "RefNum": txn.ref_num, "MaskedPan": txn.masked_pan, "HashedPan": txn.hashed_pan,
        "TerminalNumber": int(txn.terminal_id), "OrginalAmount": txn.amount, "AffectiveAmount": txn.amount,
        "StraceDate": sep.strace_date(txn.charged_at), "StraceNo": txn.trace_no,
    }


def verify(sandbox: Sandbox, terminal_id: str, ref_num: str) -> tuple[int, Transaction | None]:
    """(ResultCode, transaction): 0 verified now, 2 already verified, 5 / -6 reversed, -2 unknown."""
    store = sandbox.store
    with store.lock:
        now = swept_now(sandbox)
        txn = store.gateway.by_ref.get(ref_num)
        if txn is None or txn.terminal_id != terminal_id:
            return sep.NOT_FOUND, None
        if txn.state == "charged":
            txn.state, txn.verified_at = "verified", now
            txn.verify_count += 1
            store.gateway.settle(txn)
            return sep.OK, txn
        if txn.state == "verified":
            txn.verify_count += 1
            return sep.DUPLICATE, txn
        return (sep.REVERSED if txn.reversed_by == "merchant" else sep.TOO_LATE), txn


def reverse(sandbox: Sandbox, terminal_id: str, ref_num: str) -> tuple[int, Transaction | None]:
    """(ResultCode, transaction): 0 reversed now, 2 already reversed by the merchant, -6 too late, -2 unknown."""
    store = sandbox.store
    with store.lock:
        now = swept_now(sandbox)
        txn = store.gateway.by_ref.get(ref_num)
        if txn is None or txn.terminal_id != terminal_id:
            return sep.NOT_FOUND, None
        if txn.state == "reversed":
            return (sep.DUPLICATE if txn.reversed_by == "merchant" else sep.TOO_LATE), txn
        if txn.state == "verified" and now >= txn.charged_at + dt.timedelta(
                seconds=sandbox.settings.gateway_reverse_seconds):
            return sep.TOO_LATE, txn
        txn.state, txn.reversed_by, txn.reversed_at = "reversed", "merchant", now
        store.gateway.settle(txn)
        return sep.OK, txn


def inquire(sandbox: Sandbox, terminal_id: str, ref_num: str | None, token: str | None) -> Transaction | None:
    store = sandbox.store
    with store.lock:
        swept_now(sandbox)
        txn = store.gateway.by_ref.get(ref_num) if ref_num else store.gateway.by_token.get(token or "")
        return txn if txn is not None and txn.terminal_id == terminal_id else None


def receipt(txn: Transaction) -> dict:
    """`Data` of the receipt inquiry: the outcome the card holder got (verify tells verified/reversed)."""
    return {
        "State": txn.outcome, "Status": sep.STATUS[txn.outcome], "TerminalId": int(txn.terminal_id),
        "Token": txn.token, "RefNum": txn.ref_num, "ResNum": txn.res_num, "TraceNo": txn.trace_no,
        "Amount": txn.amount, "AffectiveAmount": txn.amount if txn.charged_at else 0, "Rrn": txn.rrn,
        "HashedCardNumber": txn.hashed_pan,
    }


def callback_fields(txn: Transaction) -> dict[str, str]:
    """The form the browser posts back to the merchant's RedirectUrl (empty strings where nothing applies)."""
    charged = txn.charged_at is not None
    return {
        "MID": txn.terminal_id, "TerminalId": txn.terminal_id, "State": txn.outcome,
        "Status": str(sep.STATUS[txn.outcome]), "RefNum": txn.ref_num, "ResNum": txn.res_num, "RRN": txn.rrn,
        "TraceNo": txn.trace_no, "Amount": str(txn.amount), "AffectiveAmount": str(txn.amount if charged else 0),
        "Wage": "0", "SecurePan": txn.masked_pan, "HashedCardNumber": txn.hashed_pan, "Token": txn.token,
    }
