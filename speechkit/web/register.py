"""Read pages: the register (台账) with filters, search and sort; the dashboard (看板); downloads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from speechkit.tracker import Filter, ItemView
from speechkit.tracker.rules import BEHIND, CLOSED, DONE, DUE_SOON, OVERDUE, STATUSES
from speechkit.web.auth import Ctx, can_see, viewer

router = APIRouter()
WARNINGS = (OVERDUE, BEHIND, DUE_SOON)  # 红 / 黄 / 蓝
SORTS = {
    "ref": "会议顺序",
    "due": "到期日",
    "warning": "预警",
    "status": "状态",
    "unit": "牵头单位",
    "updated": "最近报送",
}
_WARNING_RANK = {OVERDUE: 0, BEHIND: 1, DUE_SOON: 2, None: 3}


@dataclass(frozen=True)
class Query:
    """The register's filters as the form sends them; anything malformed is dropped, never an error."""

    unit: str = ""
    meeting: str = ""
    status: str = ""  # "" open items, "all", or one status
    warning: str = ""
    overdue: bool = False
    due_within: int | None = None
    q: str = ""
    sort: str = "ref"
    page: int = 1

    @classmethod
    def from_request(cls, request: Request) -> Query:
        p = request.query_params
        status = p.get("status", "")
        warning = p.get("warning", "")
        sort = p.get("sort", "ref")
        return cls(
            unit=p.get("unit", "").strip()[:100],
            meeting=p.get("meeting", "").strip()[:300],
            status=status if status in ("all", *STATUSES) else "",
            warning=warning if warning in WARNINGS else "",
            overdue=p.get("overdue") in ("1", "on", "true"),
            due_within=_int(p.get("due_within"), 0, 3650),
            q=p.get("q", "").strip()[:100],
            sort=sort if sort in SORTS else "ref",
            page=_int(p.get("page"), 1, 100_000) or 1,
        )

    def filter(self) -> Filter:
        """What the tracker narrows in SQL; the rest (search, warning, exact meeting) is done on the views."""
        return Filter(
            owner=self.unit or None,
            status=self.status if self.status in STATUSES else None,
            overdue=self.overdue,
            due_within=self.due_within,
            include_closed=self.status == "all",
        )

    def params(self, **changes: Any) -> str:
        """The query string of these filters with some changed (for sort links and pages)."""
        values = {
            "unit": self.unit, "meeting": self.meeting, "status": self.status, "warning": self.warning,
            "overdue": "1" if self.overdue else "", "due_within": self.due_within or "", "q": self.q,
            "sort": self.sort, "page": self.page,
        }  # fmt: skip
        values.update(changes)
        defaults = {("page", 1), ("sort", "ref")}
        return urlencode({k: v for k, v in values.items() if v not in ("", None) and (k, v) not in defaults})


def _int(value: str | None, low: int, high: int) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def matches(item: ItemView, query: Query) -> bool:
    """The filters the SQL does not do: warning colour, exact meeting, free-text search."""
    if query.warning and item.warning != query.warning:
        return False
    if query.meeting and item.meeting != query.meeting:
        return False
    if query.q:
        haystack = " ".join(
            filter(None, (item.text, item.quote, item.lead, item.person, item.ref, item.meeting, *item.cooperating))
        )
        if query.q.lower() not in haystack.lower():
            return False
    return True


def sort_items(items: list[ItemView], key: str) -> list[ItemView]:
    """Order the register; the meeting order (the tracker's) breaks ties."""
    if key == "due":
        return sorted(items, key=lambda i: (i.due_current is None, i.due_current or date.max))
    if key == "warning":
        return sorted(items, key=lambda i: _WARNING_RANK.get(i.warning, 3))
    if key == "status":
        return sorted(items, key=lambda i: STATUSES.index(i.status) if i.status in STATUSES else 9)
    if key == "unit":
        return sorted(items, key=lambda i: (i.lead is None, i.lead or ""))
    if key == "updated":
        return sorted(items, key=lambda i: i.last_report or "", reverse=True)
    return items


def visible_items(ctx: Ctx, query: Query) -> list[ItemView]:
    """The items this user may see that match the query, sorted."""
    found = ctx.tracker.list_items(ctx.today, query.filter())
    return sort_items([i for i in found if can_see(ctx.account, i) and matches(i, query)], query.sort)


