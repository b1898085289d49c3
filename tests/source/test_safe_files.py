"""A student's folder is data: links out of it are refused, links inside followed, pipes and devices never
opened, big files never read whole; the files students really hand in (odd bytes, deep folders) still load."""

from __future__ import annotations

import os
import pickle
import signal
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest

from tfgrade.source import safe_files
from tfgrade.source.safe_files import LINKS_NOT_GRADED, RAW_CAPS, SOURCE_CAP, read_entry
from tfgrade.source.submission import load_class, load_submission

MARKER = "MARKER-5f0c2e-not-for-students"


class Hung(Exception):
    """Not an OSError, so no `except OSError` in the code under test can swallow it."""


@contextmanager
def deadline(seconds: int = 10):
    """Fail instead of hanging when something blocks (a pipe opened for reading)."""

    def expire(*_):
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def course_tree(tmp_path):
    """tmp/course/{reference,private}, tmp/course/class/{mal,ben}: the answer and a secret beside the class."""
    root = tmp_path / "course"
    (root / "reference").mkdir(parents=True)
    (root / "reference" / "simple_dense.py").write_text(f"ANSWER = '{MARKER}'\n")
    (root / "class" / "mal").mkdir(parents=True)
    (root / "class" / "ben").mkdir(parents=True)
    (root / "class" / "ben" / "simple_dense.py").write_text(f"BEN = '{MARKER}'\n")
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text(f"root:x:0:0:{MARKER}:/root:/bin/bash\n")
    return root


def _refused(submission, module: str) -> str:
    student_file = submission.files[module]
    assert student_file.runnable == "" and student_file.text.text == "" and student_file.syntax_error is None
    assert module not in submission.sources()
    assert MARKER not in repr(submission.files) and MARKER not in " ".join(submission.notes)
    return student_file.refused


def test_relative_link_to_the_reference_is_refused(course_tree):
    mal = course_tree / "class" / "mal"
    (mal / "simple_dense.py").symlink_to("../../reference/simple_dense.py")
    submission = load_submission(mal)
    message = _refused(submission, "simple_dense")
    assert message.startswith("simple_dense.py is a link to a file outside your folder") and LINKS_NOT_GRADED in message
    assert submission.links_out == ["simple_dense.py"]


def test_absolute_link_outside_the_course_is_refused(course_tree, tmp_path):
    mal = course_tree / "class" / "mal"
    (mal / "simple_dense.py").symlink_to(tmp_path / "outside" / "passwd")
    message = _refused(load_submission(mal), "simple_dense")
    assert "simple_dense.py is a link" in message and "root:x" not in message


def test_link_to_another_students_folder_is_refused(course_tree):
    mal = course_tree / "class" / "mal"
    (mal / "simple_dense.py").symlink_to("../ben/simple_dense.py")
    submissions = {s.student: s for s in load_class(course_tree / "class")}
    assert "links out of your folder" in _refused(submissions["mal"], "simple_dense")
    assert submissions["ben"].files["simple_dense"].runnable.startswith("BEN = ")  # ben's own file is his


def test_link_deep_down_is_refused(course_tree):
    deep = course_tree / "class" / "mal" / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (deep / "simple_dense.py").symlink_to("../../../../../reference/simple_dense.py")
    submission = load_submission(course_tree / "class" / "mal")
    assert "a/b/c/simple_dense.py is a link" in _refused(submission, "simple_dense")


def test_linked_folder_out_of_the_student_folder_is_not_entered(course_tree):
    mal = course_tree / "class" / "mal"
    (mal / "work").symlink_to("../../reference", target_is_directory=True)
    (mal / "notes").symlink_to("/etc", target_is_directory=True)
    submission = load_submission(mal)
    assert submission.files == {} and sorted(submission.links_out) == ["notes", "work"]
    assert submission.missing_note.startswith("; notes, work are links to folders outside your folder and were not")
    assert LINKS_NOT_GRADED in submission.missing_note
    assert any(n.startswith("work is a link to a folder outside") for n in submission.notes)


