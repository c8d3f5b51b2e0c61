"""push: a payload per language on a message, and each delivery's language

Revision ID: b8d0f2a4c6e8
Revises: a7c9e1f3b5d8
Create Date: 2026-12-07 09:00:00.000000

Messages queued before have no other languages ({}); their deliveries are English.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = 'b8d0f2a4c6e8'
down_revision: Union[str, Sequence[str], None] = 'a7c9e1f3b5d8'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `pushmessage.localized` and `pushdelivery.locale`."""
    with op.batch_alter_table('pushmessage', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('localized', sa.JSON(), server_default='{}', nullable=False)
        )
    with op.batch_alter_table('pushdelivery', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('locale', sa.String(length=16), server_default='en', nullable=False)
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('pushdelivery', schema=None) as batch_op:
        batch_op.drop_column('locale')
    with op.batch_alter_table('pushmessage', schema=None) as batch_op:
        batch_op.drop_column('localized')
