"""index.html for the instructor: attention list, student table with links, hints and failed cases, the run."""

from __future__ import annotations

import re
import statistics
from html.parser import HTMLParser
from urllib.parse import unquote

from tfgrade.render.html import index_html
from tfgrade.results import CaseResult, Report

ODD = 'a"b <c> & d'  # a student id that must be escaped in text and percent-encoded in links


class Page(HTMLParser):
    """The links (href -> text) and the student table's rows (student -> [(data-sort, text)]) of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.rows: dict[str, list[tuple[str | None, str]]] = {}
        self.row_order: list[str] = []
        self.marked: set[str] = set()
        self._href = self._row = self._cell = None
        self._text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self._href, self._text = attrs["href"], ""
        elif tag == "tr" and "data-student" in attrs:
            self._row = attrs["data-student"]
            self.rows[self._row] = []
            self.row_order.append(self._row)
            if attrs.get("class") == "attention":
                self.marked.add(self._row)
        elif tag == "td" and self._row is not None:
            self._cell, self._text = attrs.get("data-sort"), ""

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text))
            self._href = None
        elif tag == "td" and self._row is not None:
            self.rows[self._row].append((self._cell, self._text.strip()))
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        self._text += data


def _case(exercise, name, outcome, points, maximum=1.0, message="", hints=()):
    return CaseResult(exercise, name, False, points, maximum, outcome, message, list(hints),
                      grader_error=message.startswith("internal grader error"))


def _class() -> list[Report]:
    sandbox = {"sandbox": {"mode": "root", "unsandboxed": False}, "tensorflow": "2.99", "keras": "3.99",
               "python": "3.12.1"}
    return [
        Report("José Núñez", [_case("gradients", "cubic", "passed", 2, 2), _case("xor_net", "learns", "timeout", 0)],
               sandbox, {}, "ok", {"gradients": 0.25, "xor_net": 30.0}),
        Report(ODD, [_case("gradients", "cubic", "failed", 0, 2, hints=["tape-not-watched"]),
                     _case("xor_net", "learns", "passed", 1)], sandbox, {}, "ok", {"gradients": 0.75, "xor_net": 2.0}),
        Report("ada", [_case("gradients", "cubic", "passed", 2, 2), _case("xor_net", "learns", "passed", 1)], sandbox,
               {}, "ok", {"gradients": 0.5, "xor_net": 3.0}),
        Report("eve", [_case("gradients", "cubic", "error", 0, 2, "no files")], {}, {}, "no-files", {}),
        Report("lin", [_case("gradients", "cubic", "failed", 0, 2, hints=["tape-not-watched"]),
                       _case("xor_net", "learns", "error", 0, message="internal grader error (KeyError); tell")],
               sandbox, {}, "grader-error", {"gradients": 1.0, "xor_net": 1.0}),
        Report("rex", [_case("gradients", "cubic", "passed", 2, 2)], sandbox, {}, "refused-link", {"gradients": 0.1}),
    ]


RUN = {"started": "2026-11-23T09:00:00+00:00", "finished": "2026-11-23T09:05:00+00:00", "seconds": 300.0,
       "graded": 4, "kept": 2, "tfgrade": "0.1.0", "tensorflow": "2.99", "keras": "3.99", "python": "3.12.1",
       "device": "CPU", "device_choice": "cpu", "exercises": ["gradients", "xor_net"], "workers": 2,
       "scheduler": None, "sandbox_mode": "root", "unsandboxed": False}


def _section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start:end if end > 0 else None]


def test_every_student_has_a_row_with_points_and_a_link_to_their_feedback():
    reports = _class()
    page = index_html(reports, ["gradients", "xor_net"], RUN)
    parsed = Page(page)
    assert parsed.row_order == [r.student for r in reports]
    for report in reports:
        cells = parsed.rows[report.student]
        assert float(cells[1][0]) == report.score, "the total column sorts by the score"
        for index, exercise in enumerate(["gradients", "xor_net"], start=2):
            expected = report.exercise_score(exercise)[0] if exercise in report.exercises() else -1
            assert float(cells[index][0]) == expected
        assert cells[-2][0] == report.status
    hrefs = {text: href for href, text in Page(_section(page, "students")).links}
    assert set(hrefs) == {r.student for r in reports}
    assert all(unquote(href) == f"{text}/feedback.html" for text, href in hrefs.items())
    assert hrefs["José Núñez"] == "Jos%C3%A9%20N%C3%BA%C3%B1ez/feedback.html"
    assert ODD not in page and "a&quot;b &lt;c&gt; &amp; d" in page, "the odd id is escaped everywhere"
    assert page.count("<script>") == 2, "the image check and the table's sort/search, nothing injected"
    assert "http" not in re.sub(r'src="data:[^"]+"', "", page), "nothing to fetch: works offline"


def test_attention_lists_trouble_and_every_status_but_ok():
    page = index_html(_class(), ["gradients", "xor_net"], RUN)
    attention = _section(page, "attention")
    linked = {text for _, text in Page(attention).links}
    assert linked == {"José Núñez", "eve", "lin", "rex"}, "timeout, no files, grader error, refused link"
    assert "Needs attention: 4" in attention and "refused-link" in attention and "timeout in 1 case" in attention
    assert Page(page).marked == linked, "their rows are marked in the table too"
    assert 'class="alarm"' not in page, "nobody was graded --unsandboxed"


def test_unsandboxed_grading_is_shown_prominently():
    reports = _class()
    reports[2].environment = {"sandbox": {"mode": "user", "unsandboxed": True,
                                          "problems": ["student code could read /course/reference"]}}
    page = index_html(reports, ["gradients", "xor_net"], {**RUN, "unsandboxed": True})
    banner = page[page.index('<div class="alarm"'):]
    banner = banner[:banner.index("</div>")]
    assert "--unsandboxed" in banner and "/course/reference" in banner and ">ada</a>" in banner
    assert page.index('class="alarm"') < page.index('id="students"'), "above the table"
    assert "user, --unsandboxed" in page


def test_hints_and_failed_cases_name_their_students():
    page = index_html(_class(), ["gradients", "xor_net"], RUN)
    hints = _section(page, "hints")
    assert "<td><code>tape-not-watched</code></td><td>2</td>" in hints
    assert {text for _, text in Page(hints).links} == {ODD, "lin"}
    cases = _section(page, "cases")
    assert "<td>gradients</td><td>cubic</td><td>50%</td>" in cases
    assert {text for _, text in Page(cases).links} == {"José Núñez", ODD, "eve", "lin"}


def test_the_run_when_versions_how_much_and_time_per_exercise():
    reports = _class()
    run = _section(index_html(reports, ["gradients", "xor_net"], RUN), "run")
    for fact in ("2026-11-23T09:05:00+00:00", "4 graded in this run, 2 kept from the previous run",
                 "6 in the gradebook", "tfgrade 0.1.0", "TensorFlow 2.99", "Keras 3.99", "CPU (--device cpu)",
                 "2 local sandboxes"):
        assert fact in run, fact
    seconds = [r.timing["xor_net"] for r in reports if "xor_net" in r.timing]
    assert (f"<td>xor_net</td><td>{len(seconds)}</td><td>{statistics.median(seconds):.2f} s</td>"
            f"<td>{max(seconds):.2f} s</td>") in run
    assert "José Núñez</a>" in run.split("<td>xor_net</td>")[1].split("</tr>")[0], "the slowest student, linked"
    assert "versions in the reports" not in run, "the same versions as the run's"
    reports[0].environment = {**reports[0].environment, "tensorflow": "2.98"}
    mixed = _section(index_html(reports, ["gradients", "xor_net"], RUN), "run")
    assert "versions in the reports" in mixed and "TensorFlow 2.98" in mixed, "a kept report from another version"
    unrecorded = _section(index_html(reports, ["gradients", "xor_net"], None), "run")
    assert "no record of the last run" in unrecorded and "TensorFlow 2.99" in unrecorded
