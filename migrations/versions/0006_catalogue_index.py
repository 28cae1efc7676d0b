"""Catalogue index: drop the facet totals, search indexes and next start column

Revision ID: 0006_catalogue_index
Revises: 0005_catalogue_speed
Create Date: 2026-12-04 18:00:00.000000

Each web process now answers catalogue searches from an in-memory index of the
published programmes (app/services/catalogue_index.py), which counts facets,
filters and sorts by itself and computes the nearest start for the day it is
built. The kept facet totals, the indexes that served those searches in SQL and
the nearest-start column (which went stale overnight) only slowed writes down.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_catalogue_index"
down_revision = "0005_catalogue_speed"
branch_labels = None
depends_on = None

# Created by 0003 and 0005 on PostgreSQL only.
POSTGRESQL_INDEXES = {
    "ix_programmes_keywords_search_trgm": (
        "programmes USING gin (keywords_search gin_trgm_ops)"
    ),
    "ix_programmes_order_title": "programmes (status, title_sort, id)",
    "ix_programmes_order_next_start": (
        "programmes (status, next_start, title_sort, id)"
    ),
    "ix_programmes_order_price": "programmes (status, price_cents, title_sort, id)",
    "ix_programmes_order_price_desc": (
        "programmes (status, price_cents DESC, title_sort, id)"
    ),
    "ix_programmes_order_hours": "programmes (status, hours, title_sort, id)",
    "ix_programmes_order_hours_desc": (
        "programmes (status, hours DESC NULLS LAST, title_sort, id)"
    ),
    "ix_programmes_order_rating": (
        "programmes (status, rating DESC NULLS LAST, title_sort, id)"
    ),
}
# Created by 0003 and 0005 everywhere.
INDEXES = {
    "ix_programmes_status_next_start": ["status", "next_start"],
    "ix_programmes_status_price_cents": ["status", "price_cents"],
    "ix_programmes_status_hours": ["status", "hours"],
    "ix_programmes_status_location": ["status", "location"],
    "ix_programmes_status_language_mode": ["status", "language", "mode"],
    "ix_programmes_status_mode": ["status", "mode"],
    "ix_programmes_status_min_education": ["status", "min_education"],
}
FACETS = {
    "kategorija": "category_id",
    "teikejas": "provider_id",
    "vieta": "location",
    "issilavinimas": "min_education",
    "kalba": "language",
    "budas": "mode",
}
NEEDS = {
    "mobility": "adapted_mobility",
    "hearing": "adapted_hearing",
    "vision": "adapted_vision",
}


def upgrade():
    op.drop_table("catalogue_facet_totals")
    if op.get_bind().dialect.name == "postgresql":
        for name in POSTGRESQL_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
        batch_op.drop_column("next_start")


def downgrade():
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_start", sa.Date(), nullable=True))
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns)
    op.execute(
        "UPDATE programmes SET next_start = (SELECT min(g.start_date) FROM groups g "
        "WHERE g.programme_id = programmes.id AND g.status = 'open' "
        "AND g.registration_deadline >= CURRENT_DATE)"
    )
    if op.get_bind().dialect.name == "postgresql":
        for name, target in POSTGRESQL_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON {target}")

    op.create_table(
        "catalogue_facet_totals",
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("facet", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "category_id", "facet", "value", name=op.f("pk_catalogue_facet_totals")
        ),
    )
    op.create_index(
        "ix_catalogue_facet_totals_facet_value",
        "catalogue_facet_totals",
        ["facet", "value"],
    )
    counts = [
        f"SELECT category_id, '{facet}', CAST({column} AS VARCHAR(200)), COUNT(*) "
        f"FROM programmes WHERE status = 'published' GROUP BY category_id, {column}"
        for facet, column in FACETS.items()
    ]
    counts += [
        f"SELECT category_id, 'pritaikyta', '{need}', COUNT(*) FROM programmes "
        f"WHERE status = 'published' AND {column} GROUP BY category_id"
        for need, column in NEEDS.items()
    ]
    op.execute(
        "INSERT INTO catalogue_facet_totals (category_id, facet, value, count) "
        + " UNION ALL ".join(counts)
    )
    op.execute(
        "INSERT INTO catalogue_facet_totals (category_id, facet, value, count) "
        "SELECT 0, facet, value, SUM(count) FROM catalogue_facet_totals "
        "GROUP BY facet, value"
    )
