"""recommendation.issued_precision: the report dates recommendations by year only

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recommendation") as batch:
        batch.add_column(sa.Column("issued_precision", sa.String(length=8), nullable=False, server_default="day"))


def downgrade() -> None:
    with op.batch_alter_table("recommendation") as batch:
        batch.drop_column("issued_precision")
