"""API bearer tokens per user; findings keep their grounds (fact | absence)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
    )
    with op.batch_alter_table("findings") as b:
        b.add_column(sa.Column("grounds", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("findings") as b:
        b.drop_column("grounds")
    op.drop_table("api_tokens")
