"""Only the probe that runs reaches the sandbox: what a probe's program holds, and what it never holds."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tfgrade.grading.programs import GraderError, GraderSource

GRADER = textwrap.dedent('''\
    """A grader."""
    import numpy as np

    from tfgrade.grading import case, expect, probe

    POSITION = 1
    SCALE = 3.0
    SECRET_INPUTS = [1, 2, 3]


    def _double(x):
        return 2 * x * SCALE


    @probe
    def doubled(mod, x):
        return _double(mod.f(x))


    @probe
    def other(mod):
        return mod.g()


    @case("public", points=1)
    def test_public(student):
        expect(student.run(doubled, x=1) == 6, "the public message")


    @case("hidden", points=1, hidden=True)
    def test_hidden(student):
        expect(student.run(doubled, x=SECRET_INPUTS) == 0, "the hidden message")
    ''')


@pytest.fixture
def source(tmp_path: Path) -> GraderSource:
    path = tmp_path / "test_thing.py"
    path.write_text(GRADER)
    return GraderSource(path)


def test_a_program_holds_its_probe_its_helpers_and_the_imports(source):
    program = source.program("doubled")
    assert "def doubled(mod, x)" in program.source and "def _double(x)" in program.source
    assert "SCALE = 3.0" in program.source and "import numpy as np" in program.source
    namespace: dict = {}
    exec(compile(program.source, "grader", "exec"), namespace)
    assert namespace["doubled"](type("M", (), {"f": staticmethod(lambda x: x)}), 1) == 6.0


def test_a_program_holds_no_case_no_message_and_no_other_probe(source):
    text = source.program("doubled").source
    for absent in ("test_public", "test_hidden", "the hidden message", "the public message", "SECRET_INPUTS",
                   "def other"):
        assert absent not in text


def test_line_numbers_are_kept(source):
    text = source.program("doubled").source
    assert text.splitlines().index("def doubled(mod, x):") == GRADER.splitlines().index("def doubled(mod, x):")


def test_only_marked_probes_have_programs(source):
    assert set(source.probes) == {"doubled", "other"}
    with pytest.raises(GraderError, match="not a module-level function marked @probe"):
        source.program("_double")


def test_a_probe_that_reaches_a_case_is_refused(tmp_path):
    path = tmp_path / "test_bad.py"
    path.write_text(GRADER + textwrap.dedent('''

        @probe
        def sneaky(mod):
            return test_hidden
        '''))
    with pytest.raises(GraderError, match=r"test_bad.py, line \d+: probe `sneaky` uses the case `test_hidden`"):
        GraderSource(path).program("sneaky")


def test_imports_from_a_private_folder_are_refused(tmp_path):
    private = tmp_path / "graders"
    private.mkdir()
    (private / "helpers_for_graders.py").write_text("X = 1\n")
    path = private / "test_thing.py"
    path.write_text("import helpers_for_graders\n" + GRADER)
    import sys

    sys.path.insert(0, str(private))
    try:
        with pytest.raises(GraderError, match=r"helpers_for_graders.*student code cannot read"):
            GraderSource(path).check_imports([private])
    finally:
        sys.path.remove(str(private))
    GraderSource(path).check_imports([tmp_path / "elsewhere"])  # from anywhere else: fine
