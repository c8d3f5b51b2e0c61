"""skills profile: a learner's share state (the unlisted link's hash)

Revision ID: c0e2a4b6d8f1
Revises: a8c0e2f4b6d8
Create Date: 2026-12-03 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'c0e2a4b6d8f1'
down_revision: Union[str, Sequence[str], None] = 'a8c0e2f4b6d8'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `skillsprofile`."""
    op.create_table('skillsprofile',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('shared_at', mmapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', mmapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('user_id'),
    sa.UniqueConstraint('token_hash')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('skillsprofile')