def test_link_inside_a_linked_folder_that_stays_inside_is_still_checked(course_tree):
    mal = course_tree / "class" / "mal"
    (mal / "real").mkdir()
    (mal / "real" / "simple_dense.py").symlink_to("../../../reference/simple_dense.py")
    (mal / "alias").symlink_to("real", target_is_directory=True)  # stays inside: its files are seen as real/...
    submission = load_submission(mal)
    assert "real/simple_dense.py is a link" in _refused(submission, "simple_dense")
    assert submission.links_out == ["real/simple_dense.py"]


def test_link_within_the_folder_is_followed(student_dir):
    folder = student_dir({"mine/work.py": "def f():\n    return 1\n"})
    (folder / "simple_dense.py").symlink_to("mine/work.py")
    (folder / "again.py").symlink_to(folder / "mine" / "work.py")  # absolute, still inside
    submission = load_submission(folder)
    assert submission.files["simple_dense"].runnable.startswith("def f():")
    assert submission.files["again"].runnable.startswith("def f():")
    assert submission.links_out == [] and not submission.files["simple_dense"].refused


def test_a_refused_link_fails_its_module_even_beside_a_real_file(course_tree):
    mal = course_tree / "class" / "mal"
    (mal / "sub").mkdir()
    (mal / "sub" / "simple_dense.py").symlink_to("../../../reference/simple_dense.py")
    (mal / "simple_dense.py").write_text("x = 1\n")
    (mal / "gradients.py").write_text("y = 2\n")
    submission = load_submission(mal)
    assert "sub/simple_dense.py is a link" in _refused(submission, "simple_dense")
    assert any(n.startswith("simple_dense.py was ignored: sub/simple_dense.py") for n in submission.notes)
    assert submission.sources() == {"gradients": ("gradients.py", "y = 2\n")}  # the other exercise is graded


def test_nbgrader_assignment_folder_linked_out_is_refused(course_tree):
    submitted = course_tree / "class"
    (submitted / "ben" / "ps1").mkdir()
    (submitted / "ben" / "ps1" / "simple_dense.py").write_text("x = 1\n")
    (submitted / "mal" / "ps1").symlink_to("../ben/ps1", target_is_directory=True)
    submissions = {s.student: s for s in load_class(submitted, subfolder="ps1")}
    assert submissions["mal"].files == {} and submissions["mal"].links_out == ["ps1"]
    assert "ps1 is a link to a folder outside your folder" in submissions["mal"].missing_note
    assert submissions["mal"].folder == submitted / "mal"
    assert submissions["ben"].sources() == {"simple_dense": ("simple_dense.py", "x = 1\n")}


def test_refused_link_travels_to_workers_without_content(course_tree):
    mal = course_tree / "class" / "mal"
    (mal / "simple_dense.py").symlink_to("../../reference/simple_dense.py")
    data = pickle.dumps(load_submission(mal))  # what a Dask task carries
    assert MARKER.encode() not in data
    assert pickle.loads(data).files["simple_dense"].refused


def test_descriptor_that_left_the_folder_is_refused(tmp_path, course_tree):
    """A file swapped for something outside between the walk and the open is caught after the open."""
    secret = tmp_path / "outside" / "passwd"
    root = str(course_tree / "class" / "mal")
    entry = read_entry("simple_dense.py", lambda: os.open(secret, os.O_RDONLY), root, os.path.join(root, "x.py"))
    assert entry.data is None and entry.kind == "link"


def test_fifo_is_never_opened(student_dir):
    folder = student_dir({})
    os.mkfifo(folder / "simple_dense.py")
    with deadline():
        submission = load_submission(folder)
    assert submission.files == {} and "not a regular file" in submission.notes[0]


def test_link_to_dev_zero_is_refused_without_reading(student_dir):
    folder = student_dir({})
    (folder / "simple_dense.py").symlink_to("/dev/zero")
    with deadline():
        submission = load_submission(folder)
    assert "links out of your folder" in submission.files["simple_dense"].refused
    assert submission.sources() == {}


