"""A broken grader is refused when it loads, naming its file and line, before any student is graded."""

from __future__ import annotations

import textwrap

import pytest

from tfgrade.grading.loading import load_grader
from tfgrade.grading.programs import GraderError

HEADER = textwrap.dedent('''\
    from tfgrade.grading import case, expect, probe

    POSITION = 3


    @probe
    def value(mod):
        return mod.f()


    def not_marked(mod):
        return mod.f()

    ''')


def _load(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "test_example.py"
    path.write_text(header + textwrap.dedent(body))
    return load_grader(path, private=[tmp_path / "private"])


def test_a_good_grader_loads_with_one_program_per_probe(tmp_path):
    grader = _load(tmp_path, '''
        @case("first", points=1)
        def test_first(student):
            expect(student.run(value) == 1, "wrong")

        @case("second", points=1, needs="test_first")
        def test_second(student, reference, source, figures):
            pass
        ''')
    assert grader.position == 3 and [c.id for c in grader.cases] == ["test_first", "test_second"]
    assert set(grader.programs) == {"value"}


@pytest.mark.parametrize(("body", "message"), [
    ('''
        @case("second", points=1, needs="test_frist")
        def test_second(student):
            pass
        ''', r"test_example.py, line \d+: `test_second` needs `test_frist`, which is not a case"),
    ('''
        @case("fixture", points=1)
        def test_fixture(student, studnet):
            pass
        ''', r"test_example.py, line \d+: `test_fixture` asks for `studnet`"),
    ('''
        @case("unmarked", points=1)
        def test_unmarked(student):
            student.run(not_marked)
        ''', r"test_example.py, line \d+: `not_marked` is run as a probe but not marked @probe"),
])
def test_grader_mistakes_are_refused_with_file_and_line(tmp_path, body, message):
    with pytest.raises(GraderError, match=message):
        _load(tmp_path, body)


def test_a_grader_without_position_is_refused(tmp_path):
    with pytest.raises(GraderError, match="no POSITION"):
        _load(tmp_path, "", header=HEADER.replace("POSITION = 3\n", ""))


def test_course_graders_load_without_tensorflow():
    """The student's self-check compares shipped numbers: loading every grader must not import TensorFlow
    (a module-level `tf.` or `keras.` use costs the student seconds of import for nothing)."""
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    script = textwrap.dedent("""\
        import sys
        from pathlib import Path
        from tfgrade.quiet import lazy_tensorflow, tensorflow_loaded
        lazy_tensorflow()
        from tfgrade.course import Course
        from tfgrade.grading.loading import load_graders
        graders = load_graders(Course(Path(sys.argv[1])).graders_dir)
        print(len(graders), tensorflow_loaded())
        """)
    done = subprocess.run([sys.executable, "-c", script, str(repo)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    count, loaded = done.stdout.split()
    assert int(count) >= 10 and loaded == "False"
