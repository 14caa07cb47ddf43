"""server-side sessions and token grants

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=255), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("expiry", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("session_id", name=op.f("uq_sessions_session_id")),
    )
    op.create_index(op.f("ix_sessions_expiry"), "sessions", ["expiry"], unique=False)
    op.create_table(
        "auth_grants",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("sub", sa.String(length=128), nullable=False),
        sa.Column("access_token", sa.Text(), nullable=False),
        sa.Column("refresh_token", sa.Text(), nullable=True),
        sa.Column("id_token", sa.Text(), nullable=True),
        sa.Column("access_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_grants")),
    )
    op.create_index(op.f("ix_auth_grants_sub"), "auth_grants", ["sub"], unique=False)
    op.create_index(op.f("ix_auth_grants_expires_at"), "auth_grants", ["expires_at"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_auth_grants_expires_at"), table_name="auth_grants")
    op.drop_index(op.f("ix_auth_grants_sub"), table_name="auth_grants")
    op.drop_table("auth_grants")
    op.drop_index(op.f("ix_sessions_expiry"), table_name="sessions")
    op.drop_table("sessions")
