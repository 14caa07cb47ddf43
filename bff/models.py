"""Imports every domain's models so that Alembic and the app see the whole schema."""

from bff.auth.models import AuthGrant, ServerSession  # noqa: F401
from bff.briefs.models import Brief, BriefFile  # noqa: F401
from bff.cases.models import CaseSnapshot  # noqa: F401
from bff.offices.models import Holiday, Office, OfficeRegistry  # noqa: F401
from bff.ops.models import WorkerHeartbeat  # noqa: F401
from bff.push.models import (  # noqa: F401
    Delivery,
    FeedCursor,
    Lease,
    Notification,
    ProcessedEvent,
    PushPreference,
    RetiredEndpoint,
    Subscription,
    TrackedHearing,
)
