"""Idempotent import of pipeline results (``Result``): one meeting per speech, one item per task."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from speechkit.document import Result, Speech, Task
from speechkit.errors import InputError, TrackerError
from speechkit.tracker.models import Change, Item, Meeting
from speechkit.tracker.rules import NOT_STARTED, history_text, lead_and_cooperating, normalize_text
from speechkit.tracker.units import UnitList, canonical_units

# An edited quote still counts as the same item when this similar to an unmatched old one.
SAME_ITEM_RATIO = 0.6
MEETING_KIND = re.compile(
    r"(常务会议|办公会议|党组会议|专题会议|领导小组会议|协调会议?|现场办公会|推进会|座谈会|工作会议|调度会|会议)"
)
MEETING_NUMBER = re.compile(r"第([一二三四五六七八九十百零〇两\d]+)次")
TRACKED_FIELDS = (
    "quote", "text", "heading", "owner", "lead", "cooperating", "person",
    "deadline", "due_original", "recurrence", "rrule",
)  # fmt: skip


def load_result(path: Path) -> Result:
    """Read one outline JSON file (``deliver.outline.from_dict``), or a TrackerError naming what is wrong with it."""
    from speechkit.deliver.outline import read_result_json

    try:
        return read_result_json(path)
    except InputError as e:
        raise TrackerError(e.message, path) from None


def meeting_kind(name: str | None) -> str | None:
    """常务会议 / 办公会议 / 专题会议 … from the meeting's name; the last match is the meeting itself."""
    found = MEETING_KIND.findall(name or "")
    return found[-1] if found else None


def meeting_number(name: str | None) -> int | None:
    """第86次 / 第八十次 → 86 / 80."""
    match = MEETING_NUMBER.search(name or "")
    if not match:
        return None
    raw = match.group(1)
    if raw.isdigit():
        return int(raw)
    import cn2an

    try:
        return int(cn2an.cn2an(raw.replace("两", "二").replace("〇", "零"), "smart"))
    except (ValueError, KeyError):
        return None


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def meeting_keys(source: str, speeches: Sequence[Speech], path: str | None = None) -> list[str]:
    """A key per speech: which file (its path when known, else its name), meeting, title, date, n-th repeat.

    Not the file name alone (issue 14): ``2023/纪要.txt`` and ``2024/纪要.txt`` with one title are two
    meetings, and so are two years' minutes of the same name. Not the content either, so that a
    re-import of the corrected file (same path, same meeting) updates the same meeting.
    """
    seen: dict[tuple[str, ...], int] = {}
    keys = []
    for speech in speeches:
        held = speech.meeting_date.isoformat() if speech.meeting_date else ""
        ident = (speech.meeting or "", speech.title or "", held)
        seen[ident] = seen.get(ident, 0) + 1
        keys.append(_digest(path or source, *ident, str(seen[ident])))
    return keys


def legacy_meeting_keys(source: str, speeches: Sequence[Speech]) -> list[str]:
    """The keys of trackers imported before issue 14 (file name + meeting + title + n-th repeat)."""
    seen: dict[tuple[str, str], int] = {}
    keys = []
    for speech in speeches:
        ident = (speech.meeting or "", speech.title or "")
        seen[ident] = seen.get(ident, 0) + 1
        keys.append(_digest(source, *ident, str(seen[ident])))
    return keys


def item_key(meeting_key: str, quote: str) -> str:
    """Meeting key + the quote without spacing and punctuation."""
    return _digest(meeting_key, normalize_text(quote))


def task_fields(task: Task) -> dict[str, Any]:
    """The item columns a task sets."""
    quote = (task.quote or "").strip()
    lead, cooperating = lead_and_cooperating(task.owner, task.lead, [unit for unit in task.cooperating if unit])
    return {
        "quote": quote,
        "text": quote,
        "heading": " / ".join(h for h in task.heading_path if h) or None,
        "owner": task.owner or None,
        "lead": lead,
        "cooperating": cooperating,
        "person": task.person or None,
        "deadline": task.deadline or None,
        "due_original": task.deadline_iso,
        "recurrence": task.recurrence or None,
        "rrule": task.rrule or None,
    }


