"""badge keys: the Ed25519 keys Open Badges 3.0 credentials are signed with

Revision ID: d4f6a8b0c2e3
Revises: c3e5a7b9d1f2
Create Date: 2026-12-01 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'd4f6a8b0c2e3'
down_revision: Union[str, Sequence[str], None] = 'c3e5a7b9d1f2'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: the `badgekey` table (current and retired signing keys)."""
    op.create_table('badgekey',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('private_pem', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('public_key_multibase', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', mmapp.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('retired_at', mmapp.models.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('public_key_multibase')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('badgekey')
