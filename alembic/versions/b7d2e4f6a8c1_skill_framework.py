"""skill framework: scale words, nugget level and prerequisites

Revision ID: b7d2e4f6a8c1
Revises: a1f3c9d2e7b4
Create Date: 2026-11-30 10:05:00.000000

Skills may reword their 0-4 scale (`skill.scale`, [] = the default words); nuggets
gain the level they build toward (1-4) and the slugs of their prerequisites.
Existing rows take the defaults: the scale's default words, level 1, no prerequisites.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = 'b7d2e4f6a8c1'
down_revision: Union[str, Sequence[str], None] = 'a1f3c9d2e7b4'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column('skill', sa.Column('scale', sa.JSON(), server_default='[]', nullable=False))
    op.add_column('nugget', sa.Column('level', sa.Integer(), server_default='1', nullable=False))
    op.add_column(
        'nugget', sa.Column('prerequisites', sa.JSON(), server_default='[]', nullable=False)
    )


def downgrade() -> None:
    """Downgrade schema (on SQLite this rebuilds the tables: run it with foreign keys off)."""
    with op.batch_alter_table('nugget', schema=None) as batch_op:
        batch_op.drop_column('prerequisites')
        batch_op.drop_column('level')
    with op.batch_alter_table('skill', schema=None) as batch_op:
        batch_op.drop_column('scale')
