"""The tables of the supervision tracker (督办台账): meetings, items, progress reports, history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of the tracker tables."""


class Meeting(Base):
    """One meeting (会议) whose decisions are tracked: 第8次常务会议, with its source file."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # stable across re-imports of an edited file
    title: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)  # 会议 as the text names it
    kind: Mapped[str | None] = mapped_column(String(40))  # 常务会议 / 办公会议 / 工作会议 …
    number: Mapped[int | None] = mapped_column(Integer)  # 第N次
    held_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)  # file name of the input
    source_path: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))  # content hash of the last imported version
    imported_at: Mapped[datetime] = mapped_column(DateTime)

    items: Mapped[list[Item]] = relationship(back_populates="meeting", order_by="Item.ordinal")


class Item(Base):
    """One supervised item (督办事项), numbered within its meeting (第3项)."""

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("meeting_id", "ordinal", name="uq_items_meeting_ordinal"),
        Index("ix_items_due_current", "due_current"),
        Index("ix_items_status", "status"),
        Index("ix_items_lead", "lead"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # meeting key + normalised quote
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # the task as the office words it (defaults to the quote)
    quote: Mapped[str] = mapped_column(Text)  # 原文依据
    heading: Mapped[str | None] = mapped_column(Text)  # the headings above the task, joined by " / "
    owner: Mapped[str | None] = mapped_column(Text)  # 责任单位 as the text names it
    lead: Mapped[str | None] = mapped_column(Text)  # 牵头单位: the first listed unit
    cooperating: Mapped[list[str]] = mapped_column(JSON, default=list)  # 配合单位
    person: Mapped[str | None] = mapped_column(Text)  # 责任人
    leader: Mapped[str | None] = mapped_column(Text)  # 牵头领导 (the leader who leads the item)
    responsible_leader: Mapped[str | None] = mapped_column(Text)  # 责任领导 (分管领导 answerable for it)
    label: Mapped[str | None] = mapped_column(Text)  # the office's own number (统一编号) from an imported 台账
    origin: Mapped[str] = mapped_column(String(16), default="import")  # import / register / hand (批示, 电话)
    closing_note: Mapped[str | None] = mapped_column(Text)  # 办结情况 given at 销号
    deadline: Mapped[str | None] = mapped_column(Text)  # 时限 as written
    due_original: Mapped[date | None] = mapped_column(Date)  # as the meeting set it
    due_current: Mapped[date | None] = mapped_column(Date)  # after approved extensions
    extension_reason: Mapped[str | None] = mapped_column(Text)
    recurrence: Mapped[str | None] = mapped_column(Text)  # 报送频次 as written: 每月25日前
    rrule: Mapped[str | None] = mapped_column(Text)  # the same as an RFC 5545 rule
    status: Mapped[str] = mapped_column(String(8), default="未启动")
    missing_since: Mapped[datetime | None] = mapped_column(DateTime)  # gone from the source on re-import
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)  # 销号
    closed_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    reports: Mapped[list[ProgressReport]] = relationship(
        back_populates="item", order_by="ProgressReport.id", cascade="all, delete-orphan"
    )
    changes: Mapped[list[Change]] = relationship(
        back_populates="item", order_by="Change.id", cascade="all, delete-orphan"
    )


class ProgressReport(Base):
    """A dated progress report (进展 / 问题 / 下一步) on one item."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    reported_on: Mapped[date] = mapped_column(Date)
    progress: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)

    item: Mapped[Item] = relationship(back_populates="reports")


class Change(Base):
    """One line of history (全程留痕): who changed what, when, from which value to which."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(Text)
    # import, edit, gone, back, update, report, extend, close, add, reopen, split, merge, note, unit
    # (shown in Chinese by speechkit.tracker.history)
    action: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(32))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    item: Mapped[Item | None] = relationship(back_populates="changes")
    meeting: Mapped[Meeting | None] = relationship()


# The web app's tables (speechkit serve) share this metadata and the Alembic history; they subclass Base.
from speechkit.tracker import accounts  # noqa: E402, F401
