"""`tfgrade grade` puts the similar submissions into OUT/index.html (similarity/in_grade.py,
render/similarity_part.py)."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tfgrade.batch import grade_class
from tfgrade.source.submission import load_class

from .conftest import REPO, SUBMISSIONS

TLS = SUBMISSIONS / "tls_regression"
COPIER = "Zoé B"  # a space and an accent: the link to the pair's view is percent-encoded


class _Links(HTMLParser):
    """The hrefs inside <section id="similarity">, and every id of the page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.inside, self.hrefs, self.ids, self.text = False, [], set(), ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "section" and attrs.get("id") == "similarity":
            self.inside = True
        elif tag == "a" and self.inside:
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "section":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


@pytest.fixture
def tls_only(engine, monkeypatch):
    """The session engine on tls_regression alone (restored after the test)."""
    monkeypatch.setattr(engine, "graders", [g for g in engine.graders if g.exercise == "tls_regression"])
    monkeypatch.setattr(engine, "policy", engine.policy)  # grade_class hides OUT by replacing it
    return engine


def _class(root: Path) -> Path:
    files = {"ana": TLS / "correct" / "numpy_arrays_sgd_momentum" / "tls_regression.py",
             COPIER: TLS / "copies" / "of_numpy_arrays_sgd_momentum" / "tls_regression.py",
             "ben": REPO / "reference" / "tls_regression.py",
             "cleo": REPO / "exercises" / "tls_regression.py"}
    for student, source in files.items():
        (root / student).mkdir(parents=True)
        shutil.copy(source, root / student / "tls_regression.py")
    return root


def test_a_copied_pair_is_in_the_class_page_after_grading_with_working_links(tmp_path, tls_only):
    out = tmp_path / "out"
    grade_class(tls_only, load_class(_class(tmp_path / "class")), out, workers=2)
    index = _Links((out / "index.html").read_text())
    assert "Similar submissions" in index.text and "tls_regression" in index.text
    first, second = sorted(("ana", COPIER))  # pairs are named in sorted order
    assert f"{first} – {second} (100%)" in index.text
    page = out / "similarity.html"
    views = _Links(page.read_text())
    anchors = [urlparse(h).fragment for h in index.hrefs if urlparse(h).fragment]
    assert anchors, index.hrefs
    for href in index.hrefs:
        target = urlparse(href)
        assert (out / unquote(target.path)).is_file(), href
        if target.fragment:
            assert unquote(target.fragment) in views.ids, href
    assert f"tls_regression--{first}--{second}" in {unquote(a) for a in anchors}
    assert "cleo" not in index.text, "the unchanged stub is never flagged"
    data = json.loads((out / "similarity.json").read_text())
    flagged = [(p["a"], p["b"]) for e in data["exercises"] for p in e["pairs"] if p["flagged"]]
    assert flagged == [(first, second)]


def test_tfgrade_report_writes_the_same_similarity_files_again(tmp_path, tls_only):
    from tfgrade.outputs import render_class
    from tfgrade.store import Gradebook

    out = tmp_path / "out"
    grade_class(tls_only, load_class(_class(tmp_path / "class")), out, workers=2)
    files = {name: (out / name).read_bytes() for name in ("similarity.html", "similarity.json", "index.html")}
    for name in files:
        (out / name).unlink()
    with Gradebook(out) as gradebook:
        render_class(out, gradebook)
    assert {name: (out / name).read_bytes() for name in files} == files


def test_a_failing_comparison_never_fails_the_grading_run(tmp_path, tls_only, monkeypatch, capsys):
    import tfgrade.similarity.in_grade as in_grade

    def broken(*args, **kwargs):
        raise RuntimeError("the comparison broke")

    monkeypatch.setattr(in_grade, "class_similarity", broken)
    classroom = tmp_path / "class"
    (classroom / "cleo").mkdir(parents=True)
    shutil.copy(REPO / "exercises" / "tls_regression.py", classroom / "cleo" / "tls_regression.py")
    [report] = grade_class(tls_only, load_class(classroom), tmp_path / "out", workers=1)
    assert report.status == "ok" and report.exercises() == ["tls_regression"]
    assert "similar submissions could not be computed (RuntimeError: the comparison broke)" in capsys.readouterr().err
    section = _Links((tmp_path / "out" / "index.html").read_text())
    assert "Could not be computed" in section.text and "the comparison broke" in section.text
    assert section.hrefs == [], "no link to a page that was not written"
    assert not (tmp_path / "out" / "similarity.html").exists()


def test_section_of_a_gradebook_graded_before_similarity_says_so():
    from tfgrade.render.similarity_part import similarity_part

    assert "Not computed for this gradebook" in similarity_part({})
    assert "Could not be computed" in similarity_part({"error": "MemoryError: ", "computed": "2026-12-02"})
    stored = '<section id="similarity">x</section>'
    assert similarity_part({"section": stored}) == stored
