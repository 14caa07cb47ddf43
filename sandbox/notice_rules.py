"""When an electronic notice counts as served (ابلاغ), as the core reports it.

The rule followed is article 13 of the judiciary's regulation on the use of computer and
telecommunication systems (آیین‌نامه نحوه استفاده از سامانه‌های رایانه‌ای یا مخابراتی, 1395), as the
judiciary's statistics and IT centre explained it: the notice reaching the addressee's account is
service (ابلاغ); the addressee viewing it is actual service (ابلاغ واقعی), which decides only the
time limits the law counts from actual service (its note 2) — for example the objection to a
judgment in absentia (واخواهی, article 306 of the Civil Procedure Code). So by default an electronic
notice is served when it is issued. `SANDBOX_NOTICE_DEEMED_SERVICE_DAYS` moves that moment N days
after issue, to rehearse a regime where an unopened notice counts as served only later.
"""

from __future__ import annotations

import datetime as dt

from .model import Notice


def deemed_served_at(notice: Notice, deemed_days: int) -> dt.datetime:
    """When the notice counts as served even if it is never opened."""
    return notice.issued_at + dt.timedelta(days=deemed_days)


def served_at(notice: Notice, deemed_days: int, now: dt.datetime) -> dt.datetime | None:
    """When service took effect: the earlier of opening and deemed service, once either happened."""
    moments = [m for m in (notice.opened_at, deemed_served_at(notice, deemed_days)) if m is not None and m <= now]
    return min(moments) if moments else None
