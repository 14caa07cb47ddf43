"""The cases room's part in sign-out and «حذف اطلاعات من» (connected in bff.cases.init_app)."""

from __future__ import annotations

import logging

from sqlalchemy import delete

from bff.cases import service
from bff.cases.models import CaseSnapshot
from bff.platform.db import db

log = logging.getLogger(__name__)


def erase_kept_copies(sender, sub: str, **_) -> dict[str, int]:
    """«حذف اطلاعات من»: the kept copies go (committed by the sender, with the other rooms' deletions)."""
    deleted = db.session.execute(delete(CaseSnapshot).where(CaseSnapshot.sub == sub))
    return {"case_copies": deleted.rowcount or 0}


def forget_at_sign_out(sender, sub: str, **_) -> None:
    """Signing out deletes everything kept for the citizen."""
    deleted = service.delete_snapshots(sub)
    log.info("deleted kept case copies at sign-out", extra={"fields": {"deleted": deleted}})
