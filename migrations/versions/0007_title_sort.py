"""Title sort keys without punctuation

Revision ID: 0007_title_sort
Revises: 0006_catalogue_index
Create Date: 2026-12-04 19:00:00.000000

lithuanian_sort_key now leaves punctuation out, so a title starting with a
quotation mark („Prisijungusi Lietuva“) sorts under its first letter instead of
before "A". Recompute the kept key of every programme.
"""

import uuid

import sqlalchemy as sa
from alembic import op

from app.text import lithuanian_sort_key

revision = "0007_title_sort"
down_revision = "0006_catalogue_index"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, title FROM programmes")).all()
    if rows:
        bind.execute(
            sa.text("UPDATE programmes SET title_sort = :key WHERE id = :id"),
            [{"id": id_, "key": lithuanian_sort_key(title or "")} for id_, title in rows],
        )
    bind.execute(
        sa.text("UPDATE catalogue_versions SET token = :token"),
        {"token": uuid.uuid4().hex},
    )


def downgrade():
    """Keep the new keys: the old ones only put punctuation first."""
