"""channel profiles and handled events

Moves the chat bot's own tables (``bot_channel_profiles``, ``bot_seen_keys``, which it used to create outside the
migrations) into the service's schema; bindings made earlier are kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 21:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('channel_profiles',
    sa.Column('channel', sa.String(length=100), nullable=False),
    sa.Column('profile', sa.String(length=100), nullable=False),
    sa.Column('set_by', sa.String(length=100), nullable=True),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('channel')
    )
    op.create_table('handled_events',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index(op.f('ix_handled_events_seen_at'), 'handled_events', ['seen_at'], unique=False)
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if 'bot_channel_profiles' in existing:
        op.execute(
            'INSERT INTO channel_profiles (channel, profile, set_by, set_at) '
            'SELECT channel, profile, set_by, set_at FROM bot_channel_profiles'
        )
        op.drop_table('bot_channel_profiles')
    if 'bot_seen_keys' in existing:
        op.drop_table('bot_seen_keys')  # handle-once keys matter for an hour; nothing worth carrying over


def downgrade() -> None:
    op.drop_index(op.f('ix_handled_events_seen_at'), table_name='handled_events')
    op.drop_table('handled_events')
    op.drop_table('channel_profiles')
