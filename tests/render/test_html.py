"""feedback.html and index.html: self-contained pages whose plots really render in a browser."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tfgrade.render.html import feedback_html, index_html
from tfgrade.results import CaseResult, Report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _report(student, passed, hints):
    plots = [
        {"kind": "lines", "title": "TLS", "points": {"x": [0, 1, 2], "y": [1, 2, 2]},
         "lines": {"you": [0.5, 1.0], "reference": [0.6, 0.9]}},
        {"kind": "curves", "title": "loss", "series": {"you": [3, 2, 1], "reference": [3, 1.5, 0.5]}},
        {"kind": "boundary", "title": "boundary", "points": {"x": [0, 3], "y": [3, 0], "labels": [0, 1]},
         "lines": {"you": [1.0, 0.0]}},
        {"kind": "field", "title": "XOR", "values": [[0, 1], [1, 0]],
         "points": {"x": [0, 1], "y": [0, 1], "labels": [0, 0]}},
    ]
    cases = [CaseResult("tls_regression", "fit", True, 2 if passed else 0, 2, "passed" if passed else "failed",
                        "" if passed else "w off by 0.4 <script>", hints, "test_fit", plots),
             CaseResult("xor_net", "shape", False, 1, 1, "passed", "", [], "test_shape")]
    return Report(student, cases)


def test_feedback_page_embeds_every_plot_and_escapes_text():
    page = feedback_html(_report("ada", False, ["tls-is-ols"]))
    assert page.count('src="data:image/png;base64,') == 4
    assert "&lt;script&gt;" in page and page.count("<script>") == 1  # only the page's own image check
    assert "tls-is-ols" in page and "divide the squared residual" in page
    assert "http" not in re.sub(r'src="data:[^"]+"', "", page)  # nothing to fetch: self-contained


def test_index_page_reports_distribution_pass_rates_and_hints():
    reports = [_report("ada", True, []), _report("ben", False, ["tls-is-ols"]), _report("cy", False, ["tls-is-ols"])]
    page = index_html(reports)
    assert "3 students" in page and page.count("data:image/png;base64,") == 1
    assert "<td>tls_regression</td><td>fit</td><td>33%</td>" in page
    assert "<td><code>tls-is-ols</code></td><td>2</td>" in page


def _render_in_chromium(path, tmp_path):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                           "--virtual-time-budget=5000", path.as_uri()],
                          capture_output=True, text=True, timeout=120).stdout


def _assert_every_image_rendered(path, tmp_path):
    dom = _render_in_chromium(path, tmp_path)
    images = path.read_text().count("<img")
    assert f'data-images="{images}"' in dom, dom[:500]
    assert dom.count('data-rendered="yes"') == images > 0
    assert 'data-rendered="no"' not in dom


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_pages_render_every_plot_in_headless_chromium(tmp_path):
    pages = {"feedback.html": feedback_html(_report("ada", False, ["tls-is-ols"])),
             "index.html": index_html([_report("ada", True, []), _report("ben", False, [])])}
    for name, html in pages.items():
        path = tmp_path / name
        path.write_text(html)
        _assert_every_image_rendered(path, tmp_path)


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_pages_from_a_real_grading_run_render(tmp_path, engine, course):
    from tfgrade.batch import grade_class
    from tfgrade.source.submission import load_class

    student = tmp_path / "class" / "ref"
    student.mkdir(parents=True)
    for name in ("linear_classifier", "tls_regression"):
        (student / f"{name}.py").write_text((course.reference_dir / f"{name}.py").read_text())
    grade_class(engine.only("linear_classifier", "tls_regression"), load_class(tmp_path / "class"), tmp_path / "out",
                workers=1)
    feedback = tmp_path / "out" / "ref" / "feedback.html"
    assert feedback.read_text().count("<img") == 5  # dataset, loss curves, boundary, TLS and OLS fits
    _assert_every_image_rendered(feedback, tmp_path)
    _assert_every_image_rendered(tmp_path / "out" / "index.html", tmp_path)



def _shown_rows(browser):
    return browser.evaluate("[...document.querySelectorAll('#students-table tbody tr')]"
                            ".filter(r => !r.hidden).map(r => r.dataset.student)")


def _images_decoded(browser):
    return browser.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_class_page_of_a_real_run_sorts_searches_and_links_in_chromium(tmp_path, engine, small_class, browser,
                                                                         monkeypatch):
    """Clicked and typed into in a real browser (DevTools protocol, tests/render/conftest.py)."""
    from urllib.parse import unquote, urlparse

    from tfgrade.batch import grade_class
    from tfgrade.render.class_summary import needs_attention
    from tfgrade.source.submission import load_class
    from tfgrade.store import Gradebook

    classroom, out = small_class(tmp_path / "class", empty=("eve",)), tmp_path / "out"
    shutil.copytree(classroom / "ben", classroom / "José Núñez")
    monkeypatch.setattr(engine, "graders", [g for g in engine.graders if g.exercise in ("linear_classifier",
                                                                                        "gradients")])
    monkeypatch.setattr(engine, "policy", engine.policy)  # grade_class hides OUT by replacing it
    grade_class(engine, load_class(classroom), out, workers=2)
    with Gradebook(out) as gradebook:
        reports = gradebook.reports()
    index = out / "index.html"
    browser.open(index.as_uri())
    decoded = _images_decoded(browser)
    assert decoded == [True] * index.read_text().count("<img") and decoded, "every image decoded"

    listed = [r.student for r in reports]
    assert _shown_rows(browser) == listed
    total = "#students-table thead th:nth-child(2) button"
    browser.click(total)
    ascending = sorted(reports, key=lambda r: r.score)  # stable, as the page's sort: ties keep their order
    assert _shown_rows(browser) == [r.student for r in ascending] != listed
    browser.click(total)
    assert _shown_rows(browser) == [r.student for r in sorted(ascending, key=lambda r: -r.score)]
    assert browser.evaluate("document.querySelector('#students-table thead th:nth-child(2)')"
                            ".getAttribute('aria-sort')") == "descending"

    browser.click("#student-search")
    browser.type("jose")  # no accent, lower case
    assert _shown_rows(browser) == ["José Núñez"]
    assert browser.evaluate("document.getElementById('student-count').textContent") == f"1 of {len(reports)} students"

    modes = dict(browser.evaluate("[...document.querySelectorAll('#students-table tbody tr')]"
                                  ".map(r => [r.dataset.student, r.cells[r.cells.length - 1].textContent])"))
    assert modes.pop("eve") == "–", "no files: no student code ran, so no sandbox"
    assert set(modes.values()) <= {"root", "root-without-cap-sys-admin", "user", "unsandboxed"}, modes
    attention = browser.evaluate("[...document.querySelectorAll('#attention + p + table a')].map(a => a.textContent)")
    assert attention == [r.student for r, _ in needs_attention(reports)] and "eve" in attention
    for href in browser.evaluate("[...document.links].map(a => a.href)"):  # every link leads to a page
        assert not href.startswith("file:") or Path(unquote(urlparse(href).path)).is_file(), href

    browser.follow('#students-table tbody tr[data-student="José Núñez"] a')
    assert browser.evaluate("location.href") == (out / "José Núñez" / "feedback.html").as_uri()
    assert browser.evaluate("document.querySelector('h1').textContent") == "Feedback for José Núñez"
    decoded = _images_decoded(browser)
    assert decoded and all(decoded), "the student's plots decoded"