class Importer:
    """Applies pipeline results to the store inside the caller's transaction and counts what changed."""

    def __init__(self, session: Session, by: str, now: datetime, units: UnitList | None = None) -> None:
        self.session, self.by, self.now, self.units = session, by, now, units
        self.counts = {"meetings": 0, "new": 0, "updated": 0, "unchanged": 0, "gone": 0}
        self.pending: list[dict[str, Any]] = []  # history rows of existing items, inserted in one statement

    def import_result(self, result: Result) -> dict[str, int]:
        """Import every speech of one result; speeches without tasks still register the meeting.

        The meeting's file is ``result.source``'s name (what ``to_dict`` writes as ``source``); its path and
        hash are the input document's, when known."""
        source = result.source.name or "<unknown>"
        document = result.document
        path = str(document.source) if document is not None else None
        sha256 = document.sha256 if document is not None else None
        keys = meeting_keys(source, result.speeches, path)
        legacy = legacy_meeting_keys(source, result.speeches)
        for key, old_key, speech in zip(keys, legacy, result.speeches, strict=True):
            meeting = self._meeting(key, source, path, sha256, speech, old_key)
            self._items(meeting, [task for task in speech.tasks if task.quote])
        if path:
            self._flag_dropped_meetings(source, path, keys)
        self.write_history()
        return self.counts

    def write_history(self) -> None:
        """The history rows of existing items as one multi-row INSERT: 40,000 ORM objects (each loading its
        item's history collection) made an edited re-import 6× slower than the first import."""
        if self.pending:
            self.session.connection().execute(insert(Change), self.pending)
            self.pending = []

    def _flag_dropped_meetings(self, source: str, path: str, keys: list[str]) -> None:
        """A speech no longer in the same file: its items are flagged gone. Matched by path, so that
        another folder's file of the same name (two 纪要.docx) never flags this one's."""
        query = select(Meeting).where(Meeting.source == source, Meeting.source_path == path, Meeting.key.not_in(keys))
        for meeting in self.session.scalars(query):
            self._items(meeting, [])

    def _change(self, action: str, item: Item | None = None, meeting: Meeting | None = None, **kw: Any) -> None:
        if item is not None and item.id is not None and meeting is None:
            row = {"item_id": item.id, "meeting_id": None, "at": self.now, "by": self.by, "action": action,
                   "field": None, "old": None, "new": None, "note": None}  # fmt: skip
            self.pending.append({**row, **kw})
            return
        self.session.add(Change(item=item, meeting=meeting, at=self.now, by=self.by, action=action, **kw))

    def _meeting(
        self, key: str, source: str, path: str | None, sha256: str | None, speech: Speech, legacy_key: str | None = None
    ) -> Meeting:
        name = speech.meeting or None
        fields = {
            "title": speech.title or None,
            "name": name,
            "kind": meeting_kind(name or speech.title),
            "number": meeting_number(name or speech.title),
            "held_on": speech.meeting_date,
            "source_path": path,
            "sha256": sha256,
        }
        meeting = self.session.scalar(select(Meeting).where(Meeting.key == key))
        if meeting is None and legacy_key is not None:
            meeting = self._adopt_legacy(legacy_key, key, path)
        self.counts["meetings"] += 1
        if meeting is None:
            meeting = Meeting(key=key, source=source, imported_at=self.now, **fields)
            self.session.add(meeting)
            self._change("import", meeting=meeting, note=f"meeting from {source}")
            return meeting
        for name_, value in fields.items():
            old = getattr(meeting, name_)
            if old != value and name_ != "source_path":
                self._change("edit", meeting=meeting, field=name_, old=history_text(old), new=history_text(value))
            setattr(meeting, name_, value)
        meeting.imported_at = self.now
        return meeting

    def _fields(self, task: Task) -> dict[str, Any]:
        fields = task_fields(task)
        fields["lead"], fields["cooperating"] = canonical_units(fields["lead"], fields["cooperating"], self.units)
        return fields

    def _adopt_legacy(self, legacy_key: str, key: str, path: str | None) -> Meeting | None:
        """A meeting imported under the old key from this same file takes the new key: an upgrade
        re-imports into it. Another folder's file of the same name (another path) is not adopted."""
        query = select(Meeting).where(Meeting.key == legacy_key)
        meeting = self.session.scalar(query.where(Meeting.source_path == path) if path else query)
        if meeting is not None:
            meeting.key = key
            for item in meeting.items:
                item.key = item_key(key, item.quote)
        return meeting

    def _items(self, meeting: Meeting, tasks: Sequence[Task]) -> None:
        everything = list(meeting.items) if meeting.id else []
        # Items the office split off or added by hand are not in the source: never paired, never flagged gone.
        existing = {item.key: item for item in everything if (item.origin or "import") == "import"}
        incoming: dict[str, dict[str, Any]] = {}
        for task in tasks:
            key = item_key(meeting.key, task.quote)
            if key not in incoming:
                incoming[key] = self._fields(task)
        unmatched_new = [k for k in incoming if k not in existing]
        unmatched_old = [item for k, item in existing.items() if k not in incoming]
        pairs = _pair_edited(unmatched_old, [(k, incoming[k]) for k in unmatched_new])
        next_ordinal = max((i.ordinal for i in everything), default=0) + 1
        new_rows = []
        for key, fields in incoming.items():
            item = existing.get(key) or pairs.get(key)
            if item is None:
                new_rows.append(self._new_item_row(key, fields, next_ordinal))
                next_ordinal += 1
            else:
                self._update_item(item, key, fields)
        if new_rows:
            self._insert_items(meeting, new_rows)
        paired = {id(item) for item in pairs.values()}
        for item in unmatched_old:
            if id(item) not in paired and item.missing_since is None:
                item.missing_since = self.now
                item.updated_at = self.now
                self._change("gone", item=item, note="no longer in the source; kept, flagged")
                self.counts["gone"] += 1

    def _new_item_row(self, key: str, fields: dict[str, Any], ordinal: int) -> dict[str, Any]:
        return {
            "key": key, "ordinal": ordinal, "due_current": fields["due_original"], "status": NOT_STARTED,
            "created_at": self.now, "updated_at": self.now, "extension_reason": None, "missing_since": None,
            "closed_at": None, "closed_by": None, **fields,
        }  # fmt: skip

    def _insert_items(self, meeting: Meeting, rows: list[dict[str, Any]]) -> None:
        """New items and their 'import' history rows as two multi-row INSERTs: 10,000 ORM objects are slow."""
        self.session.flush()  # the meeting needs its id
        for row in rows:
            row["meeting_id"] = meeting.id
        self.session.connection().execute(insert(Item), rows)
        found = self.session.execute(select(Item.key, Item.id).where(Item.meeting_id == meeting.id))
        ids_by_key = {key: item_id for key, item_id in found}
        ids = [ids_by_key[row["key"]] for row in rows]
        history = [
            {"item_id": item_id, "meeting_id": None, "at": self.now, "by": self.by, "action": "import",
             "field": None, "old": None, "new": None, "note": f"item {row['ordinal']} of {meeting.source}"}
            for item_id, row in zip(ids, rows, strict=True)
        ]  # fmt: skip
        self.session.connection().execute(insert(Change), history)
        self.session.expire(meeting, ["items"])
        self.counts["new"] += len(rows)

    def _update_item(self, item: Item, key: str, fields: dict[str, Any]) -> None:
        changed = False
        if item.key != key:
            item.key = key
        for name in TRACKED_FIELDS:
            old, new = getattr(item, name), fields[name]
            if old == new:
                continue
            self._change(
                "edit", item=item, field=name, old=history_text(old), new=history_text(new), note="source changed"
            )
            setattr(item, name, new)
            changed = True
            if name == "due_original" and item.extension_reason is None:
                item.due_current = new  # an extension the office granted outlives a re-import
        if item.missing_since is not None:
            item.missing_since = None
            self._change("back", item=item, note="in the source again")
            changed = True
        if changed:
            item.updated_at = self.now
        self.counts["updated" if changed else "unchanged"] += 1


