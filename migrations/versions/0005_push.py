"""web push: devices, preferences, notification outbox and deliveries, feed cursor, tracked hearings

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "push_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sub", sa.String(length=128), nullable=False),
        sa.Column("endpoint", sa.Text(), nullable=False),
        sa.Column("p256dh", sa.String(length=128), nullable=False),
        sa.Column("auth", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("vapid_key_id", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscriptions")),
        sa.UniqueConstraint("endpoint", name=op.f("uq_push_subscriptions_endpoint")),
    )
    op.create_index(op.f("ix_push_subscriptions_sub"), "push_subscriptions", ["sub"], unique=False)

    op.create_table(
        "push_retired_endpoints",
        sa.Column("endpoint_sha256", sa.String(length=64), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("endpoint_sha256", name=op.f("pk_push_retired_endpoints")),
    )
    op.create_index(op.f("ix_push_retired_endpoints_retired_at"), "push_retired_endpoints", ["retired_at"],
                    unique=False)

    op.create_table(
        "push_preferences",
        sa.Column("sub", sa.String(length=128), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("lead_times", sa.JSON(), nullable=False),
        sa.Column("quiet_start", sa.String(length=5), nullable=True),
        sa.Column("quiet_end", sa.String(length=5), nullable=True),
        sa.Column("show_details", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sub", name=op.f("pk_push_preferences")),
    )

    op.create_table(
        "push_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sub", sa.String(length=128), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        sa.Column("ref", sa.String(length=120), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=False),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column("topic_header", sa.String(length=32), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fanned_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_notifications")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_push_notifications_dedupe_key")),
    )
    op.create_index(op.f("ix_push_notifications_sub"), "push_notifications", ["sub"], unique=False)
    op.create_index(op.f("ix_push_notifications_ref"), "push_notifications", ["ref"], unique=False)
    op.create_index(op.f("ix_push_notifications_created_at"), "push_notifications", ["created_at"], unique=False)
    op.create_index("ix_push_notifications_due", "push_notifications", ["fanned_out_at", "not_before"],
                    unique=False)

    op.create_table(
        "push_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claim_token", sa.String(length=36), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["notification_id"], ["push_notifications.id"],
                                name=op.f("fk_push_deliveries_notification_id_push_notifications"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_deliveries")),
        sa.UniqueConstraint("notification_id", "subscription_id", name=op.f("uq_push_deliveries_notification_id")),
    )
    op.create_index(op.f("ix_push_deliveries_subscription_id"), "push_deliveries", ["subscription_id"],
                    unique=False)
    op.create_index(op.f("ix_push_deliveries_claim_token"), "push_deliveries", ["claim_token"], unique=False)
    op.create_index("ix_push_deliveries_due", "push_deliveries", ["status", "next_attempt_at"], unique=False)

    op.create_table(
        "push_feed_cursors",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("cursor", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_push_feed_cursors")),
    )

    op.create_table(
        "push_processed_events",
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_push_processed_events")),
    )
    op.create_index(op.f("ix_push_processed_events_processed_at"), "push_processed_events", ["processed_at"],
                    unique=False)

    op.create_table(
        "push_leases",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=80), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_push_leases")),
    )

    op.create_table(
        "push_tracked_hearings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sub", sa.String(length=128), nullable=False),
        sa.Column("hearing_id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("branch", sa.String(length=300), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_tracked_hearings")),
        sa.UniqueConstraint("sub", "hearing_id", name=op.f("uq_push_tracked_hearings_sub")),
    )
    op.create_index(op.f("ix_push_tracked_hearings_sub"), "push_tracked_hearings", ["sub"], unique=False)
    op.create_index(op.f("ix_push_tracked_hearings_starts_at"), "push_tracked_hearings", ["starts_at"],
                    unique=False)


def downgrade():
    op.drop_index(op.f("ix_push_tracked_hearings_starts_at"), table_name="push_tracked_hearings")
    op.drop_index(op.f("ix_push_tracked_hearings_sub"), table_name="push_tracked_hearings")
    op.drop_table("push_tracked_hearings")
    op.drop_table("push_leases")
    op.drop_index(op.f("ix_push_processed_events_processed_at"), table_name="push_processed_events")
    op.drop_table("push_processed_events")
    op.drop_table("push_feed_cursors")
    op.drop_index("ix_push_deliveries_due", table_name="push_deliveries")
    op.drop_index(op.f("ix_push_deliveries_claim_token"), table_name="push_deliveries")
    op.drop_index(op.f("ix_push_deliveries_subscription_id"), table_name="push_deliveries")
    op.drop_table("push_deliveries")
    op.drop_index("ix_push_notifications_due", table_name="push_notifications")
    op.drop_index(op.f("ix_push_notifications_created_at"), table_name="push_notifications")
    op.drop_index(op.f("ix_push_notifications_ref"), table_name="push_notifications")
    op.drop_index(op.f("ix_push_notifications_sub"), table_name="push_notifications")
    op.drop_table("push_notifications")
    op.drop_table("push_preferences")
    op.drop_index(op.f("ix_push_retired_endpoints_retired_at"), table_name="push_retired_endpoints")
    op.drop_table("push_retired_endpoints")
    op.drop_index(op.f("ix_push_subscriptions_sub"), table_name="push_subscriptions")
    op.drop_table("push_subscriptions")
