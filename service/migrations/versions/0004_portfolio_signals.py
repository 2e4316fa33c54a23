"""portfolio: text signals, MinHash bands and near-duplicate pairs per document

Red flags and near-duplicate detection need a document's text, which is not kept; ingestion stores what they need.

Revision ID: 0004_portfolio
Revises: 0003
Create Date: 2026-12-06 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op



revision = '0004_portfolio'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_signals',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('signals', sa.JSON(), nullable=False),
    sa.Column('minhash', sa.LargeBinary(), nullable=True),
    sa.Column('shingles', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('minhash_bands',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('band', sa.BigInteger(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_minhash_bands_band', 'minhash_bands', ['band'], unique=False)
    op.create_index('ix_minhash_bands_document_id', 'minhash_bands', ['document_id'], unique=False)
    op.create_table('near_duplicates',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('other_document_id', sa.Integer(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('found_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'other_document_id')
    )


def downgrade() -> None:
    op.drop_table('near_duplicates')
    op.drop_index('ix_minhash_bands_document_id', table_name='minhash_bands')
    op.drop_index('ix_minhash_bands_band', table_name='minhash_bands')
    op.drop_table('minhash_bands')
    op.drop_table('document_signals')
