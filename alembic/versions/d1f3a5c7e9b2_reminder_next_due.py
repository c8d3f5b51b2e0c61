"""reminder plans: the next due instant, indexed, so a tick reads only the plans due;
learner events indexed by (type, received_at), so work check-ins read recent commitments

Revision ID: d1f3a5c7e9b2
Revises: e4a7790d9dae
Create Date: 2026-12-04 09:00:00.000000

Existing plans are backfilled from their slots as `save_plan` would set them now
(`mmapp.push.reminder_times.reschedule`): a slot whose window is open still rings.
"""
import zoneinfo
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import mmapp.models
from mmapp.models import ReminderPlan, utcnow
from mmapp.push.reminder_times import reschedule

# revision identifiers, used by Alembic.
revision: str = 'd1f3a5c7e9b2'
down_revision: Union[str, Sequence[str], None] = 'e4a7790d9dae'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: `reminderplan.next_due_at` and its index, backfilled; an index."""
    with op.batch_alter_table('learnerevent', schema=None) as batch_op:
        batch_op.create_index('ix_learnerevent_type_received_at', ['type', 'received_at'], unique=False)
    with op.batch_alter_table('reminderplan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_due_at', mmapp.models.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_reminderplan_next_due_at'), ['next_due_at'], unique=False)

    plans = sa.table(
        'reminderplan',
        sa.column('user_id', sa.Uuid()),
        sa.column('enabled', sa.Boolean()),
        sa.column('timezone', sa.String()),
        sa.column('slots', sa.JSON()),
        sa.column('quiet_start', sa.String()),
        sa.column('quiet_end', sa.String()),
        sa.column('next_due_at', mmapp.models.UTCDateTime(timezone=True)),
    )
    bind = op.get_bind()
    now = utcnow()
    moves = []
    for row in bind.execute(sa.select(plans)).mappings():
        plan = ReminderPlan(**{k: row[k] for k in row.keys() if k != 'next_due_at'})
        try:
            reschedule(plan, now=now)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, KeyError, TypeError):
            continue  # an unreadable plan stays silent, as the scheduler would leave it
        if plan.next_due_at is not None:
            moves.append({'uid': row['user_id'], 'due': plan.next_due_at})
    if moves:
        bind.execute(
            plans.update()
            .where(plans.c.user_id == sa.bindparam('uid'))
            .values(next_due_at=sa.bindparam('due')),
            moves,
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('reminderplan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminderplan_next_due_at'))
        batch_op.drop_column('next_due_at')
    with op.batch_alter_table('learnerevent', schema=None) as batch_op:
        batch_op.drop_index('ix_learnerevent_type_received_at')
