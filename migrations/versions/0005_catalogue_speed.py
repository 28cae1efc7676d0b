"""Catalogue speed: facet totals per category, filter and sort indexes

Revision ID: 0005_catalogue_speed
Revises: 0004_waitlist
Create Date: 2026-12-05 17:00:00.000000

The unfiltered catalogue and the category pages read their facet counts from
catalogue_facet_totals instead of counting every published programme; the app
recounts a category whenever one of its programmes changes a faceted column.
Indexes on language, mode and education find the programmes of a chosen value
without reading the others; on PostgreSQL, one index per sort serves every page of every sort.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_catalogue_speed"
down_revision = "0004_waitlist"
branch_labels = None
depends_on = None

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


# PostgreSQL only, like the trigram index: one index per sort, in the full order
# the catalogue asks for (every sort ends in title_sort, id), so any page of any
# sort is read from an index instead of sorting every published programme.
ORDER_INDEXES = {
    "ix_programmes_order_title": "status, title_sort, id",
    "ix_programmes_order_next_start": "status, next_start, title_sort, id",
    "ix_programmes_order_price": "status, price_cents, title_sort, id",
    "ix_programmes_order_price_desc": "status, price_cents DESC, title_sort, id",
    "ix_programmes_order_hours": "status, hours, title_sort, id",
    "ix_programmes_order_hours_desc": "status, hours DESC NULLS LAST, title_sort, id",
    "ix_programmes_order_rating": "status, rating DESC NULLS LAST, title_sort, id",
}


def upgrade():
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_programmes_status_language_mode", ["status", "language", "mode"]
        )
        batch_op.create_index("ix_programmes_status_mode", ["status", "mode"])
        batch_op.create_index(
            "ix_programmes_status_min_education", ["status", "min_education"]
        )
    if op.get_bind().dialect.name == "postgresql":
        for name, columns in ORDER_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON programmes ({columns})")

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

    # Plain SQL, not the app's models, so this revision keeps working as they change.
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
    # Category 0 holds the sums over every category.
    op.execute(
        "INSERT INTO catalogue_facet_totals (category_id, facet, value, count) "
        "SELECT 0, facet, value, SUM(count) FROM catalogue_facet_totals "
        "GROUP BY facet, value"
    )


def downgrade():
    op.drop_table("catalogue_facet_totals")
    if op.get_bind().dialect.name == "postgresql":
        for name in ORDER_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.drop_index("ix_programmes_status_min_education")
        batch_op.drop_index("ix_programmes_status_mode")
        batch_op.drop_index("ix_programmes_status_language_mode")
