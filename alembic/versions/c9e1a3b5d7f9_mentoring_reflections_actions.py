"""mentoring: reflections, planned actions and their answers; sessions by start

Revision ID: c9e1a3b5d7f9
Revises: b8d0f2a4c6e8
Create Date: 2026-12-08 09:00:00.000000

Both people reflect once per session (unique per session and person); the learner's
reflection carries up to three actions, answered append-only. Sessions get an index
on `start_at`: the scheduler reads the ones starting soon or just ended each tick.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'c9e1a3b5d7f9'
down_revision: Union[str, Sequence[str], None] = 'b8d0f2a4c6e8'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `sessionreflection`, `plannedaction`, `actionanswer`."""
    op.create_table('sessionreflection',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('fit', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('takeaway', sqlmodel.sql.sqltypes.AutoString(length=280), nullable=False),
    sa.Column('created_at', mmapp.models.core.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['mentoringsession.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'user_id')
    )
    with op.batch_alter_table('sessionreflection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sessionreflection_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sessionreflection_user_id'), ['user_id'], unique=False)

    op.create_table('plannedaction',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('reflection_id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('mentee_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=140), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=True),
    sa.Column('last_answer_id', sa.Uuid(), nullable=True),
    sa.Column('answered_at', mmapp.models.core.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', mmapp.models.core.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mentee_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['reflection_id'], ['sessionreflection.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['mentoringsession.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plannedaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plannedaction_asked_on'), ['asked_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_plannedaction_mentee_id'), ['mentee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plannedaction_reflection_id'), ['reflection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plannedaction_session_id'), ['session_id'], unique=False)

    op.create_table('actionanswer',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('action_id', sa.Uuid(), nullable=False),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('answered_at', mmapp.models.core.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['plannedaction.id'], ),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('id')
    )
    with op.batch_alter_table('actionanswer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actionanswer_action_id'), ['action_id'], unique=False)

    with op.batch_alter_table('mentoringsession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentoringsession_start_at'), ['start_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('mentoringsession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentoringsession_start_at'))
    with op.batch_alter_table('actionanswer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actionanswer_action_id'))
    op.drop_table('actionanswer')
    with op.batch_alter_table('plannedaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plannedaction_session_id'))
        batch_op.drop_index(batch_op.f('ix_plannedaction_reflection_id'))
        batch_op.drop_index(batch_op.f('ix_plannedaction_mentee_id'))
        batch_op.drop_index(batch_op.f('ix_plannedaction_asked_on'))
    op.drop_table('plannedaction')
    with op.batch_alter_table('sessionreflection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sessionreflection_user_id'))
        batch_op.drop_index(batch_op.f('ix_sessionreflection_session_id'))
    op.drop_table('sessionreflection')
