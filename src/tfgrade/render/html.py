"""feedback.html for a student and index.html for the instructor: self-contained, images embedded."""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from tfgrade.hints import sentence
from tfgrade.render.plots import plot_png
from tfgrade.results import Report

STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}
.passed{color:#2ca02c}.failed,.error,.timeout,.out-of-memory,.crashed{color:#d62728}.skipped{color:#888}
.msg{color:#444;font-size:.92em}.hint{background:#fff6d5;padding:.4rem .6rem;margin:.3rem 0;border-radius:4px}
img{margin:.3rem .6rem .3rem 0;border:1px solid #eee}"""
# marks every image once it has decoded, so a headless browser test can prove the plots rendered
CHECK_SCRIPT = """<script>window.addEventListener('load',()=>{for(const i of document.images){
i.setAttribute('data-rendered',i.complete&&i.naturalWidth>0?'yes':'no')}
document.body.setAttribute('data-images',document.images.length)})</script>"""
MARK = {"passed": "✓", "skipped": "–"}


def _image(png: bytes, alt: str) -> str:
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _page(title: str, body: list[str], head: str = "") -> str:
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style>{CHECK_SCRIPT}{head}</head><body>{''.join(body)}</body></html>\n")


def feedback_html(report: Report) -> str:
    """Per exercise: the cases with points and messages, the hints with their fixes, and the plots."""
    body = [f"<h1>Feedback for {escape(report.student)}</h1>",
            f"<p><strong>Score: {report.score:g} / {report.max_score:g}</strong></p>"]
    for exercise in report.exercises():
        earned, possible = report.exercise_score(exercise)
        body.append(f"<h2>{escape(exercise)} — {earned:g} / {possible:g}</h2><table>")
        hints: list[str] = []
        images: list[str] = []
        for case in (c for c in report.cases if c.exercise == exercise):
            label = " (hidden)" if case.hidden else ""
            body.append(f'<tr><td class="{case.outcome}">{MARK.get(case.outcome, "✗")} {escape(case.outcome)}</td>'
                        f"<td>{escape(case.name)}{label}<div class='msg'>{escape(case.message)}</div></td>"
                        f"<td>{case.points:g}/{case.max_points:g}</td></tr>")
            hints += [h for h in case.hints if h not in hints]
            images += [_image(plot_png(p), p.get("title", case.name)) for p in case.plots]
        body.append("</table>")
        body += [f'<div class="hint"><code>{escape(h)}</code>: {escape(sentence(h))}</div>' for h in hints]
        if images:
            body.append("<div>" + "".join(images) + "</div>")
        notes = report.notes.get(exercise, [])
        if notes:
            body.append("<details><summary>Demo code that was not run (information, no penalty)</summary><ul>")
            body += [f"<li>{escape(n)}</li>" for n in notes] + ["</ul></details>"]
    return _page(f"Feedback for {report.student}", body)


def index_html(reports: list[Report], exercises: list[str] | None = None, run: dict[str, Any] | None = None) -> str:
    """The instructor's class page (render/index_page.py): attention list, sortable student table, hints, run."""
    from tfgrade.render.index_page import class_page

    return class_page(reports, exercises, run)
