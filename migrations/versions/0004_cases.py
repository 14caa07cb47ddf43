"""case snapshots: each citizen's last successful read of their cases and hearings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sub", sa.String(length=128), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_snapshots")),
        sa.UniqueConstraint("sub", "key", name=op.f("uq_case_snapshots_sub")),
    )
    op.create_index(op.f("ix_case_snapshots_expires_at"), "case_snapshots", ["expires_at"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_case_snapshots_expires_at"), table_name="case_snapshots")
    op.drop_table("case_snapshots")
