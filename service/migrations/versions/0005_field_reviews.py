"""field reviews: a reviewer's corrections in force, the audit log of every change, dismissed queue items;
web sessions signed out before they expired

Revision ID: 0005_field_reviews
Revises: 0004_portfolio
Create Date: 2026-12-06 18:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_field_reviews'
down_revision = '0004_portfolio'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('field_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('original', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=200), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'field', name='uq_field_reviews_document_field')
    )
    op.create_table('field_review_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('previous', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_field_review_log_document_id', 'field_review_log', ['document_id'], unique=False)
    op.create_table('review_dismissals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('dismissed_by', sa.String(length=200), nullable=False),
    sa.Column('dismissed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'key', name='uq_review_dismissals_document_key')
    )
    op.create_table('signed_out_sessions',
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('nonce')
    )


def downgrade() -> None:
    op.drop_table('signed_out_sessions')
    op.drop_table('review_dismissals')
    op.drop_index('ix_field_review_log_document_id', table_name='field_review_log')
    op.drop_table('field_review_log')
    op.drop_table('field_reviews')
