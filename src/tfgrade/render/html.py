"""feedback.html for a student and index.html for the instructor: self-contained, images embedded."""

from __future__ import annotations

from html import escape
from typing import Any

from tfgrade.hints import sentence
from tfgrade.render.index_page import class_page
from tfgrade.render.page import image, page
from tfgrade.render.plots import plot_png
from tfgrade.results import Report

MARK = {"passed": "✓", "skipped": "–"}


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
            images += [image(plot_png(p), p.get("title", case.name)) for p in case.plots]
        body.append("</table>")
        body += [f'<div class="hint"><code>{escape(h)}</code>: {escape(sentence(h))}</div>' for h in hints]
        if images:
            body.append("<div>" + "".join(images) + "</div>")
        notes = report.notes.get(exercise, [])
        if notes:
            body.append("<details><summary>Demo code that was not run (information, no penalty)</summary><ul>")
            body += [f"<li>{escape(n)}</li>" for n in notes] + ["</ul></details>"]
    return page(f"Feedback for {report.student}", body)


def index_html(reports: list[Report], exercises: list[str] | None = None, run: dict[str, Any] | None = None,
               similarity: dict[str, Any] | None = None) -> str:
    """The instructor's class page (render/index_page.py): attention list, sortable student table, hints, similar
    submissions, run."""
    return class_page(reports, exercises, run, similarity)
