"""audit log, password-reset links, disabled accounts

Revision ID: f6b8c0d2e4a5
Revises: e5a7b9c1d3f4
Create Date: 2026-11-30 13:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'f6b8c0d2e4a5'
down_revision: Union[str, Sequence[str], None] = 'e5a7b9c1d3f4'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `auditentry`, `passwordreset` and `user.disabled_at`."""
    op.create_table('auditentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_email', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('subject_type', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_auditentry_at'), 'auditentry', ['at'], unique=False)
    op.create_index(op.f('ix_auditentry_action'), 'auditentry', ['action'], unique=False)
    op.create_table('passwordreset',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=False),
    sa.Column('created_at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', mmapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('token_hash')
    )
    op.create_index(op.f('ix_passwordreset_user_id'), 'passwordreset', ['user_id'], unique=False)
    with op.batch_alter_table('user') as batch:
        batch.add_column(
            sa.Column('disabled_at', mmapp.models.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('user') as batch:
        batch.drop_column('disabled_at')
    op.drop_index(op.f('ix_passwordreset_user_id'), table_name='passwordreset')
    op.drop_table('passwordreset')
    op.drop_index(op.f('ix_auditentry_action'), table_name='auditentry')
    op.drop_index(op.f('ix_auditentry_at'), table_name='auditentry')
    op.drop_table('auditentry')