def _pair_edited(old_items: list[Item], new: list[tuple[str, dict[str, Any]]]) -> dict[str, Item]:
    """Greedily pair each new quote with the most similar unmatched old item: an edit, not a new task.

    Similarity is rapidfuzz's normalised Indel ratio (difflib's measure, in C); items of different meetings
    are never compared (issue 15: difflib over every pair took 155 s for 20,000)."""
    if not old_items or not new:
        return {}
    old_texts = [normalize_text(item.quote) for item in old_items]
    new_texts = [normalize_text(fields["quote"]) for _, fields in new]
    pairs: dict[str, Item] = {}
    used: set[int] = set()
    most = min(len(old_items), len(new))
    for row, column in similar_pairs(old_texts, new_texts, int(SAME_ITEM_RATIO * 100)):
        key = new[row][0]
        if key not in pairs and column not in used:
            pairs[key] = old_items[column]
            used.add(column)
            if len(pairs) == most:
                break  # everything is paired: the rest of the candidates can only be worse
    return pairs


CDIST_CELLS = 4_000_000  # up to 2,000 × 2,000 unmatched quotes in one meeting: every pair, in one C call
# beyond: of the 8 old quotes sharing most of a new quote's 16 rarest 3-grams, the best is taken
GRAM, CANDIDATES, RAREST = 3, 8, 16


