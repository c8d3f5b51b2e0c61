"""skill owner

Revision ID: 8e8c96162b3b
Revises: 0e13a3d3b823
Create Date: 2026-11-30 03:49:44.586209

A skill's name and description now belong to the coordinator who created it
(see mmapp/access.py). Skills from before this revision get an owner only when
it is unambiguous: every nugget in the skill has the same author. Skills with no
nuggets, or with nuggets by several (or unknown) authors, stay ownerless, which
means only admins may change their name and description.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '8e8c96162b3b'
down_revision: Union[str, Sequence[str], None] = '0e13a3d3b823'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FK_NAME = 'fk_skill_owner_id_user'


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        # SQLite adds a column with its reference in place; a batch rebuild of the
        # table would have to drop it, which nuggets' foreign keys forbid.
        op.execute('ALTER TABLE skill ADD COLUMN owner_id CHAR(32) REFERENCES "user" (id)')
    else:
        op.add_column('skill', sa.Column('owner_id', sa.Uuid(), nullable=True))
        op.create_foreign_key(FK_NAME, 'skill', 'user', ['owner_id'], ['id'])

    skill = sa.table('skill', sa.column('id', sa.Uuid()), sa.column('owner_id', sa.Uuid()))
    nugget = sa.table(
        'nugget', sa.column('skill_id', sa.Uuid()), sa.column('created_by', sa.Uuid())
    )
    authors: dict = {}
    for skill_id, created_by in bind.execute(sa.select(nugget.c.skill_id, nugget.c.created_by)):
        authors.setdefault(skill_id, set()).add(created_by)
    for skill_id, who in authors.items():
        if len(who) == 1 and None not in who:
            bind.execute(
                sa.update(skill).where(skill.c.id == skill_id).values(owner_id=next(iter(who)))
            )


def downgrade() -> None:
    """Downgrade schema (on SQLite this rebuilds the table: run it with foreign keys off)."""
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table('skill', schema=None) as batch_op:
            batch_op.drop_column('owner_id')
    else:
        op.drop_constraint(FK_NAME, 'skill', type_='foreignkey')
        op.drop_column('skill', 'owner_id')
