"""feedback.html for a student and index.html for the instructor: self-contained, images embedded."""

from __future__ import annotations

import base64
from collections import Counter
from html import escape

from tfgrade.hints import sentence
from tfgrade.render.plots import histogram_png, plot_png
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


def _page(title: str, body: list[str]) -> str:
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style>{CHECK_SCRIPT}</head><body>{''.join(body)}</body></html>\n")


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


def index_html(reports: list[Report]) -> str:
    """What to re-teach on Monday: score distribution, each case's pass rate, the most frequent hints."""
    scores = [r.score for r in reports]
    maximum = max((r.max_score for r in reports), default=0)
    body = [f"<h1>Class results: {len(reports)} students</h1>",
            _image(histogram_png(scores, bins=min(20, max(5, len(reports))), title="Score distribution",
                                 xlabel=f"points (of {maximum:g})"), "score distribution")]
    body.append("<h2>Pass rate per case</h2><table><tr><th>exercise</th><th>case</th><th>passed</th></tr>")
    rates: dict[tuple[str, str], list[bool]] = {}
    for report in reports:
        for case in report.cases:
            rates.setdefault((case.exercise, case.name), []).append(case.outcome == "passed")
    for (exercise, name), passed in rates.items():
        share = sum(passed) / len(passed)
        body.append(f"<tr><td>{escape(exercise)}</td><td>{escape(name)}</td><td>{share:.0%}</td></tr>")
    body.append("</table><h2>Most frequent mistakes</h2><table><tr><th>hint</th><th>students</th><th>fix</th></tr>")
    counts = Counter(h for r in reports for h in r.hints())
    for hint, count in counts.most_common(15):
        body.append(f"<tr><td><code>{escape(hint)}</code></td><td>{count}</td><td>{escape(sentence(hint))}</td></tr>")
    body.append("</table>")
    return _page("Class results", body)
