"""teach-backs: peer asks and their confirmations, and achievements' `min_teachbacks`

Revision ID: d0f2b4c6e8a0
Revises: c9e1a3b5d7f9
Create Date: 2026-12-08 09:00:00.000000

`teachback` is a projection of the `teachback_asked` and `teachback_confirmed` learner
events, which did not exist before: it starts empty. Achievements made before need no
teach-back (`min_teachbacks` 0).
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'd0f2b4c6e8a0'
down_revision: Union[str, Sequence[str], None] = 'c9e1a3b5d7f9'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `teachback`, and `achievement.min_teachbacks`."""
    op.create_table('teachback',
    sa.Column('ask_id', sa.Uuid(), nullable=False),
    sa.Column('teacher_id', sa.Uuid(), nullable=False),
    sa.Column('peer_id', sa.Uuid(), nullable=False),
    sa.Column('nugget_id', sa.Uuid(), nullable=False),
    sa.Column('nugget_version', sa.Integer(), nullable=False),
    sa.Column('at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('asked_at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('confirm_id', sa.Uuid(), nullable=True),
    sa.Column('explained', sa.Boolean(), nullable=True),
    sa.Column('usable', sa.Boolean(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(length=280), nullable=True),
    sa.Column('confirmed_at', mmapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('rating IS NULL OR rating BETWEEN 1 AND 4', name='teachback_rating'),
    sa.ForeignKeyConstraint(['nugget_id'], ['nugget.id'], ),
    sa.ForeignKeyConstraint(['peer_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['teacher_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('ask_id'),
    sa.UniqueConstraint('confirm_id')
    )
    op.create_index(op.f('ix_teachback_asked_at'), 'teachback', ['asked_at'], unique=False)
    op.create_index(op.f('ix_teachback_nugget_id'), 'teachback', ['nugget_id'], unique=False)
    op.create_index(op.f('ix_teachback_peer_id'), 'teachback', ['peer_id'], unique=False)
    op.create_index(op.f('ix_teachback_teacher_id'), 'teachback', ['teacher_id'], unique=False)
    with op.batch_alter_table('achievement', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('min_teachbacks', sa.Integer(), server_default='0', nullable=False)
        )
        batch_op.create_check_constraint(
            'achievement_min_teachbacks', 'min_teachbacks BETWEEN 0 AND 20'
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('achievement', schema=None) as batch_op:
        batch_op.drop_constraint('achievement_min_teachbacks', type_='check')
        batch_op.drop_column('min_teachbacks')
    op.drop_index(op.f('ix_teachback_teacher_id'), table_name='teachback')
    op.drop_index(op.f('ix_teachback_peer_id'), table_name='teachback')
    op.drop_index(op.f('ix_teachback_nugget_id'), table_name='teachback')
    op.drop_index(op.f('ix_teachback_asked_at'), table_name='teachback')
    op.drop_table('teachback')
