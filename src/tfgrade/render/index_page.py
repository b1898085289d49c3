"""OUT/index.html, the page an instructor works from: who needs attention, every student's points (sortable,
searchable, each linked to their feedback.html), who got each hint and who did not pass each case, the pairs of
students whose code is unusually alike (stored by the grading run), and the run.

Self-contained: no request leaves the page (a few lines of inline JavaScript sort and search the table), so it
works offline and from a zip.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any
from urllib.parse import quote

from tfgrade.hints import sentence
from tfgrade.render import class_summary as summary
from tfgrade.render.page import image, page
from tfgrade.render.plots import histogram_png
from tfgrade.render.similarity_part import similarity_part
from tfgrade.results import Report

STYLE = """<style>body{max-width:80rem}.scroll{overflow-x:auto}th button{font:inherit;font-weight:600;background:none;
border:0;padding:0;cursor:pointer;color:inherit}th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}td.num{text-align:right}tr.attention td:first-child{
border-left:4px solid #d62728}.alarm{background:#fde2e1;border:2px solid #d62728;padding:.6rem .8rem;
border-radius:4px;margin:1rem 0}td.zero{color:#d62728}td.full{color:#2ca02c}.facts th{font-weight:normal;
color:#555}details summary{cursor:pointer}#student-search{font:inherit;padding:.2rem .4rem;min-width:18rem}</style>"""
# sorts the student table by the clicked column (numbers numerically, ties keep their order) and filters it by
# student id, ignoring case and accents ("jose" finds "José")
SCRIPT = """<script>(()=>{const fold=s=>s.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase();
const table=document.getElementById('students-table'),body=table.tBodies[0],heads=[...table.tHead.rows[0].cells];
heads.forEach((th,col)=>th.querySelector('button').addEventListener('click',()=>{
const up=th.getAttribute('aria-sort')!=='ascending',num=th.dataset.type==='number';
heads.forEach(h=>h.removeAttribute('aria-sort'));th.setAttribute('aria-sort',up?'ascending':'descending');
const key=r=>{const c=r.cells[col],v=c.dataset.sort??c.textContent.trim();return num?parseFloat(v):v};
const rows=[...body.rows].sort((a,b)=>{const x=key(a),y=key(b),d=num?x-y:x.localeCompare(y,undefined,
{numeric:true,sensitivity:'base'});return up?d:-d});body.append(...rows)}));
const box=document.getElementById('student-search'),count=document.getElementById('student-count');
box.addEventListener('input',()=>{const q=fold(box.value.trim());let shown=0;for(const r of body.rows){
r.hidden=!fold(r.dataset.student).includes(q);shown+=r.hidden?0:1}
count.textContent=shown+' of '+body.rows.length+' students'})})()</script>"""


def student_href(student: str) -> str:
    """The relative link to a student's feedback page (any character of the id percent-encoded)."""
    return f"{quote(student, safe='')}/feedback.html"


def student_link(student: str) -> str:
    return f'<a href="{escape(student_href(student))}">{escape(student)}</a>'


def _number(value: float) -> str:
    return f"{value:g}"


def _links(students: list[str], outcomes: list[str] | None = None) -> str:
    parts = [student_link(s) + (f" ({escape(o)})" if outcomes else "") for s, o in
             zip(students, outcomes or [""] * len(students), strict=True)]
    return f"<details><summary>{len(students)} student{'s' if len(students) != 1 else ''}</summary>" \
           f"{', '.join(parts)}</details>"


def _banner(reports: list[Report], run: dict[str, Any] | None) -> list[str]:
    loose = [r for r in reports if summary.unsandboxed(r)]
    if not loose and not (run or {}).get("unsandboxed"):
        return []
    problems = sorted({p for r in loose for p in summary.sandbox(r).get("problems", []) or []})
    text = (f'<div class="alarm" id="unsandboxed" role="alert"><strong>Graded with --unsandboxed</strong>: student '
            f"code of {len(loose)} of {len(reports)} students ran without full isolation, so it could have read "
            "what the sandbox hides (the reference, the graders, OUT, other students' files).")
    if problems:
        text += "<ul>" + "".join(f"<li>{escape(p)}</li>" for p in problems) + "</ul>"
    if loose:
        text += _links([r.student for r in loose])
    elif run and run.get("unsandboxed"):
        text += " The last run was started with --unsandboxed."
    return [text + "</div>"]


def _attention(reports: list[Report]) -> list[str]:
    flagged = summary.needs_attention(reports)
    body = [f'<h2 id="attention">Needs attention: {len(flagged)}</h2><p class="msg">Timeouts, crashes, '
            "out-of-memory, internal grader errors, no files, and any status other than <code>ok</code>.</p>"]
    if not flagged:
        return [*body, "<p>Nobody: every submission was graded without trouble.</p>"]
    body.append("<table><tr><th>student</th><th>status</th><th>why</th></tr>")
    for report, reasons in flagged:
        body.append(f"<tr><td>{student_link(report.student)}</td><td><code>{escape(report.status)}</code></td><td>"
                    + "<br>".join(escape(r) for r in reasons) + "</td></tr>")
    return [*body, "</table>"]


def _status_cell(report: Report) -> str:
    trouble = summary.trouble_counts(report)
    extra = "".join(f" · {n} {escape(kind)}" for kind, n in sorted(trouble.items()))
    short = report.status if len(report.status) <= 40 else report.status[:39] + "…"
    return (f'<td data-sort="{escape(report.status)}" title="{escape(report.status)}"><code>{escape(short)}</code>'
            f"{extra}</td>")


def _student_table(reports: list[Report], exercises: list[str]) -> list[str]:
    maximum = summary.class_max(reports, exercises)
    flagged = {r.student for r, _ in summary.needs_attention(reports)}
    heads = [("student", "text"), (f"total <small>/ {_number(maximum)}</small>", "number")]
    for exercise in exercises:
        most = max((r.exercise_score(exercise)[1] for r in reports), default=0.0)
        heads.append((f"{escape(exercise)} <small>/ {_number(most)}</small>", "number"))
    heads += [("status", "text"), ("sandbox", "text")]
    body = ['<h2 id="students">Students</h2><p><input type="search" id="student-search" placeholder="search student '
            f'id" aria-label="search student id"> <span id="student-count">{len(reports)} of {len(reports)} '
            'students</span></p><div class="scroll"><table id="students-table"><thead><tr>'
            + "".join(f'<th data-type="{kind}"><button type="button">{label}</button></th>' for label, kind in heads)
            + "</tr></thead><tbody>"]
    for report in reports:
        cells = [f'<td data-sort="{escape(report.student)}">{student_link(report.student)}</td>']
        total = _number(report.score) + ("" if report.max_score == maximum else f" / {_number(report.max_score)}")
        cells.append(f'<td class="num" data-sort="{report.score!r}">{total}</td>')
        graded = set(report.exercises())
        for exercise in exercises:
            if exercise not in graded:
                cells.append('<td class="num" data-sort="-1">–</td>')
                continue
            earned, possible = report.exercise_score(exercise)
            kind = "full" if earned == possible else "zero" if earned == 0 else "partial"
            cells.append(f'<td class="num {kind}" data-sort="{earned!r}">{_number(earned)}</td>')
        cells.append(_status_cell(report))
        mode = summary.sandbox_mode(report)
        if summary.unsandboxed(report):
            cells.append(f'<td class="zero" data-sort="{escape(mode)} unsandboxed"><strong>{escape(mode)}, '
                         "--unsandboxed</strong></td>")
        elif mode == summary.NO_SANDBOX:
            cells.append(f'<td title="no sandbox record: no student code ran">{mode}</td>')
        else:
            cells.append(f"<td>{escape(mode)}</td>")
        marked = ' class="attention"' if report.student in flagged else ""
        body.append(f'<tr data-student="{escape(report.student)}"{marked}>{"".join(cells)}</tr>')
    return [*body, "</tbody></table></div>"]


def _cases(reports: list[Report]) -> list[str]:
    body = ['<h2 id="cases">Pass rate per case</h2><table><tr><th>exercise</th><th>case</th><th>passed</th>'
            "<th>students who did not pass</th></tr>"]
    for case in summary.case_summaries(reports):
        who = _links([s for s, _ in case.not_passed], [o for _, o in case.not_passed]) if case.not_passed else "–"
        body.append(f"<tr><td>{escape(case.exercise)}</td><td>{escape(case.name)}</td><td>{case.rate:.0%}</td>"
                    f"<td>{who}</td></tr>")
    return [*body, "</table>"]


def _hints(reports: list[Report]) -> list[str]:
    hints = summary.hint_students(reports)
    body = ['<h2 id="hints">Mistakes: who got each hint</h2>']
    if not hints:
        return [*body, "<p>No hint was given.</p>"]
    body.append("<table><tr><th>hint</th><th>students</th><th>fix</th><th>who</th></tr>")
    body += [f"<tr><td><code>{escape(hint)}</code></td><td>{len(students)}</td><td>{escape(sentence(hint))}</td>"
             f"<td>{_links(students)}</td></tr>" for hint, students in hints]
    return [*body, "</table>"]


def _versions(environment: dict[str, Any]) -> str:
    return ", ".join(f"{name} {escape(str(environment[key]))}" for name, key in (
        ("tfgrade", "tfgrade"), ("TensorFlow", "tensorflow"), ("Keras", "keras"), ("NumPy", "numpy"),
        ("Python", "python")) if environment.get(key))


def _run_facts(run: dict[str, Any] | None, reports: list[Report]) -> list[tuple[str, str]]:
    modes = Counter(summary.sandbox_mode(r) for r in reports)
    sandbox = ", ".join(f"{escape(mode)}: {n}" for mode, n in sorted(modes.items()))
    seen = Counter(v for r in reports if (v := _versions(r.environment)))
    if run is None:
        return [("run", "no record of the last run (this gradebook was written before tfgrade kept one)"),
                ("versions in the reports", "; ".join(f"{v} ({n})" for v, n in seen.most_common()) or "–"),
                ("sandbox modes in the reports", sandbox)]
    where = f"Dask scheduler {escape(str(run['scheduler']))}" if run.get("scheduler") else \
        f"{run.get('workers')} local sandbox{'es' if run.get('workers') != 1 else ''}"
    facts = [("started", escape(str(run.get("started")))), ("finished", escape(str(run.get("finished")))),
             ("took", f"{run.get('seconds', 0):g} s"),
             ("submissions", f"{run.get('graded', 0)} graded in this run, {run.get('kept', 0)} kept from the previous "
                             f"run (unchanged), {len(reports)} in the gradebook"),
             ("exercises in this run", escape(", ".join(run.get("exercises") or [])) or "–"),
             ("versions", _versions(run)),
             ("device", escape(f"{run.get('device')} (--device {run.get('device_choice')})")),
             ("graded on", where),
             ("sandbox modes in the reports", sandbox),
             ("--unsandboxed", "<strong>yes</strong>" if run.get("unsandboxed") else "no")]
    if len(seen) > 1 or (seen and next(iter(seen)) != _versions({**run, "tfgrade": None})):
        facts.append(("versions in the reports", "; ".join(f"{v} ({n})" for v, n in seen.most_common())))
    return facts


def _run(run: dict[str, Any] | None, reports: list[Report], exercises: list[str]) -> list[str]:
    body = ['<h2 id="run">The run</h2><table class="facts">']
    body += [f"<tr><th>{escape(name)}</th><td>{value}</td></tr>" for name, value in _run_facts(run, reports)]
    body.append('</table><h3 id="timing">Time per exercise</h3><table><tr><th>exercise</th><th>students</th>'
                "<th>median</th><th>slowest</th><th>slowest student</th></tr>")
    body += [f"<tr><td>{escape(t.exercise)}</td><td>{t.students}</td><td>{t.median:.2f} s</td><td>{t.slowest:.2f} s"
             f"</td><td>{student_link(t.slowest_student)}</td></tr>"
             for t in summary.exercise_timings(reports, exercises)]
    return [*body, "</table>"]


def _headline(run: dict[str, Any] | None) -> str:
    if run is None:
        return ""
    return (f'<p class="msg">Last run finished {escape(str(run.get("finished")))}: {run.get("graded", 0)} graded, '
            f'{run.get("kept", 0)} kept unchanged; {_versions(run)}; {escape(str(run.get("device")))}. '
            '<a href="#run">More about the run</a></p>')


def class_page(reports: list[Report], exercises: list[str] | None = None, run: dict[str, Any] | None = None,
               similarity: dict[str, Any] | None = None) -> str:
    """The whole page; `exercises` in course order (default: as the reports list them), `run` from runs.load_run,
    `similarity` from render.similarity_part.load_record (None: no similarity section)."""
    exercises = exercises or list(dict.fromkeys(e for r in reports for e in r.exercises()))
    maximum = summary.class_max(reports, exercises)
    body = [f"<h1>Class results: {len(reports)} students</h1>", _headline(run), *_banner(reports, run),
            *_attention(reports), *_student_table(reports, exercises), '<h2 id="distribution">Score distribution</h2>',
            image(histogram_png([r.score for r in reports], bins=min(20, max(5, len(reports))),
                                title="Score distribution", xlabel=f"points (of {maximum:g})"), "score distribution"),
            *_cases(reports), *_hints(reports),
            *([] if similarity is None else [similarity_part(similarity)]), *_run(run, reports, exercises), SCRIPT]
    return page("Class results", body, head=STYLE)
