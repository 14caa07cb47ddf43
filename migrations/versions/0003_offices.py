"""office registry: offices, official holidays (seeded from bff/offices/data/holidays.json), revision

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
import json
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

HOLIDAYS = Path(__file__).resolve().parents[2] / "bff" / "offices" / "data" / "holidays.json"


def upgrade():
    op.create_table(
        "offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("counters", sa.Integer(), nullable=False),
        sa.Column("province", sa.String(length=40), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("district", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("postal_code", sa.String(length=10), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("accessibility", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offices")),
        sa.UniqueConstraint("code", name=op.f("uq_offices_code")),
    )
    op.create_index(op.f("ix_offices_province"), "offices", ["province"], unique=False)

    holidays = op.create_table(
        "holidays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("title_fa", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holidays")),
        sa.UniqueConstraint("date", "title_fa", name="uq_holidays_date_title_fa"),
    )
    op.create_index(op.f("ix_holidays_date"), "holidays", ["date"], unique=False)

    op.create_table(
        "office_registry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("core_etag", sa.String(length=200), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.Column("office_count", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_registry")),
    )

    # The official holidays of 1404 and 1405 are data, not code: seeded here so a fresh database has them.
    data = json.loads(HOLIDAYS.read_text(encoding="utf-8"))
    op.bulk_insert(holidays, [
        {"date": date.fromisoformat(h["date"]), "title_fa": h["title_fa"], "title_en": h["title_en"],
         "approximate": bool(h.get("approximate", False))}
        for h in data["holidays"]
    ])


def downgrade():
    op.drop_table("office_registry")
    op.drop_index(op.f("ix_holidays_date"), table_name="holidays")
    op.drop_table("holidays")
    op.drop_index(op.f("ix_offices_province"), table_name="offices")
    op.drop_table("offices")
