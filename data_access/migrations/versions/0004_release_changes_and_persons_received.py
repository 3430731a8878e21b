"""release_change (what a release changed against the one before it); ombudsman_visit.persons_received

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "release_change",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target_table", sa.String(length=40), nullable=False),
        sa.Column("target_key", sa.String(length=200), nullable=True),
        sa.Column("target_column", sa.String(length=60), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=False),
        sa.Column("text_kk", sa.Text(), nullable=False),
        sa.Column("text_ru", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    # Nullable: visits imported before this revision carry no count of people received.
    with op.batch_alter_table("ombudsman_visit") as batch:
        batch.add_column(sa.Column("persons_received", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("persons_received_line", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ombudsman_visit") as batch:
        batch.drop_column("persons_received_line")
        batch.drop_column("persons_received")
    op.drop_table("release_change")
