"""The web app's tables in the tracker database: accounts, login sessions, extension requests, uploads.

They sit beside the tracker's own tables (same ``Base``, same Alembic history, migration ``w001``) so
that one database holds the register and who may touch it; ``speechkit.web`` is their only user.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from speechkit.tracker.models import Base

OFFICE, UNIT, LEADER = "office", "unit", "leader"  # 督办室 / 责任单位 / 领导 (read-only)
ROLES = (OFFICE, UNIT, LEADER)


class User(Base):
    """An account: a login, a hashed password, a role and, for a unit user, the unit (责任单位) it speaks for."""

    __tablename__ = "web_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str | None] = mapped_column(Text)  # shown in the page header: 张三（县住建局）
    role: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(Text)  # only for role "unit": the 牵头/配合单位 name it matches
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id, never the password
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime)


class LoginSession(Base):
    """A server-side login session; the cookie holds a random token, the table only its sha256."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))  # the token every form of this session must carry
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)  # the hard limit, whatever the activity

    user: Mapped[User] = relationship()


class ExtensionRequest(Base):
    """A unit's request for a later due date (延期申请), which the office grants or refuses."""

    __tablename__ = "web_extension_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    to: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(8), default="待审批")  # 待审批 / 已同意 / 未同意
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)


class Upload(Base):
    """A meeting file the office uploaded: the pipeline's outline JSON, held for review until accepted."""

    __tablename__ = "web_uploads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
    outline: Mapped[str] = mapped_column(Text)  # deliver.outline.to_dict(), as JSON
    state: Mapped[str] = mapped_column(String(8), default="待确认")  # 待确认 / 已导入 / 已放弃