@router.get("/")
def home(ctx: Ctx = Depends(viewer)) -> Response:
    return RedirectResponse("/items", status_code=303)


@router.get("/items")
def register_page(request: Request, ctx: Ctx = Depends(viewer)) -> Response:
    """The register: filters, search, sort, one page of items with their warnings."""
    query = Query.from_request(request)
    items = visible_items(ctx, query)
    every = [i for i in ctx.tracker.list_items(ctx.today, Filter(include_closed=True)) if can_see(ctx.account, i)]
    size = request.app.state.settings.page_size
    pages = max(1, -(-len(items) // size))
    page = min(query.page, pages)
    context = {
        "ctx": ctx, "query": query, "items": items[(page - 1) * size : page * size], "total": len(items),
        "page": page, "pages": pages, "sorts": SORTS, "warnings": WARNINGS,
        "units": sorted({i.lead for i in every if i.lead}), "meetings": list(dict.fromkeys(i.meeting for i in every)),
        "counts": {w: sum(1 for i in items if i.warning == w) for w in WARNINGS},
    }  # fmt: skip
    return request.app.state.templates.TemplateResponse(request, "register.html", context)


def _group(items: list[ItemView], name_of: Any) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = defaultdict(lambda: {"total": 0, "done": 0, OVERDUE: 0, BEHIND: 0, DUE_SOON: 0})
    for item in items:
        row = rows[name_of(item)]
        row["total"] += 1
        row["done"] += item.status in (DONE, CLOSED)
        if item.warning:
            row[item.warning] += 1
    return [{"name": name, **row, "rate": row["done"] / row["total"]} for name, row in sorted(rows.items())]


@router.get("/dashboard")
def dashboard(request: Request, ctx: Ctx = Depends(viewer)) -> Response:
    """By 牵头单位 and by meeting: items, done, completion rate, 红黄蓝 counts; by status."""
    items = [i for i in ctx.tracker.list_items(ctx.today, Filter(include_closed=True)) if can_see(ctx.account, i)]
    by_status = {s: sum(1 for i in items if i.status == s) for s in STATUSES}
    pending = 0
    if ctx.account.is_office:
        from speechkit.web.items import pending_requests

        pending = len(pending_requests(ctx))
    context = {
        "ctx": ctx, "by_unit": _group(items, lambda i: i.lead or "（未明确）"),
        "by_meeting": _group(items, lambda i: i.meeting), "by_status": by_status, "total": len(items),
        "warnings": WARNINGS, "pending": pending, "quote": quote,
    }  # fmt: skip
    return request.app.state.templates.TemplateResponse(request, "dashboard.html", context)


def _download(data: bytes, filename: str, media_type: str) -> Response:
    disposition = f"attachment; filename=\"ledger.{filename.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/export.xlsx")
def export_xlsx(request: Request, ctx: Ctx = Depends(viewer)) -> Response:
    """The register as filtered, as the 督办台账 workbook (deliver.ledger)."""
    from speechkit.deliver.ledger import to_xlsx

    items = visible_items(ctx, Query.from_request(request))
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(to_xlsx(items), f"督办台账_{ctx.today.isoformat()}.xlsx", xlsx)


@router.get("/export.csv")
def export_csv(request: Request, ctx: Ctx = Depends(viewer)) -> Response:
    """The same register as CSV (UTF-8 with BOM, for older Excel)."""
    from speechkit.deliver.ledger import to_csv

    items = visible_items(ctx, Query.from_request(request))
    return _download(to_csv(items), f"督办台账_{ctx.today.isoformat()}.csv", "text/csv; charset=utf-8")


@router.get("/export/notices.txt")
def export_notices(ctx: Ctx = Depends(viewer)) -> Response:
    """督办通知单: per unit, overdue items, items due soon and reports due, ready to send (a unit: its own)."""
    reminders = ctx.tracker.remind(ctx.today)
    if ctx.account.is_unit:
        reminders = [r for r in reminders if r.owner == ctx.account.unit]
    text = "\n\n".join(r.text(ctx.today) for r in reminders) or "目前没有逾期、临期或应报送进展的事项。"
    name = f"督办通知单_{ctx.today.isoformat()}.txt"
    return _download((text + "\n").encode("utf-8"), name, "text/plain; charset=utf-8")
