"""change counters: what other processes watch to see that the event changed

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The stored names of facilitator.app.changes.Area, one row each (never renamed).
AREAS = (
    "workshops", "participant_types", "participants", "checkins", "agenda", "run_of_show",
    "notes", "groups", "restitutions", "recommendations",
)


def upgrade() -> None:
    table = op.create_table(
        'change_counters',
        sa.Column('area', sa.String(length=40), nullable=False),
        sa.Column('counter', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('area', name=op.f('pk_change_counters')),
    )
    op.bulk_insert(table, [{"area": area, "counter": 0} for area in AREAS])


def downgrade() -> None:
    op.drop_table('change_counters')