def similar_pairs(old: list[str], new: list[str], cutoff: int) -> list[tuple[int, int]]:
    """(new index, old index) of every pair scoring at least ``cutoff``, best first.

    Every pair through ``rapidfuzz.process.cdist`` while that stays small; for a huge meeting an inverted
    index of character 3-grams picks a few candidates per new quote, so the work grows linearly."""
    from rapidfuzz import fuzz, process

    if len(old) * len(new) <= CDIST_CELLS:
        scores = process.cdist(new, old, scorer=fuzz.ratio, score_cutoff=cutoff, workers=1)
        rows, columns = scores.nonzero()
        best_first = (-scores[rows, columns]).argsort(kind="stable")
        return list(zip(rows[best_first].tolist(), columns[best_first].tolist(), strict=True))
    index: dict[str, list[int]] = {}
    for column, text in enumerate(old):
        for gram in {text[i : i + GRAM] for i in range(max(1, len(text) - GRAM + 1))}:
            index.setdefault(gram, []).append(column)
    common = max(50, len(old) // 100)  # a 3-gram in more quotes than this says little about which one
    found: list[tuple[float, int, int]] = []
    for row, text in enumerate(new):
        grams = {text[i : i + GRAM] for i in range(max(1, len(text) - GRAM + 1))}
        postings = sorted((c for g in grams if 0 < len(c := index.get(g, ())) <= common), key=len)[:RAREST]
        hits = Counter(chain.from_iterable(postings))
        for column, _ in hits.most_common(CANDIDATES):
            score = fuzz.ratio(text, old[column], score_cutoff=cutoff)
            if score:
                found.append((score, row, column))
    found.sort(key=lambda f: -f[0])
    return [(row, column) for _, row, column in found]


def import_results(
    session: Session, results: Iterable[Result], by: str, now: datetime, units: UnitList | None = None
) -> dict[str, int]:
    """Import several results in the caller's transaction; returns the summed counts."""
    importer = Importer(session, by, now, units)
    for result in results:
        importer.import_result(result)
    return importer.counts
