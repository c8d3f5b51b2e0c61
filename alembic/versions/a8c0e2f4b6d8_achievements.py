"""achievements per skill level, and the credentials issued for them

Revision ID: a8c0e2f4b6d8
Revises: f6b8c0d2e4a5
Create Date: 2026-12-02 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'a8c0e2f4b6d8'
down_revision: Union[str, Sequence[str], None] = 'f6b8c0d2e4a5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `achievement` and `issuedcredential`."""
    op.create_table('achievement',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('skill_id', sa.Uuid(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('min_score', sa.Integer(), nullable=False),
    sa.Column('min_recall', sa.Float(), nullable=False),
    sa.Column('min_days', sa.Integer(), nullable=False),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('updated_at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('level BETWEEN 1 AND 4', name='achievement_level'),
    sa.CheckConstraint('min_score BETWEEN 0 AND 100', name='achievement_min_score'),
    sa.CheckConstraint('min_recall BETWEEN 0 AND 1', name='achievement_min_recall'),
    sa.CheckConstraint('min_days BETWEEN 0 AND 365', name='achievement_min_days'),
    sa.ForeignKeyConstraint(['skill_id'], ['skill.id'], ),
    sa.ForeignKeyConstraint(['updated_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('skill_id', 'level', name='achievement_skill_level')
    )
    op.create_index(op.f('ix_achievement_skill_id'), 'achievement', ['skill_id'], unique=False)
    op.create_table('issuedcredential',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('achievement_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('issued_at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', mmapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('revoked_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['achievement_id'], ['achievement.id'], ),
    sa.ForeignKeyConstraint(['revoked_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'achievement_id', name='issuedcredential_once')
    )
    op.create_index(op.f('ix_issuedcredential_achievement_id'), 'issuedcredential', ['achievement_id'], unique=False)
    op.create_index(op.f('ix_issuedcredential_user_id'), 'issuedcredential', ['user_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f('ix_issuedcredential_user_id'), table_name='issuedcredential')
    op.drop_index(op.f('ix_issuedcredential_achievement_id'), table_name='issuedcredential')
    op.drop_table('issuedcredential')
    op.drop_index(op.f('ix_achievement_skill_id'), table_name='achievement')
    op.drop_table('achievement')
