"""A bounded load test: 20 users at once against the server on 127.0.0.1 — every request answered, no report lost."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from datetime import date

import pytest
from conftest import WEB_PASSWORDS

pytest.importorskip("fastapi")
import httpx

from speechkit.tracker import Filter, Tracker

USERS = 20
ROUNDS = 5  # each round: the register, an item, a progress report, the dashboard
LOGINS = ["office"] * 8 + ["zjj"] * 6 + ["jyj"] * 6  # 20 sessions of three accounts
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def logged_in(base: str, login: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=120, follow_redirects=False)
    token = CSRF.search(client.get("/login").text).group(1)
    response = client.post("/login", data={"login": login, "password": WEB_PASSWORDS[login], "csrf_token": token})
    assert response.status_code == 303
    return client, CSRF.search(client.get("/items").text).group(1)


def test_web_twenty_concurrent_users_lose_nothing(live_server: str, web_tracker: Tracker) -> None:
    items = web_tracker.list_items(date(2026, 11, 23), Filter(include_closed=True))
    own = {
        "office": [i.id for i in items],
        "zjj": [i.id for i in items if "县住房和城乡建设局" in (i.lead, *i.cooperating)],
        "jyj": [i.id for i in items if i.lead == "县教育局"],
    }
    sessions = [(n, login, *logged_in(live_server, login)) for n, login in enumerate(LOGINS)]
    statuses: Counter[tuple[str, int]] = Counter()
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(USERS)

    def work(n: int, login: str, client: httpx.Client, csrf: str) -> None:
        start.wait()
        try:
            for round_ in range(ROUNDS):
                item_id = own[login][(n + round_) % len(own[login])]
                answers = [
                    ("register", client.get("/items").status_code),
                    ("item", client.get(f"/items/{item_id}").status_code),
                    ("report", client.post(f"/items/{item_id}/report",
                                           data={"csrf_token": csrf, "progress": f"load-{n}-{round_}"}).status_code),
                    ("dashboard", client.get("/dashboard").status_code),
                ]  # fmt: skip
                with lock:
                    statuses.update(answers)
        except Exception as e:  # a refused connection or a timeout is a lost request
            with lock:
                errors.append(f"user {n}: {type(e).__name__}: {e}")

    threads = [threading.Thread(target=work, args=session) for session in sessions]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    elapsed = time.monotonic() - began
    assert errors == []
    expected = USERS * ROUNDS
    assert statuses == Counter({("register", 200): expected, ("item", 200): expected, ("report", 303): expected,
                                ("dashboard", 200): expected}), statuses  # fmt: skip
    reports = [r for i in items for r in web_tracker.show(i.id, date(2026, 11, 23)).reports]
    assert sorted(r.progress for r in reports) == sorted(f"load-{n}-{k}" for n in range(USERS) for k in range(ROUNDS))
    assert Counter(r.by for r in reports) == Counter({"office": 8 * ROUNDS, "zjj": 6 * ROUNDS, "jyj": 6 * ROUNDS})
    print(f"\n{expected * 4} requests from {USERS} users in {elapsed:.1f} s ({expected * 4 / elapsed:.0f}/s)")
    for _, _, client, _ in sessions:
        client.close()
