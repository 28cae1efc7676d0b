"""Catalogue search: derived programme columns, rating, indexes, version token

Revision ID: 0003_catalogue
Revises: 2de2281df06e
Create Date: 2026-12-04 16:30:00

PostgreSQL also gets pg_trgm and a trigram GIN index on the folded keywords, so
the word-prefix LIKE search uses an index there; SQLite migrates without them.
"""

import json
import uuid

import sqlalchemy as sa
from alembic import op

from app.text import search_document

# revision identifiers, used by Alembic.
revision = "0003_catalogue"
down_revision = "0002_profile"
branch_labels = None
depends_on = None

REMOTE_LOCATION = "nuotoliu"


def upgrade():
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rating", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "keywords_search", sa.String(length=700), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column("location", sa.String(length=100), nullable=False, server_default="")
        )
        for need in ("mobility", "hearing", "vision"):
            batch_op.add_column(
                sa.Column(
                    f"adapted_{need}",
                    sa.Boolean(),
                    nullable=False,
                    server_default=sa.false(),
                )
            )
        batch_op.add_column(sa.Column("next_start", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_programmes_status_next_start", ["status", "next_start"], unique=False
        )
        batch_op.create_index(
            "ix_programmes_status_price_cents", ["status", "price_cents"], unique=False
        )
        batch_op.create_index(
            "ix_programmes_status_hours", ["status", "hours"], unique=False
        )
        batch_op.create_index(
            "ix_programmes_status_location", ["status", "location"], unique=False
        )

    op.create_table(
        "catalogue_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_versions")),
    )
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.create_index(
            "ix_groups_programme_id_start_date",
            ["programme_id", "start_date"],
            unique=False,
        )

    _fill_derived_columns()
    versions = sa.table("catalogue_versions", sa.column("id"), sa.column("token"))
    op.bulk_insert(versions, [{"id": 1, "token": uuid.uuid4().hex}])

    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_programmes_keywords_search_trgm ON programmes "
            "USING gin (keywords_search gin_trgm_ops)"
        )


def _fill_derived_columns():
    """Compute the new columns for programmes that already exist."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT p.id, p.title, p.mode, p.city, p.special_needs, v.name "
            "FROM programmes p JOIN providers v ON v.id = p.provider_id"
        )
    ).all()
    for row in rows:
        needs = row.special_needs
        if isinstance(needs, str):
            needs = json.loads(needs or "[]")
        city = row.city.split(",")[0].split("(")[0].strip()[:100]
        bind.execute(
            sa.text(
                "UPDATE programmes SET keywords_search = :keywords, "
                "location = :location, adapted_mobility = :mobility, "
                "adapted_hearing = :hearing, adapted_vision = :vision WHERE id = :id"
            ),
            {
                "id": row.id,
                "keywords": search_document(f"{row.title} {row.name}")[:700],
                "location": REMOTE_LOCATION if row.mode == "nuotolinis" else city,
                "mobility": "mobility" in (needs or []),
                "hearing": "hearing" in (needs or []),
                "vision": "vision" in (needs or []),
            },
        )
    bind.execute(
        sa.text(
            "UPDATE programmes SET next_start = (SELECT min(g.start_date) FROM groups g "
            "WHERE g.programme_id = programmes.id AND g.status = 'open' "
            "AND g.registration_deadline >= CURRENT_DATE)"
        )
    )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_programmes_keywords_search_trgm")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_index("ix_groups_programme_id_start_date")
    op.drop_table("catalogue_versions")
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.drop_index("ix_programmes_status_location")
        batch_op.drop_index("ix_programmes_status_hours")
        batch_op.drop_index("ix_programmes_status_price_cents")
        batch_op.drop_index("ix_programmes_status_next_start")
        batch_op.drop_column("next_start")
        for need in ("vision", "hearing", "mobility"):
            batch_op.drop_column(f"adapted_{need}")
        batch_op.drop_column("location")
        batch_op.drop_column("keywords_search")
        batch_op.drop_column("rating")
