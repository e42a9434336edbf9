"""The web tracker (speechkit serve) through its HTTP interface: roles, units, CSRF, sessions, hostile text, uploads.

Every test runs on SQLite and, with ``source .ci/postgres``, on the real PostgreSQL.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import WEB_PASSWORDS, WEB_SQLI, WEB_UNITS, make_schema_0001_database

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from speechkit.tracker import Filter, Tracker
from speechkit.web import create_app

MEETING_FILE = Path(__file__).parent / "data" / "web" / "县政府第十二次常务会议纪要.txt"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """A TestClient that logs in through the form and remembers its CSRF token."""

    def __init__(self, app: Any) -> None:
        self.client = TestClient(app, follow_redirects=False)
        self.csrf = ""

    def login(self, login: str, password: str | None = None) -> Any:
        page = self.client.get("/login")
        token = CSRF.search(page.text).group(1)
        response = self.client.post(
            "/login", data={"login": login, "password": password or WEB_PASSWORDS[login], "csrf_token": token}
        )
        if response.status_code == 303:
            self.csrf = CSRF.search(self.client.get("/items").text).group(1)
        return response

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def post(self, url: str, data: dict[str, Any] | None = None, csrf: str | None = None, **kw: Any) -> Any:
        form = {"csrf_token": self.csrf if csrf is None else csrf, **(data or {})}
        return self.client.post(url, data=form, **kw)


@pytest.fixture
def app(web_tracker: Tracker, web_settings: Any) -> Any:
    return create_app(web_settings, tracker=web_tracker)


def as_user(app: Any, login: str) -> Browser:
    browser = Browser(app)
    assert browser.login(login).status_code == 303
    return browser


def item_ids(tracker: Tracker) -> dict[str, int]:
    """Item IDs by their unit: zjj (led by 住建局), jyj (the XSS item), coop (住建局 cooperates), sqli."""
    items = tracker.list_items(date(2026, 11, 23), Filter(include_closed=True))
    by_text = {i.text[:6]: i.id for i in items}
    return {"zjj": by_text["县住房和城乡"], "jyj": by_text["县教育局要于"], "coop": by_text["县应急管理局"],
            "sqli": by_text[WEB_SQLI[:6]]}  # fmt: skip


def history_count(tracker: Tracker) -> int:
    with tracker.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM changes").scalar_one()


# --- no access without login --------------------------------------------------------------------------------


READ_PAGES = ["/", "/items", "/items/1", "/dashboard", "/upload", "/uploads/1", "/requests", "/export.xlsx",
              "/export.csv", "/export/notices.txt"]  # fmt: skip
WRITE_ROUTES = [
    ("/items/{zjj}/report", {"progress": "已完成"}),
    ("/items/{zjj}/extend", {"to": "2027-01-31", "reason": "资金未到位"}),
    ("/items/{zjj}/request-extension", {"to": "2027-01-31", "reason": "资金未到位"}),
    ("/requests/1/grant", {}),
    ("/requests/1/refuse", {"note": "不同意"}),
    ("/items/{zjj}/close", {"note": "已完成"}),
    ("/items/{zjj}/edit", {"text": "改写的事项", "lead": "县应急管理局", "due": "2027-02-01", "reason": "调整分工"}),
    ("/items/{zjj}/reopen", {"reason": "领导要求继续推进"}),
    ("/uploads/1/accept", {"task": "0:0"}),
    ("/uploads/1/discard", {}),
]


@pytest.mark.parametrize("page", READ_PAGES)
def test_web_every_page_needs_a_login(app: Any, page: str) -> None:
    response = Browser(app).get(page)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


def test_web_no_write_without_a_login(app: Any, web_tracker: Tracker) -> None:
    ids, before = item_ids(web_tracker), history_count(web_tracker)
    anonymous = Browser(app)
    for route, data in [*WRITE_ROUTES, ("/logout", {})]:
        response = anonymous.post(route.format(**ids), data, csrf="x")
        assert (response.status_code, response.headers["location"]) == (303, "/login?next=%2F"), route
    upload = anonymous.client.post("/upload", data={"csrf_token": "x"}, files={"file": ("a.txt", b"x", "text/plain")})
    assert upload.status_code == 303
    assert history_count(web_tracker) == before


def test_web_login_refuses_wrong_password_unknown_user_and_a_forged_form(app: Any) -> None:
    assert Browser(app).login("office", "wrong-password").status_code == 401
    assert Browser(app).login("nobody", "whatever-pass").status_code == 401
    forged = TestClient(app, follow_redirects=False).post(
        "/login", data={"login": "office", "password": WEB_PASSWORDS["office"], "csrf_token": "made-up"}
    )
    assert forged.status_code == 403
    assert "speechkit_session" not in forged.cookies


def test_web_login_pauses_after_repeated_failures(app: Any) -> None:
    browser = Browser(app)
    for _ in range(5):
        assert browser.login("office", "wrong-password").status_code == 401
    assert browser.login("office").status_code == 429  # even the right password waits now


def test_web_login_goes_back_only_to_a_page_of_this_site(app: Any) -> None:
    browser = Browser(app)
    token = CSRF.search(browser.get("/login").text).group(1)
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example", "/"), ("/dashboard", "/dashboard")):
        browser.client.cookies.clear()
        token = CSRF.search(browser.get("/login").text).group(1)
        response = browser.client.post(
            "/login", data={"login": "office", "password": WEB_PASSWORDS["office"], "csrf_token": token, "next": target}
        )
        assert response.headers["location"] == expected


# --- units see and write only their own items --------------------------------------------------------------


def test_web_unit_user_sees_only_its_units_items(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    zjj = as_user(app, "zjj")
    listed = {int(i) for i in re.findall(r'href="/items/(\d+)"', zjj.get("/items?status=all").text)}
    assert listed == {ids["zjj"], ids["coop"]}  # led by 住建局, and the one it cooperates on
    for other in ("jyj", "sqli"):
        assert zjj.get(f"/items/{ids[other]}").status_code == 404
    assert zjj.get("/items/999999").status_code == 404  # the same answer: IDs tell nothing
    assert zjj.get("/items/1%20OR%201=1").status_code == 400
    assert zjj.get(f"/items/{ids['zjj']}").status_code == 200
    csv = zjj.get("/export.csv").content.decode("utf-8-sig")
    assert "城中村" in csv and "课后服务" not in csv and "校园安全" not in csv


def test_web_unit_user_cannot_write_to_another_units_item(app: Any, web_tracker: Tracker) -> None:
    ids, before = item_ids(web_tracker), history_count(web_tracker)
    zjj = as_user(app, "zjj")
    assert zjj.post(f"/items/{ids['jyj']}/report", {"progress": "冒名报送"}).status_code == 404
    assert zjj.post(f"/items/{ids['jyj']}/request-extension", {"to": "2027-03-01", "reason": "x"}).status_code == 404
    assert history_count(web_tracker) == before


@pytest.mark.parametrize(
    ("login", "allowed"),
    [
        ("office", {"report", "extend", "grant", "refuse", "close", "edit", "reopen", "accept", "discard", "upload"}),
        ("zjj", {"report", "request-extension"}),
        ("leader", set()),
    ],
)
def test_web_role_checks_on_every_write_route(app: Any, web_tracker: Tracker, login: str, allowed: set[str]) -> None:
    ids = item_ids(web_tracker)
    user = as_user(app, login)
    for route, data in WRITE_ROUTES:
        name = route.rsplit("/", 1)[-1]
        if name in allowed:
            continue
        before = history_count(web_tracker)
        response = user.post(route.format(**ids), data)
        assert response.status_code == 403, (login, route)
        assert "无权操作" in response.text
        assert history_count(web_tracker) == before
    if "upload" not in allowed:
        meeting = {"file": ("m.txt", MEETING_FILE.read_bytes(), "text/plain")}
        response = user.client.post("/upload", data={"csrf_token": user.csrf}, files=meeting)
        assert response.status_code == 403
        for page in ("/upload", "/requests", "/uploads/1"):
            assert user.get(page).status_code == 403
    item = web_tracker.show(ids["zjj"], date(2026, 11, 23)).item
    assert item.status != "已销号"


def test_web_leader_reads_everything_and_sees_no_forms(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    leader = as_user(app, "leader")
    page = leader.get(f"/items/{ids['jyj']}").text
    assert '<form method="post" action="/items' not in page and "csrf_token" in page  # only the logout form
    assert len(set(re.findall(r'href="/items/(\d+)"', leader.get("/items").text))) == 4


# --- CSRF and sessions --------------------------------------------------------------------------------------


def test_web_every_write_needs_this_sessions_csrf_token(app: Any, web_tracker: Tracker) -> None:
    ids, before = item_ids(web_tracker), history_count(web_tracker)
    office, other = as_user(app, "office"), as_user(app, "jyj")
    for token in ("", "forged", other.csrf):  # missing, made up, another session's
        for route, data in WRITE_ROUTES:
            response = office.post(route.format(**ids), data, csrf=token)
            assert response.status_code == 403, (route, token)
            assert "请求已失效" in response.text
    assert history_count(web_tracker) == before
    assert office.post(f"/items/{ids['zjj']}/close", {"note": "完成"}).status_code == 303  # with it: done
    assert (
        office.client.post(
            f"/items/{ids['coop']}/close", data={"note": "完成"}, headers={"X-CSRF-Token": office.csrf}
        ).status_code
        == 303
    )


def test_web_session_expires_when_idle_and_at_its_lifetime(app: Any, web_settings: Any) -> None:
    clock = web_settings.clock
    office = as_user(app, "office")
    clock.offset = timedelta(hours=1, minutes=59)
    assert office.get("/items").status_code == 200  # still alive, and this request keeps it alive
    clock.offset = timedelta(hours=3, minutes=50)
    assert office.get("/items").status_code == 200
    clock.offset = timedelta(hours=6)  # over 2 h idle
    assert office.get("/items").status_code == 303
    fresh = as_user(app, "office")
    for hours in range(1, 12):
        clock.offset = timedelta(hours=6 + hours)
        assert fresh.get("/items").status_code == 200
    clock.offset = timedelta(hours=6 + 12, minutes=1)  # active all along, but past the 12 h lifetime
    assert fresh.get("/items").status_code == 303


def test_web_logout_password_change_and_disable_end_sessions(app: Any, web_tracker: Tracker) -> None:
    from speechkit.web.accounts import set_active, set_password

    office = as_user(app, "office")
    cookie = office.client.cookies.get("speechkit_session")
    assert office.post("/logout").status_code == 303
    replay = TestClient(app, follow_redirects=False, cookies={"speechkit_session": cookie})
    assert replay.get("/items").status_code == 303  # the old cookie is worthless
    zjj = as_user(app, "zjj")
    set_password(web_tracker, "zjj", "a-new-password")
    assert zjj.get("/items").status_code == 303
    assert Browser(app).login("zjj").status_code == 401
    jyj = as_user(app, "jyj")
    set_active(web_tracker, "jyj", False)
    assert jyj.get("/items").status_code == 303
    assert Browser(app).login("jyj").status_code == 401


def test_web_session_cookie_is_httponly_and_samesite(app: Any) -> None:
    browser = Browser(app)
    token = CSRF.search(browser.get("/login").text).group(1)
    response = browser.client.post("/login", data={"login": "office", "password": WEB_PASSWORDS["office"],
                                                   "csrf_token": token})  # fmt: skip
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


# --- hostile text -------------------------------------------------------------------------------------------


def test_web_script_in_item_text_is_shown_as_text(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    office = as_user(app, "office")
    for page in ("/items", f"/items/{ids['jyj']}", "/items?q=%3Cscript%3E"):
        html = office.get(page).text
        assert "<script>document.title" not in html and "<img src=x" not in html
        assert "&lt;script&gt;document.title=" in html
    response = office.get("/items")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_web_sql_in_item_text_and_filters_is_only_text(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    office = as_user(app, "office")
    page = office.get(f"/items/{ids['sqli']}").text
    assert "DROP TABLE items" in page  # shown, escaped by the template, not run
    for query in ("q=' OR 1=1 --", "unit=' OR '1'='1", "meeting=x'; DROP TABLE items; --", "sort=1;DROP",
                  "status='; --", "due_within=1 OR 1=1", "page=-1"):  # fmt: skip
        assert office.get(f"/items?{query}").status_code == 200, query
    found = re.findall(r'href="/items/(\d+)"', office.get("/items?q=DROP TABLE").text)
    assert set(map(int, found)) == {ids["sqli"]}
    assert len(web_tracker.list_items(date(2026, 11, 23), Filter(include_closed=True))) == 4
    assert office.post(f"/items/{ids['sqli']}/report", {"progress": "'); DELETE FROM changes; --"}).status_code == 303
    assert "DELETE FROM changes" in office.get(f"/items/{ids['sqli']}").text
    assert history_count(web_tracker) > 4


# --- the work itself ----------------------------------------------------------------------------------------


def test_web_unit_reports_progress_and_history_names_the_user(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    zjj = as_user(app, "zjj")
    report = {"progress": "已排查燃气管道32处", "problems": "资金缺口", "next_steps": "月底前整改"}
    response = zjj.post(f"/items/{ids['coop']}/report", report)
    assert response.status_code == 303
    item_file = web_tracker.show(ids["coop"], date(2026, 11, 23))
    assert item_file.item.status == "推进中"
    assert [(r.progress, r.by) for r in item_file.reports] == [("已排查燃气管道32处", "zjj")]
    assert [c.by for c in item_file.changes if c.action in ("report", "update")] == ["zjj", "zjj"]
    assert zjj.post(f"/items/{ids['coop']}/report", {"progress": "x", "status": "已销号"}).status_code == 400
    assert zjj.post(f"/items/{ids['coop']}/report", {}).status_code == 400


def test_web_unit_asks_for_an_extension_and_the_office_grants_it(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    jyj, office = as_user(app, "jyj"), as_user(app, "office")
    assert jyj.post(f"/items/{ids['jyj']}/request-extension", {"to": "2026-11-10", "reason": "x"}).status_code == 400
    assert jyj.post(f"/items/{ids['jyj']}/request-extension",
                    {"to": "2026-12-10", "reason": "施工队伍未进场"}).status_code == 303  # fmt: skip
    assert "施工队伍未进场" in office.get("/requests").text
    assert web_tracker.show(ids["jyj"], date(2026, 11, 23)).item.due_current == date(2026, 11, 20)  # not yet
    assert office.post("/requests/1/grant").status_code == 303
    assert office.post("/requests/1/grant").status_code == 400  # a second click changes nothing
    item_file = web_tracker.show(ids["jyj"], date(2026, 11, 23))
    assert (item_file.item.due_current, item_file.item.due_original) == (date(2026, 12, 10), date(2026, 11, 20))
    who = [(c.action, c.by) for c in item_file.changes]
    assert ("note", "jyj") in who and ("extend", "office") in who


def test_web_office_refuses_a_request_with_a_reason(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    jyj, office = as_user(app, "jyj"), as_user(app, "office")
    jyj.post(f"/items/{ids['sqli']}/request-extension", {"to": "2027-03-01", "reason": "方案待论证"})
    assert office.post("/requests/1/refuse", {"note": ""}).status_code == 400
    assert office.post("/requests/1/refuse", {"note": "按期完成"}).status_code == 303
    item_file = web_tracker.show(ids["sqli"], date(2026, 11, 23))
    assert item_file.item.due_current == date(2026, 12, 31)
    assert any(c.by == "office" and "未同意：按期完成" in (c.note or "") for c in item_file.changes)


def test_web_office_extends_and_closes(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    office = as_user(app, "office")
    assert office.post(f"/items/{ids['zjj']}/extend", {"to": "2027-01-15", "reason": ""}).status_code == 400
    assert office.post(f"/items/{ids['zjj']}/extend", {"to": "2027-01-15", "reason": "管材到货推迟"}).status_code == 303
    assert office.post(f"/items/{ids['zjj']}/close", {"note": "经分管领导同意"}).status_code == 303
    item = web_tracker.show(ids["zjj"], date(2026, 11, 23)).item
    assert (item.status, item.due_current) == ("已销号", date(2027, 1, 15))
    assert office.post(f"/items/{ids['zjj']}/report", {"progress": "x"}).status_code == 400  # closed is closed
    assert ids["zjj"] not in {int(i) for i in re.findall(r'href="/items/(\d+)"', office.get("/items").text)}


def edit_form(page: str) -> dict[str, str]:
    """The edit form's fields as the page fills them in (what a browser would send back unchanged)."""
    form = page[page.index('id="edit-form"') : page.index("</form>", page.index('id="edit-form"'))]
    fields = dict(re.findall(r'<input (?:type="date" )?name="(\w+)" maxlength="\d+" value="([^"]*)"', form))
    fields.update(re.findall(r'<input type="date" name="(\w+)" value="([^"]*)"', form))
    fields["text"] = re.search(r'<textarea name="text"[^>]*>([^<]*)</textarea>', form).group(1)
    return fields


