"""similarity.html / similarity.json / the class-page fragment, and `tfgrade similarity`."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from tfgrade.cli import main
from tfgrade.similarity.detect import Settings, exercise_similarity
from tfgrade.similarity.report import similarity_html, similarity_json, similarity_section

from .conftest import SUBMISSIONS, independent_solutions

COPY = (SUBMISSIONS / "tls_regression" / "copies" / "of_numpy_arrays_sgd_momentum" / "tls_regression.py").read_text()


class _Marks(HTMLParser):
    """The text inside <mark> elements, per title."""

    def __init__(self):
        super().__init__()
        self.inside, self.marks = None, {}

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.inside = dict(attrs)["title"]

    def handle_endtag(self, tag):
        if tag == "mark":
            self.inside = None

    def handle_data(self, data):
        if self.inside:
            self.marks[self.inside] = self.marks.get(self.inside, "") + data


def _result():
    solutions = independent_solutions("tls_regression")
    files = {name: (f"{name}/tls_regression.py", code) for name, code in solutions.items()}
    files["zoe"] = ("zoe/tls_regression.py", COPY)
    return exercise_similarity("tls_regression", files, [])


def test_page_marks_the_matching_regions_side_by_side():
    result = _result()
    page = similarity_html([result])
    assert page.count("class='pair'") == len(result.pairs) >= 1
    view = page.split('id="tls_regression--numpy_arrays_sgd_momentum--zoe"')[1].split("<h3")[0]
    left, right = view.split("<pre>")[1:3]
    marks_left, marks_right = _Marks(), _Marks()
    marks_left.feed(left)
    marks_right.feed(right)
    loop_left = next(t for t, text in marks_left.marks.items() if "GradientTape" in text)
    loop_right = next(t for t, text in marks_right.marks.items() if "GradientTape" in text)
    assert loop_left == loop_right  # the copied loop has the same number on both sides, though it moved
    assert set(marks_right.marks) <= set(marks_left.marks)
    assert re.search(r'<span class="ln">\d+</span>', view)


def test_section_is_a_fragment_that_links_to_the_page():
    result = _result()
    section = similarity_section([result])
    assert section.startswith('<section id="similarity">') and section.endswith("</section>")
    assert "<html" not in section and "<body" not in section
    assert 'href="similarity.html#tls_regression--numpy_arrays_sgd_momentum--zoe"' in section
    assert similarity_section(json.loads(json.dumps(similarity_json([result])))) == section  # from similarity.json


def test_json_names_files_lines_and_settings():
    data = similarity_json([_result()], Settings())
    pair = data["exercises"][0]["pairs"][0]
    assert (pair["a"], pair["b"], pair["flagged"], pair["file_b"]) == (
        "numpy_arrays_sgd_momentum", "zoe", True, "zoe/tls_regression.py")
    first, last = pair["lines_b"][0]
    assert 1 <= first <= last <= COPY.count("\n") + 1
    assert data["settings"]["threshold"] == Settings().threshold


def test_command_writes_the_page_and_the_json(make_class, tmp_path, capsys):
    students = {name: {"tls_regression.py": code} for name, code in independent_solutions("tls_regression").items()}
    students["zoe"] = {"tls_regression.py": COPY}
    assert main(["similarity", str(make_class(students)), "--out", str(tmp_path / "out")]) == 0
    expected = f"tls_regression: {len(students)} files, flagged: numpy_arrays_sgd_momentum–zoe"
    assert expected in capsys.readouterr().out
    data = json.loads((tmp_path / "out" / "similarity.json").read_text())
    assert [p["b"] for p in data["exercises"][0]["pairs"] if p["flagged"]] == ["zoe"]
    assert "<mark" in (tmp_path / "out" / "similarity.html").read_text()


def test_command_missing_class_folder(tmp_path, capsys):
    assert main(["similarity", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "class folder not found" in capsys.readouterr().err
