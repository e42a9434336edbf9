"""One item (督办事项): its page with source and history; progress reports, extensions and their requests, 销号;
the office's corrections (编辑) and 重新打开.

Every write goes through the tracker opened in the user's name, so the history says who did it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from speechkit.errors import TrackerError
from speechkit.tracker import ItemFile, ItemView
from speechkit.tracker.accounts import ExtensionRequest
from speechkit.tracker.rules import CLOSED, DONE, IN_PROGRESS, split_units
from speechkit.tracker.units import default_units
from speechkit.web.auth import (
    OFFICE_ONLY,
    REPORTERS,
    UNIT_ONLY,
    BadRequest,
    Ctx,
    NotFound,
    can_see,
    office_viewer,
    viewer,
)

router = APIRouter()
PENDING, GRANTED, REFUSED = "待审批", "已同意", "未同意"
TEXT_LIMIT = 4000  # characters per form field: a report, not a file
DONE_MESSAGES = {
    "report": "进展已报送。", "extend": "已延期。", "request": "延期申请已提交，等待督办室审批。",
    "close": "已销号。", "granted": "已同意延期。", "refused": "已退回延期申请。", "edit": "已修改。",
    "reopen": "已重新打开，状态为推进中。",
}  # fmt: skip
REPORT_STATUSES = (IN_PROGRESS, DONE)  # what a report may set; 销号 is the office's own action


@dataclass(frozen=True)
class RequestView:
    """An extension request as the pages show it."""

    id: int
    item_id: int
    to: date
    reason: str
    by: str
    at: datetime
    state: str
    decided_by: str | None
    decision_note: str | None


def _request_view(r: ExtensionRequest) -> RequestView:
    return RequestView(r.id, r.item_id, r.to, r.reason, r.by, r.at, r.state, r.decided_by, r.decision_note)


def visible_file(ctx: Ctx, item_id: int) -> ItemFile:
    """The item's file if this user may see it; otherwise NotFound, the same as for an ID that does not exist."""
    try:
        found = ctx.tracker.show(item_id, ctx.today)
    except TrackerError:
        raise NotFound() from None
    if not can_see(ctx.account, found.item):
        raise NotFound()
    return found


def _open_item(ctx: Ctx, item_id: int) -> ItemView:
    item = visible_file(ctx, item_id).item
    if item.status == CLOSED:
        raise BadRequest("该事项已销号，不能再变更。")
    return item


def _text(value: str, label: str, required: bool = False) -> str | None:
    value = value.strip()
    if len(value) > TEXT_LIMIT:
        raise BadRequest(f"{label}过长（最多{TEXT_LIMIT}字）。")
    if required and not value:
        raise BadRequest(f"请填写{label}。")
    return value or None


