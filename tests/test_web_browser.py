"""A real browser (Debian's chromium through selenium) drives the web tracker through an office's day:
the office uploads a meeting and accepts its items, a unit reports progress, asks for more time and
fails to open another unit's item by URL, the office grants, extends, corrects and closes.

``SPEECHKIT_WEB_SCREENSHOTS=docs/web`` keeps a screenshot of each page there (the README's pictures).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import WEB_PASSWORDS

pytest.importorskip("fastapi")
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from speechkit.tracker import Filter, Tracker  # noqa: E402

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
MEETING_FILE = Path(__file__).parent / "data" / "web" / "县政府第十二次常务会议纪要.txt"
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()), reason="chromium and chromium-driver (.ci/setup)"
)


@pytest.fixture
def browser(tmp_path: Path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900", "--lang=zh-CN"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


class Shots:
    """Full-page screenshots, named in the order taken, into SPEECHKIT_WEB_SCREENSHOTS or tmp_path."""

    def __init__(self, driver: Any, folder: Path) -> None:
        self.driver, self.folder = driver, folder
        folder.mkdir(parents=True, exist_ok=True)

    def take(self, name: str, phone: bool = False) -> Path:
        width = 390 if phone else 1280
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(width, min(max(int(height) + 120, 700), 4000))
        path = self.folder / f"{name}.png"
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(1280, 900)
        return path


def submit(driver: Any, button: Any) -> None:
    """Click a submit button and wait until the next page has replaced this one and finished loading.

    The old page is told apart by a mark on its window, which a new document does not carry. (Waiting
    for the old <html> element to go stale raced with the navigation: chromedriver may answer "Node
    with given id does not belong to the document" instead of "stale element", failing the test.)
    """
    driver.execute_script("window.speechkitOldPage = true")
    button.click()
    WebDriverWait(driver, 120, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return !window.speechkitOldPage && document.readyState === 'complete'")
    )


def log_in(driver: Any, base: str, login: str) -> None:
    driver.get(f"{base}/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(WEB_PASSWORDS[login])
    submit(driver, driver.find_element(By.ID, "login-button"))
    assert driver.current_url.endswith("/") or "/items" in driver.current_url


def log_out(driver: Any) -> None:
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))
    assert "/login" in driver.current_url


def fill(driver: Any, form_id: str, **fields: str) -> None:
    form = driver.find_element(By.ID, form_id)
    for name, value in fields.items():
        element = form.find_element(By.NAME, name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "date":  # typing into a date input depends on the locale
            driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.send_keys(value)
    submit(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def open_details(driver: Any, form_id: str) -> None:
    driver.execute_script("document.getElementById(arguments[0]).closest('details').open = true", form_id)


def test_web_browser_office_unit_office(browser: Any, live_server: str, web_tracker: Tracker, tmp_path: Path) -> None:
    base, driver = live_server, browser
    shots = Shots(driver, Path(os.environ.get("SPEECHKIT_WEB_SCREENSHOTS") or tmp_path / "shots"))
    driver.get(f"{base}/items")
    assert "/login" in driver.current_url  # no page without a login
    shots.take("01_login")

    # The office uploads a meeting and accepts its items after review.
    log_in(driver, base, "office")
    driver.get(f"{base}/upload")
    driver.find_element(By.ID, "file").send_keys(str(MEETING_FILE.resolve()))
    shots.take("02_upload")
    submit(driver, driver.find_element(By.ID, "upload-button"))
    assert "/uploads/" in driver.current_url
    rows = driver.find_elements(By.CSS_SELECTOR, "#review tbody tr")
    assert len(rows) >= 4 and "老旧小区供暖管网改造" in driver.page_source
    shots.take("03_review")
    for box in driver.find_elements(By.CSS_SELECTOR, "input[name=task]"):  # 原则同意…的意见 is no task: untick it
        row = box.find_element(By.XPATH, "./ancestor::tr")
        if "原则同意" in row.text:
            box.click()
    submit(driver, driver.find_element(By.ID, "accept-button"))
    assert "已导入：新增" in driver.find_element(By.ID, "done").text
    new_items = web_tracker.list_items(date(2026, 11, 23), Filter(meeting="第十二次"))
    assert len(new_items) == len(rows) - 1
    heating = next(i for i in new_items if "供暖管网" in i.text)
    other_unit = next(i for i in new_items if i.lead == "县卫生健康局")

    driver.get(f"{base}/items")
    shots.take("04_register_office")
    assert "pwned" not in driver.title  # the seeded <script> item is shown, not run
    assert "<script>document.title='pwned'</script>" in driver.find_element(By.ID, "register").text
    driver.get(f"{base}/dashboard")
    shots.take("05_dashboard")
    log_out(driver)

    # A unit user reports progress, asks for more time, and cannot open another unit's item.
    log_in(driver, base, "zjj")
    texts = driver.find_element(By.ID, "register").text
    assert "供暖管网" in texts and "卫生院" not in texts and "校园安全" not in texts
    shots.take("06_register_unit")
    shots.take("06b_register_unit_phone", phone=True)
    driver.get(f"{base}/items/{heating.id}")
    fill(driver, "report-form", progress="已完成管网改造招标，3个小区已开工", problems="部分管材到货延迟",
         next_steps="12月10日前完成剩余小区施工", status="推进中")  # fmt: skip
    assert "进展已报送" in driver.find_element(By.ID, "done").text
    assert "已完成管网改造招标" in driver.find_element(By.ID, "reports").text
    assert "zjj" in driver.find_element(By.ID, "history").text
    open_details(driver, "request-form")
    fill(driver, "request-form", to="2027-01-15", reason="管材到货延迟，需顺延一个月")
    assert "延期申请已提交" in driver.find_element(By.ID, "done").text
    shots.take("07_item_unit")
    shots.take("07b_item_unit_phone", phone=True)
    driver.get(f"{base}/items/{other_unit.id}")  # guessing another unit's item ID
    assert "没有该事项，或您无权查看" in driver.find_element(By.ID, "error-message").text
    assert "卫生院" not in driver.page_source
    shots.take("08_refused")
    log_out(driver)

    # The office grants the request, extends again, names the 责任领导 and 责任人, and closes.
    log_in(driver, base, "office")
    driver.get(f"{base}/requests")
    assert "管材到货延迟" in driver.find_element(By.ID, "pending").text
    shots.take("09_requests")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "#pending form[action$='/grant'] button"))
    assert "已同意延期" in driver.find_element(By.ID, "done").text
    assert "2027-01-15" in driver.find_element(By.ID, "due").text
    open_details(driver, "extend-form")
    fill(driver, "extend-form", to="2027-01-31", reason="春节前集中验收")
    assert "已延期" in driver.find_element(By.ID, "done").text
    open_details(driver, "edit-form")
    form = driver.find_element(By.ID, "edit-form")
    for name, value in (("responsible_leader", "张副县长"), ("person", "王建国")):
        form.find_element(By.NAME, name).clear()
        form.find_element(By.NAME, name).send_keys(value)
    shots.take("09b_item_edit")
    submit(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "已修改" in driver.find_element(By.ID, "done").text
    history = driver.find_element(By.ID, "history").text
    assert "责任领导：— → 张副县长" in history and "→ 王建国" in history
    open_details(driver, "close-form")
    fill(driver, "close-form", note="经分管领导同意销号")
    assert "已销号" in driver.find_element(By.ID, "done").text
    shots.take("10_item_closed")

    final = web_tracker.show(heating.id, date(2026, 11, 23))
    assert (final.item.status, final.item.due_current) == ("已销号", date(2027, 1, 31))
    who = [(c.action, c.by) for c in final.changes]
    assert ("report", "zjj") in who and ("note", "zjj") in who
    assert [c.by for c in final.changes if c.action in ("extend", "close")] == ["office", "office", "office"]


def test_web_browser_leader_sees_no_write_forms(browser: Any, live_server: str) -> None:
    log_in(browser, live_server, "leader")
    browser.get(f"{live_server}/items/1")
    assert browser.find_elements(By.ID, "report-form") == []
    assert browser.find_elements(By.ID, "close-form") == []
    assert browser.find_elements(By.ID, "edit-form") == []
