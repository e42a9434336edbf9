"""Regenerate docs/ledger_example.png, docs/notice_example.png and docs/examples/ledger.{xlsx,csv}: the month
of an office that tests/test_tracker_office.py plays, exported as the register and a 通知单, rendered by
LibreOffice.

Usage:  .venv/bin/python docs/tracker_example.py      (needs LibreOffice Calc + Writer, poppler-utils, fonts-noto-cjk)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_tracker_office import MEETING_8, MEETING_9, UNITS, write_old_register  # noqa: E402

from speechkit.deliver.ledger import write_ledger  # noqa: E402
from speechkit.deliver.notices import write_notices  # noqa: E402
from speechkit.deliver.outline import from_dict  # noqa: E402
from speechkit.tracker import Filter, open_tracker, read_units  # noqa: E402

TODAY = date(2026, 11, 30)


def render_png(path: Path, out: Path, png: Path) -> None:
    """First page of ``path`` (xlsx/docx) → ``png`` via LibreOffice and pdftoppm, fonts as docs/fonts.conf maps them."""
    env = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "docs" / "fonts.conf")}
    profile = f"-env:UserInstallation={(out / 'lo').as_uri()}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   env=env, check=True, capture_output=True, timeout=240)  # fmt: skip
    pdf = out / f"{path.stem}.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(png.with_suffix(""))], check=True)  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "units.txt").write_text(UNITS, encoding="utf-8")
        units = read_units(out / "units.txt")
        tracker = open_tracker(f"sqlite:///{out / 't.db'}", by="督查室张三")
        tracker.import_results([from_dict(MEETING_8), from_dict(MEETING_9)], units)
        items = {i.text: i for i in tracker.list_items(TODAY)}
        lamps = items["巷要在年底前完成背街小巷路灯修复"]
        tracker.edit(lamps.id, "经核实由县城管局牵头", units=units, lead="县城管局", text="年底前完成背街小巷路灯修复")
        tracker.add("12月20日前完成县城区供暖管网排查，确保群众温暖过冬", "县长批示", date(2026, 11, 9), units,
                    lead="县住建局", leader="李副县长", deadline="12月20日前", due=date(2026, 12, 20))  # fmt: skip
        budget = items["县财政局、县发改委要于11月20日前完成年度预算调整方案"]
        tracker.extend(budget.id, date(2026, 12, 15), "需待省级转移支付额度下达")
        housing = next(i for t, i in items.items() if "老旧小区" in t)
        tracker.update(housing.id, progress="已完成改造12个小区", problems="资金缺口300万元", next_steps="争取专项债",
                       reported_on=date(2026, 11, 25))  # fmt: skip
        school = next(i for t, i in items.items() if "校园安全" in t)
        tracker.close(school.id, "排查整治完成，分管领导同意销号")
        tracker.import_register(write_old_register(out / "原台账.xlsx"), TODAY, units)
        everything = tracker.list_items(TODAY, Filter(include_closed=True))
        register = write_ledger(everything, out / "台账.xlsx", title="县政府督查室督办事项台账", today=TODAY)
        render_png(register, out, ROOT / "docs" / "ledger_example.png")
        shutil.copy(register, ROOT / "docs" / "examples" / "ledger.xlsx")
        write_ledger(everything, ROOT / "docs" / "examples" / "ledger.csv")
        notices = write_notices(everything, out / "notices", TODAY, "县政府督查室", "县政府督查室 王芳 0917-3212345")
        notice = next(p for p in notices if "县住房和城乡建设局" in p.name)
        render_png(notice, out, ROOT / "docs" / "notice_example.png")
        tracker.dispose()
    print("wrote docs/ledger_example.png, docs/notice_example.png, docs/examples/ledger.xlsx and ledger.csv")


if __name__ == "__main__":
    main()
