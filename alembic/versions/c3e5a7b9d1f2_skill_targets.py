"""skill targets: a cohort's target level (and date) per skill

Revision ID: c3e5a7b9d1f2
Revises: b7d2e4f6a8c1
Create Date: 2026-11-30 10:45:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'c3e5a7b9d1f2'
down_revision: Union[str, Sequence[str], None] = 'b7d2e4f6a8c1'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: the `skilltarget` table (one row per cohort and skill)."""
    op.create_table('skilltarget',
    sa.Column('cohort_id', sa.Uuid(), nullable=False),
    sa.Column('skill_id', sa.Uuid(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('by', sa.Date(), nullable=True),
    sa.Column('set_by', sa.Uuid(), nullable=False),
    sa.Column('updated_at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('level BETWEEN 1 AND 4', name='skilltarget_level'),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], ),
    sa.ForeignKeyConstraint(['set_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['skill_id'], ['skill.id'], ),
    sa.PrimaryKeyConstraint('cohort_id', 'skill_id')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('skilltarget')