def test_oversized_file_is_refused_without_being_read(student_dir, monkeypatch):
    folder = student_dir({})
    with open(folder / "simple_dense.py", "wb") as stream:
        stream.truncate(49 * 2**20)  # 49 MB (sparse)
    read = []
    real_read = os.read
    monkeypatch.setattr(safe_files.os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    submission = load_submission(folder)
    assert submission.files["simple_dense"].refused == "simple_dense.py was not graded: the file is over 5 MB (49.0 MB)"
    assert sum(read) == 0


def test_file_just_over_the_cap_is_refused_and_at_the_cap_read(student_dir):
    at = "z = 1\n#" + "x" * (SOURCE_CAP - 7)
    assert len(at) == SOURCE_CAP
    folder = student_dir({"over.py": at + "x", "at.py": at})
    submission = load_submission(folder)
    assert "over.py was not graded: the file is over 5 MB" in submission.files["over"].refused
    assert not submission.files["at"].refused and submission.files["at"].runnable.startswith("z = 1\n")


def test_notebook_with_outputs_may_be_big_but_its_code_may_not(student_dir):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("def f():\n    return 1\n")
    cell.outputs = [nbformat.v4.new_output("stream", text="o" * (8 * 2**20))]  # 8 MB of output
    notebook.cells = [cell]
    folder = student_dir({"small_code.ipynb": nbformat.writes(notebook)})
    notebook.cells = [nbformat.v4.new_code_cell("x = 1\n" * (SOURCE_CAP // 6 + 10))]
    (folder / "big_code.ipynb").write_text(nbformat.writes(notebook))
    submission = load_submission(folder)
    assert (folder / "small_code.ipynb").stat().st_size > SOURCE_CAP and RAW_CAPS[".ipynb"] > SOURCE_CAP
    assert submission.files["small_code"].runnable.startswith("def f():")
    assert "big_code.ipynb was not graded: the code in it is over 5 MB" in submission.files["big_code"].refused


@pytest.mark.parametrize(("raw", "check"), [
    (b"# caf\xe9 (latin-1)\ndef f():\n    return 1\n", lambda f: "def f():" in f.runnable and f.syntax_error is None),
    (b"\x00\xff\xfe garbage \x89PNG", lambda f: f.syntax_error is not None),
    (b"", lambda f: f.runnable == "" and f.syntax_error is None and not f.refused),
], ids=["non-utf8-comment", "binary-garbage", "empty"])
def test_odd_bytes_load_without_raising(student_dir, raw, check):
    folder = student_dir({})
    (folder / "simple_dense.py").write_bytes(raw)
    assert check(load_submission(folder).files["simple_dense"])


def test_notebook_that_is_not_json_is_reported(student_dir):
    submission = load_submission(student_dir({"simple_dense.ipynb": "not json at all"}))
    assert "not a readable notebook" in submission.files["simple_dense"].syntax_error["message"]


def test_folder_named_like_a_file_is_not_a_file(student_dir):
    folder = student_dir({})
    (folder / "simple_dense.py").mkdir()
    submission = load_submission(folder)
    assert submission.files == {} and submission.notes == []


def test_accented_student_name_and_files_five_levels_deep(tmp_path):
    folder = tmp_path / "class" / "José Núñez" / "a" / "b" / "c" / "d" / "e"
    folder.mkdir(parents=True)
    (folder / "simple_dense.py").write_text("x = 'é'\n", encoding="utf-8")
    [submission] = load_class(tmp_path / "class")
    assert submission.student == "José Núñez"
    assert submission.files["simple_dense"].display == "a/b/c/d/e/simple_dense.py"
    assert submission.files["simple_dense"].runnable == "x = 'é'\n"


def test_file_names_that_are_not_utf8_are_shown_readably(tmp_path):
    folder = tmp_path / "class" / "ada"
    os.makedirs(os.fsencode(folder) + b"/caf\xe9")
    Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9/simple_dense.py")).write_text("x = 1\n")
    submission = load_submission(folder)
    assert submission.files["simple_dense"].display == "caf\ufffd/simple_dense.py"
    submission.digest.encode()  # no surrogate left anywhere that is written out
