"""The similarity part of the class page and of OUT, as `tfgrade grade` stored it in the gradebook.

`tfgrade grade` compares the class's files after grading (tfgrade/similarity/in_grade.py) and keeps, in the
gradebook's meta table, the class page's section, similarity.html and similarity.json, or why they could not be
computed. Rendering needs only that record, so `tfgrade report OUT` writes the same files again, and this module
imports nothing of the comparison itself (copydetect, the handed-out code).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from tfgrade.store import Gradebook

RECORD_KEY = "similarity"  # JSON: computed, seconds, exercises, flagged, section; or computed and error
PAGE_KEY = "similarity_html"  # the text of OUT/similarity.html ("" when it could not be computed)
DATA_KEY = "similarity_json"  # the text of OUT/similarity.json ("" when it could not be computed)
PAGE = "similarity.html"
DATA = "similarity.json"


def load_record(gradebook: Gradebook) -> dict[str, Any]:
    """The last run's similarity record; {} for a gradebook graded before tfgrade compared submissions."""
    text = gradebook.meta(RECORD_KEY)
    try:
        record = json.loads(text) if text else {}
    except ValueError:
        return {"error": "the stored similarity record is unreadable"}
    return record if isinstance(record, dict) else {}


def write_files(out: Path, gradebook: Gradebook) -> list[Path]:
    """Write OUT/similarity.html and OUT/similarity.json as the last run stored them; return what was written."""
    from tfgrade.outputs import write_atomically

    written = []
    for key, name in ((PAGE_KEY, PAGE), (DATA_KEY, DATA)):
        text = gradebook.meta(key)
        if text:
            write_atomically(Path(out) / name, text)
            written.append(Path(out) / name)
    return written


def similarity_part(record: dict[str, Any]) -> str:
    """The class page's "Similar submissions" section from the stored record."""
    head = '<section id="similarity"><h2>Similar submissions</h2>'
    if not record:
        return (f'{head}<p class="msg">Not computed for this gradebook: it was graded before <code>tfgrade grade'
                "</code> compared submissions. Grade again, or run <code>tfgrade similarity CLASS --out OUT</code>."
                "</p></section>")
    if record.get("error") or not record.get("section"):
        why = escape(str(record.get("error") or "no result was stored"))
        return (f'{head}<p class="msg"><strong>Could not be computed</strong> in the run that finished '
                f"{escape(str(record.get('computed', '?')))}: {why}. The grades are not affected. "
                "<code>tfgrade similarity CLASS --out DIR</code> runs the comparison by itself.</p></section>")
    return str(record["section"])