def _date(value: str, label: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadRequest(f"{label}不是有效日期（格式：2026-12-31）。") from None


def _back(item_id: int, done: str) -> Response:
    return RedirectResponse(f"/items/{item_id}?done={done}#top", status_code=303)


def requests_of(ctx: Ctx, item_id: int) -> list[RequestView]:
    query = select(ExtensionRequest).where(ExtensionRequest.item_id == item_id).order_by(ExtensionRequest.id)
    return ctx.tracker.run(lambda s: [_request_view(r) for r in s.scalars(query)], write=False)


def pending_requests(ctx: Ctx) -> list[RequestView]:
    """Every request still waiting for the office."""
    query = select(ExtensionRequest).where(ExtensionRequest.state == PENDING).order_by(ExtensionRequest.id)
    return ctx.tracker.run(lambda s: [_request_view(r) for r in s.scalars(query)], write=False)


def _item_response(request: Request, ctx: Ctx, item_id: int, done: str | None = None, error: str | None = None,
                   status: int = 200) -> Response:  # fmt: skip
    found = visible_file(ctx, item_id)
    context = {
        "ctx": ctx, "item": found.item, "reports": found.reports, "history": ctx.tracker.history(item_id),
        "requests": requests_of(ctx, item_id), "done": done, "error": error, "report_statuses": REPORT_STATUSES,
        "closed": found.item.status == CLOSED, "reopenable": found.item.status in (DONE, CLOSED),
    }  # fmt: skip
    return request.app.state.templates.TemplateResponse(request, "item.html", context, status_code=status)


@router.get("/items/{item_id}")
def item_page(request: Request, item_id: int, done: str = "", ctx: Ctx = Depends(viewer)) -> Response:
    """The item: facts, 原文依据 with its heading path, reports, extension requests, full history (in Chinese, as
    ``tracker show`` prints it), and the forms this user's role allows."""
    return _item_response(request, ctx, item_id, done=DONE_MESSAGES.get(done))


@router.post("/items/{item_id}/report")
def report(
    item_id: int,
    progress: str = Form(""),
    problems: str = Form(""),
    next_steps: str = Form(""),
    status: str = Form(""),
    ctx: Ctx = Depends(REPORTERS),
) -> Response:
    """进展 / 问题 / 下一步, optionally 推进中 or 已办结: the office, or a unit on its own item."""
    _open_item(ctx, item_id)
    fields = {
        "progress": _text(progress, "进展情况"), "problems": _text(problems, "存在问题"),
        "next_steps": _text(next_steps, "下一步计划"),
    }  # fmt: skip
    if not any(fields.values()):
        raise BadRequest("请至少填写进展情况、存在问题或下一步计划中的一项。")
    if status and status not in REPORT_STATUSES:
        raise BadRequest("状态只能选推进中或已办结；销号由督办室办理。")
    ctx.tracker.update(item_id, status=status or None, reported_on=ctx.today, **fields)
    return _back(item_id, "report")


@router.post("/items/{item_id}/extend")
def extend(item_id: int, to: str = Form(""), reason: str = Form(""), ctx: Ctx = Depends(OFFICE_ONLY)) -> Response:
    """The office moves the due date (the original stays on record)."""
    _open_item(ctx, item_id)
    ctx.tracker.extend(item_id, _date(to, "延期至"), _text(reason, "延期理由", required=True) or "")
    return _back(item_id, "extend")


@router.post("/items/{item_id}/request-extension")
def request_extension(
    item_id: int, to: str = Form(""), reason: str = Form(""), ctx: Ctx = Depends(UNIT_ONLY)
) -> Response:
    """A unit asks for a later due date; the request and a note in the item's history record it."""
    item = _open_item(ctx, item_id)
    new_due, why = _date(to, "申请延期至"), _text(reason, "申请理由", required=True) or ""
    if item.due_current and new_due <= item.due_current:
        raise BadRequest(f"申请的日期须晚于当前到期日{item.due_current.isoformat()}。")
    ctx.tracker.update(item_id, note=f"申请延期至{new_due.isoformat()}：{why}")
    now = ctx.now
    ctx.tracker.run(
        lambda s: s.add(ExtensionRequest(item_id=item_id, to=new_due, reason=why, by=ctx.account.login, at=now,
                                         state=PENDING))
    )  # fmt: skip
    return _back(item_id, "request")


def _decide(ctx: Ctx, request_id: int, state: str, note: str | None) -> RequestView:
    """Mark a pending request decided; None-safe against a double click (the second finds it decided)."""
    now = ctx.now

    def work(session: Session) -> RequestView:
        found = session.get(ExtensionRequest, request_id)
        if found is None:
            raise NotFound()
        statement = (
            update(ExtensionRequest)
            .where(ExtensionRequest.id == request_id, ExtensionRequest.state == PENDING)
            .values(state=state, decided_by=ctx.account.login, decided_at=now, decision_note=note)
        )
        changed = cast(CursorResult, session.execute(statement))  # an UPDATE's result has rowcount
        if changed.rowcount != 1:
            raise BadRequest("该延期申请已经处理过了。")
        session.refresh(found)
        return _request_view(found)

    return ctx.tracker.run(work)


@router.post("/requests/{request_id}/grant")
def grant(request_id: int, note: str = Form(""), ctx: Ctx = Depends(OFFICE_ONLY)) -> Response:
    """The office grants a unit's request: the item is extended to the date asked, with the unit's reason."""
    found = [r for r in pending_requests(ctx) if r.id == request_id]
    if not found:
        raise BadRequest("该延期申请不存在或已经处理过了。")
    asked = found[0]
    _open_item(ctx, asked.item_id)
    ctx.tracker.extend(asked.item_id, asked.to, f"{asked.reason}（{asked.by}申请，{ctx.account.login}同意）")
    _decide(ctx, request_id, GRANTED, _text(note, "意见"))
    return _back(asked.item_id, "granted")


@router.post("/requests/{request_id}/refuse")
def refuse(request_id: int, note: str = Form(""), ctx: Ctx = Depends(OFFICE_ONLY)) -> Response:
    """The office refuses a request; the reason goes to the request and the item's history."""
    why = _text(note, "退回理由", required=True)
    decided = _decide(ctx, request_id, REFUSED, why)
    ctx.tracker.update(decided.item_id, note=f"延期申请（至{decided.to.isoformat()}）未同意：{why}")
    return _back(decided.item_id, "refused")


@router.post("/items/{item_id}/close")
def close(item_id: int, note: str = Form(""), ctx: Ctx = Depends(OFFICE_ONLY)) -> Response:
    """销号: the office signs the item off."""
    _open_item(ctx, item_id)
    ctx.tracker.close(item_id, _text(note, "销号说明"))
    return _back(item_id, "close")


@router.get("/requests")
def requests_page(request: Request, ctx: Ctx = Depends(office_viewer)) -> Response:
    """The office's queue of extension requests waiting for a decision."""
    pending = pending_requests(ctx)
    items = {r.item_id: visible_file(ctx, r.item_id).item for r in pending}
    context = {"ctx": ctx, "pending": pending, "items": items}
    return request.app.state.templates.TemplateResponse(request, "requests.html", context)


EDIT_FIELDS = {  # form field → its label; each is a keyword of Tracker.edit
    "text": "督办事项", "lead": "牵头单位", "cooperating": "配合单位", "leader": "牵头领导",
    "responsible_leader": "责任领导", "person": "责任人", "deadline": "完成时限",
}  # fmt: skip


def _edits(item: ItemView, form: dict[str, str]) -> dict[str, Any]:
    """The fields the form changes, as Tracker.edit takes them ('' clears a field; 督办事项 cannot be empty)."""
    changes: dict[str, Any] = {}
    for name, label in EDIT_FIELDS.items():
        value = _text(form[name], label, required=name == "text") or ""
        if name == "cooperating":
            units = split_units(value)
            if tuple(units) != tuple(item.cooperating):
                changes[name] = units
        elif value != (getattr(item, name) or ""):
            changes[name] = value
    return changes


@router.post("/items/{item_id}/edit")
def edit(
    request: Request,
    item_id: int,
    text: str = Form(""),
    lead: str = Form(""),
    cooperating: str = Form(""),
    leader: str = Form(""),
    responsible_leader: str = Form(""),
    person: str = Form(""),
    deadline: str = Form(""),
    due: str = Form(""),
    reason: str = Form(""),
    ctx: Ctx = Depends(OFFICE_ONLY),
) -> Response:
    """The office corrects an item (``tracker edit``): each changed field one line in the history, under the
    office's names for units ($SPEECHKIT_UNITS); a new due date needs a reason. A refusal is shown on the page."""
    form = {"text": text, "lead": lead, "cooperating": cooperating, "leader": leader,
            "responsible_leader": responsible_leader, "person": person, "deadline": deadline}  # fmt: skip
    try:
        item = _open_item(ctx, item_id)
        changes = _edits(item, form)
        new_due = _date(due, "到期日") if due.strip() else None
        if new_due == item.due_current:
            new_due = None
        why = _text(reason, "理由")
        if new_due is not None and not why:
            raise BadRequest("修改到期日须写明理由。")
        if not changes and new_due is None:
            raise BadRequest("没有修改任何内容。")
        ctx.tracker.edit(item_id, why, new_due, default_units(), **changes)
    except (BadRequest, TrackerError) as refused:
        return _item_response(request, ctx, item_id, error=str(refused), status=400)
    return _back(item_id, "edit")


@router.post("/items/{item_id}/reopen")
def reopen(request: Request, item_id: int, reason: str = Form(""), ctx: Ctx = Depends(OFFICE_ONLY)) -> Response:
    """重新打开 an item that was 已办结 or 已销号 (``tracker reopen``): back to 推进中, with the reason."""
    try:
        item = visible_file(ctx, item_id).item
        if item.status not in (DONE, CLOSED):
            raise BadRequest(f"该事项为{item.status}，不是已办结或已销号，无需重新打开。")
        ctx.tracker.reopen(item_id, _text(reason, "重新打开的理由", required=True) or "")
    except (BadRequest, TrackerError) as refused:
        return _item_response(request, ctx, item_id, error=str(refused), status=400)
    return _back(item_id, "reopen")
