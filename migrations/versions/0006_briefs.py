"""briefs and their attachments; the brief row is also the forwarding outbox

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "briefs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("sub", sa.String(length=128), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("case_number", sa.String(length=32), nullable=True),
        sa.Column("case_title", sa.String(length=255), nullable=True),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("tracking_code", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("core_brief_id", sa.String(length=64), nullable=True),
        sa.Column("core_tracking_code", sa.String(length=32), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rejection_code", sa.String(length=64), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("files_deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_token", sa.String(length=32), nullable=True),
        sa.Column("awaiting_sign_in", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_briefs")),
        sa.UniqueConstraint("sub", "idempotency_key", name="uq_briefs_sub_idempotency_key"),
        sa.UniqueConstraint("tracking_code", name=op.f("uq_briefs_tracking_code")),
    )
    op.create_index(op.f("ix_briefs_sub"), "briefs", ["sub"], unique=False)
    op.create_index(op.f("ix_briefs_status"), "briefs", ["status"], unique=False)
    op.create_index(op.f("ix_briefs_next_attempt_at"), "briefs", ["next_attempt_at"], unique=False)
    op.create_table(
        "brief_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("brief_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["brief_id"], ["briefs.id"], name=op.f("fk_brief_files_brief_id_briefs"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brief_files")),
        sa.UniqueConstraint("brief_id", "position", name="uq_brief_files_brief_id_position"),
        sa.UniqueConstraint("stored_name", name=op.f("uq_brief_files_stored_name")),
    )
    op.create_index(op.f("ix_brief_files_brief_id"), "brief_files", ["brief_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_brief_files_brief_id"), table_name="brief_files")
    op.drop_table("brief_files")
    op.drop_index(op.f("ix_briefs_next_attempt_at"), table_name="briefs")
    op.drop_index(op.f("ix_briefs_status"), table_name="briefs")
    op.drop_index(op.f("ix_briefs_sub"), table_name="briefs")
    op.drop_table("briefs")