def test_web_office_edits_lead_and_due_date_and_the_history_says_who(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    office = as_user(app, "office")
    form = edit_form(office.get(f"/items/{ids['zjj']}").text)
    assert (form["lead"], form["due"], form["person"]) == ("县住房和城乡建设局", "2026-12-15", "")
    moved = {**form, "lead": "县自然资源局", "cooperating": "县住房和城乡建设局", "due": "2026-12-20"}
    refused = office.post(f"/items/{ids['zjj']}/edit", moved)  # a new due date without a reason
    assert refused.status_code == 400 and "修改到期日须写明理由" in refused.text and 'id="item-text"' in refused.text
    assert web_tracker.show(ids["zjj"], date(2026, 11, 23)).item.lead == "县住房和城乡建设局"
    assert office.post(f"/items/{ids['zjj']}/edit", form).status_code == 400  # nothing changed
    assert office.post(f"/items/{ids['zjj']}/edit", {**moved, "reason": "按县政府分工调整"}).status_code == 303
    item = web_tracker.show(ids["zjj"], date(2026, 11, 23)).item
    assert (item.lead, item.cooperating) == ("县自然资源局", ("县住房和城乡建设局",))
    assert (item.due_current, item.due_original) == (date(2026, 12, 20), date(2026, 12, 15))
    edits = [(h.by, h.action, h.field, h.old, h.new, h.note) for h in web_tracker.history(ids["zjj"])
             if h.action == "编辑"]  # fmt: skip
    assert ("office", "编辑", "牵头单位", "县住房和城乡建设局", "县自然资源局", "按县政府分工调整") in edits
    assert ("office", "编辑", "到期日", "2026-12-15", "2026-12-20", "按县政府分工调整") in edits
    history = office.get(f"/items/{ids['zjj']}?done=edit").text
    history = history[history.index('id="history"') :]
    assert "牵头单位：县住房和城乡建设局 → 县自然资源局；按县政府分工调整" in history
    assert "到期日：2026-12-15 → 2026-12-20" in history
    actions = set(re.findall(r'data-label="操作">([^<]*)<', history))
    assert actions == {"导入", "编辑"}  # in Chinese, as tracker show prints them
    assert not re.search(r'data-label="内容">[a-z_]+：', history)  # and the fields too
    emptied = office.post(f"/items/{ids['zjj']}/edit", {**edit_form(office.get(f"/items/{ids['zjj']}").text),
                                                        "text": "  "})  # fmt: skip
    assert emptied.status_code == 400 and "请填写督办事项" in emptied.text


def test_web_office_reopens_a_closed_item(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    office, zjj = as_user(app, "office"), as_user(app, "zjj")
    assert 'id="reopen-form"' not in office.get(f"/items/{ids['zjj']}").text  # open: nothing to reopen
    assert office.post(f"/items/{ids['zjj']}/reopen", {"reason": "x"}).status_code == 400
    assert office.post(f"/items/{ids['zjj']}/close", {"note": "已完成征收"}).status_code == 303
    assert 'id="reopen-form"' in office.get(f"/items/{ids['zjj']}").text
    assert 'id="reopen-form"' not in zjj.get(f"/items/{ids['zjj']}").text
    assert office.post(f"/items/{ids['zjj']}/reopen", {"reason": " "}).status_code == 400
    assert zjj.post(f"/items/{ids['zjj']}/reopen", {"reason": "冒名"}).status_code == 403
    assert office.post(f"/items/{ids['zjj']}/reopen", {"reason": "领导要求继续推进"}).status_code == 303
    assert web_tracker.show(ids["zjj"], date(2026, 11, 23)).item.status == "推进中"
    page = office.get(f"/items/{ids['zjj']}").text
    assert "重新打开" in page[page.index('id="history"') :] and "领导要求继续推进" in page


def test_web_register_filters_search_and_sort(app: Any, web_tracker: Tracker) -> None:
    ids = item_ids(web_tracker)
    office = as_user(app, "office")

    def listed(query: str) -> list[int]:
        found = re.findall(r'href="/items/(\d+)"', office.get(f"/items?{query}").text)
        return list(dict.fromkeys(int(i) for i in found))

    assert listed("overdue=1") == [ids["jyj"]]  # 11-20 < 11-23
    assert listed("warning=逾期") == [ids["jyj"]]
    assert listed("warning=滞后") == [ids["coop"]]  # not started, 21 of its 23 days gone
    office.post(f"/items/{ids['coop']}/report", {"progress": "已开始排查"})
    assert listed("warning=临期") == [ids["coop"]]  # started now, and due within 3 days
    assert set(listed("due_within=30")) == {ids["coop"], ids["zjj"]}
    assert listed(f"unit={WEB_UNITS['zjj']}") == [ids["zjj"], ids["coop"]]
    assert listed("q=城中村") == [ids["zjj"]]
    assert listed("sort=due") == [ids["jyj"], ids["coop"], ids["zjj"], ids["sqli"]]
    assert listed("meeting=县政府第八次常务会议（2026-11-02）") == listed("")


def test_web_dashboard_counts_by_unit_and_meeting(app: Any) -> None:
    page = as_user(app, "office").get("/dashboard").text
    assert "按牵头单位" in page and "按会议" in page and "县政府第八次常务会议（2026-11-02）" in page
    unit_page = as_user(app, "zjj").get("/dashboard").text
    assert "县教育局" not in unit_page


def test_web_exports_are_downloads(app: Any) -> None:
    from openpyxl import load_workbook

    office = as_user(app, "office")
    response = office.get("/export.xlsx?status=all")
    assert response.headers["content-disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [value for row in sheet.iter_rows(values_only=True) for value in row if isinstance(value, str)]
    for start in ("县住房和城乡建设局要在12月15日前", "县教育局要于11月20日前", "县应急管理局牵头", WEB_SQLI[:12]):
        assert sum(cell.startswith(start) for cell in cells) >= 1, start  # each item once as 督办事项 (and 原文)
    unit_sheet = load_workbook(io.BytesIO(as_user(app, "jyj").get("/export.xlsx?status=all").content)).active
    unit_cells = " ".join(str(v) for row in unit_sheet.iter_rows(values_only=True) for v in row if v)
    assert "县教育局要于11月20日前" in unit_cells and "城中村" not in unit_cells
    notices = office.get("/export/notices.txt").text
    assert "【督办提醒】县教育局" in notices and "已逾期事项1项" in notices


def test_web_upload_review_and_accept_a_meeting(app: Any, web_tracker: Tracker) -> None:
    office = as_user(app, "office")
    response = office.client.post(
        "/upload", data={"csrf_token": office.csrf},
        files={"file": ("../../" + MEETING_FILE.name, MEETING_FILE.read_bytes(), "text/plain")},
    )  # fmt: skip
    assert response.status_code == 303
    review = office.get(response.headers["location"]).text
    keys = re.findall(r'name="task" value="([^"]+)"', review)
    assert len(keys) >= 4 and "老旧小区供暖管网改造" in review and "关于冬季安全生产工作" in review
    before = len(web_tracker.list_items(date(2026, 11, 23)))
    assert before == 4  # nothing enters the tracker before it is accepted
    chosen = {"task": keys[:2], f"owner-{keys[0]}": "县应急管理局、县住房和城乡建设局", f"due-{keys[1]}": "2026-12-20"}
    accepted = office.post(response.headers["location"] + "/accept", chosen)
    assert accepted.status_code == 303 and "new=2" in accepted.headers["location"]
    items = web_tracker.list_items(date(2026, 11, 23), Filter(meeting="第十二次"))
    assert len(items) == 2
    assert (items[0].lead, items[0].cooperating) == ("县应急管理局", ("县住房和城乡建设局",))
    assert items[1].due_current == date(2026, 12, 20)
    assert {c.by for i in items for c in web_tracker.show(i.id, date(2026, 11, 23)).changes} == {"office"}
    again = office.post(response.headers["location"] + "/accept", chosen)
    assert again.status_code == 400
    assert len(web_tracker.list_items(date(2026, 11, 23))) == before + 2


def test_web_upload_of_a_bad_file_is_one_message(app: Any) -> None:
    office = as_user(app, "office")
    for name, data, message in (
        ("empty.txt", b"", "上传的文件是空的"),
        ("blob.txt", bytes(range(256)) * 4, "无法处理 blob.txt"),
        ("big.txt", b"x" * (6 << 20), "文件超过5 MB"),
    ):
        response = office.client.post("/upload", data={"csrf_token": office.csrf},
                                      files={"file": (name, data, "text/plain")})  # fmt: skip
        assert response.status_code in (400, 413), name
        assert message in response.text, name


# --- accounts and the command line -------------------------------------------------------------------------


def test_web_users_commands(tracker_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from speechkit.cli import main

    def run(*args: str, stdin: str = "") -> int:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        with pytest.raises(SystemExit) as exit_info:
            main(["users", *args, "--db", tracker_url])
        return exit_info.value.code or 0

    assert run("add", "dbs", "--role", "督办室", "--name", "李四", "--password-stdin", stdin="long-enough\n") == 0
    assert run("add", "zjj", "--role", "unit", "--unit", "县住建局", "--password-stdin", stdin="long-enough\n") == 0
    assert run("add", "zjj2", "--role", "unit", "--password-stdin", stdin="long-enough\n") == 2
    assert "a unit user needs --unit" in capsys.readouterr().err
    assert run("add", "dbs", "--role", "office", "--password-stdin", stdin="long-enough\n") == 1
    assert "speechkit: error: user 'dbs' exists already" in capsys.readouterr().err
    assert run("add", "x", "--role", "office", "--password-stdin", stdin="short\n") == 2
    assert run("list") == 0
    listing = capsys.readouterr().out
    assert "李四" in listing and "督办室" in listing and "县住建局" in listing
    assert run("passwd", "zjj", "--password-stdin", stdin="another-one\n") == 0
    assert run("disable", "zjj") == 0
    assert "停用" in (run("list"), capsys.readouterr().out)[1]
    assert run("passwd", "nobody", "--password-stdin", stdin="another-one\n") == 1


def test_web_old_tracker_database_upgrades_with_its_items(tmp_path: Path) -> None:
    """A store made by the first schema (0001) gains the web tables and keeps everything."""
    from speechkit.tracker import open_tracker
    from speechkit.web.accounts import add_user, list_users

    url = f"sqlite:///{tmp_path / 'old.db'}"
    make_schema_0001_database(
        url, "INSERT INTO meetings (id, key, source, imported_at) VALUES (1, 'k', 'old.txt', '2026-01-01 00:00:00')"
    )
    tracker = open_tracker(url)
    add_user(tracker, "office", "office-pass-1", "office")
    assert [u.login for u in list_users(tracker)] == ["office"]
    with tracker.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT source FROM meetings").scalar_one() == "old.txt"
    tracker.dispose()


def test_web_serve_command_listens_on_loopback_only(tmp_path: Path) -> None:
    """``speechkit serve`` as a user starts it: 127.0.0.1 by default, a hint when there is no office account."""
    import os
    import socket
    import subprocess
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db = tmp_path / "serve.db"
    command = [sys.executable, "-c", "from speechkit.cli import main; main()", "serve", "--db", str(db)]
    command += ["--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline, response = time.monotonic() + 60, None
        while response is None and time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/items", timeout=5)
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None and response.status_code == 303
        with socket.socket() as other:  # not on the machine's other addresses
            host_ip = socket.gethostbyname(socket.gethostname())
            if not host_ip.startswith("127."):
                assert other.connect_ex((host_ip, port)) != 0
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "no office account yet: speechkit users add NAME --role office" in err
    assert f"at http://127.0.0.1:{port}/" in err


def test_web_upload_of_word_minutes_finds_the_same_items_as_the_text(app: Any, tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    for line in MEETING_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    path = tmp_path / "县政府第十二次常务会议纪要.docx"
    document.save(str(path))
    office = as_user(app, "office")
    quotes = []
    for name, data in ((MEETING_FILE.name, MEETING_FILE.read_bytes()), (path.name, path.read_bytes())):
        response = office.client.post("/upload", data={"csrf_token": office.csrf}, files={"file": (name, data)})
        assert response.status_code == 303, name
        review = office.get(response.headers["location"]).text
        quotes.append(re.findall(r'<td data-label="原文依据" class="text">([^<]+)</td>', review))
    assert len(quotes[0]) >= 4 and quotes[0] == quotes[1]


@pytest.mark.slow
def test_web_upload_of_a_recording_is_transcribed_for_review(app: Any) -> None:
    """A recording goes through Whisper (speechkit.pipeline) like any file; what it says is shown for review."""
    clip = Path(__file__).parent / "data" / "audio" / "fireredasr_TEST_MEETING_T0000000001_S00000.wav"
    office = as_user(app, "office")
    response = office.client.post("/upload", data={"csrf_token": office.csrf},
                                  files={"file": (clip.name, clip.read_bytes(), "audio/wav")})  # fmt: skip
    assert response.status_code == 303
    review = office.get(response.headers["location"]).text
    assert clip.name in review and "待确认" in review
    assert "没有提取到督办事项" in review  # a sales meeting's chat: no task, and none invented
