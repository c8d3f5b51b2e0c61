"""accounts: the language chosen in Settings and the one the last device asked for

Revision ID: a7c9e1f3b5d8
Revises: d1f3a5c7e9b2
Create Date: 2026-12-06 09:00:00.000000

Both are NULL for existing accounts: they follow their device until they choose.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = 'a7c9e1f3b5d8'
down_revision: Union[str, Sequence[str], None] = 'd1f3a5c7e9b2'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `user.locale` and `user.device_locale`."""
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locale', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('device_locale', sa.String(length=16), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('device_locale')
        batch_op.drop_column('locale')
