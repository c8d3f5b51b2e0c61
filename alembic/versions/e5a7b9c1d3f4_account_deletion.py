"""account deletion: `user.deleted_at` marks a deleted account's tombstone row

Revision ID: e5a7b9c1d3f4
Revises: d4f6a8b0c2e3
Create Date: 2026-11-30 12:45:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import mmapp.models

# revision identifiers, used by Alembic.
revision: str = 'e5a7b9c1d3f4'
down_revision: Union[str, Sequence[str], None] = 'd4f6a8b0c2e3'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `user.deleted_at` (null for every live account)."""
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('deleted_at', mmapp.models.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('deleted_at')
