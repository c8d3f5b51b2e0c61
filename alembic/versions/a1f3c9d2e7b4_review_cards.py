"""review cards

Revision ID: a1f3c9d2e7b4
Revises: 8e8c96162b3b
Create Date: 2026-11-30 09:40:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'a1f3c9d2e7b4'
down_revision: Union[str, Sequence[str], None] = '8e8c96162b3b'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: each learner's spaced-review cards (a projection of answers)."""
    op.create_table('reviewcard',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('nugget_id', sa.Uuid(), nullable=False),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('schedule', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('days', sa.JSON(), nullable=False),
    sa.Column('reps', sa.Integer(), nullable=False),
    sa.Column('stability', sa.Float(), nullable=True),
    sa.Column('difficulty', sa.Float(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('last_review_on', sa.Date(), nullable=True),
    sa.Column('best_interval', sa.Integer(), nullable=False),
    sa.Column('prev', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['nugget_id'], ['nugget.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('user_id', 'item_id')
    )
    with op.batch_alter_table('reviewcard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviewcard_nugget_id'), ['nugget_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reviews_version', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('reviews_version')

    with op.batch_alter_table('reviewcard', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviewcard_nugget_id'))

    op.drop_table('reviewcard')
