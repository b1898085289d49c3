"""Run graders directly under pytest: `pytest graders/ [--submission DIR] [-m public]`.

Each case runs through tfgrade's one case runtime (prerequisites, the two-timeouts rule, per-case
seconds, structural hints), with the same sandbox and reference as `tfgrade grade`; without
--submission the reference solution (or, in the student bundle, exercises/) is graded.
"""

from pathlib import Path

import pytest

COURSE_ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption("--submission", default=None, help="student folder to grade (default: reference/)")


def pytest_configure(config):
    config.addinivalue_line("markers", "hidden: a hidden grader case")
    config.addinivalue_line("markers", "public: a public grader case")


def pytest_collection_modifyitems(items):
    for item in items:
        info = getattr(getattr(item, "function", None), "__tfgrade_case__", None)
        if info is not None:
            item.add_marker("hidden" if info.hidden else "public")
            item.user_properties.append(("points", info.points))


@pytest.fixture(scope="session")
def tfgrade_engine():
    from tfgrade.course import Course
    from tfgrade.engine import Engine

    return Engine(Course(COURSE_ROOT))


@pytest.fixture(scope="session")
def tfgrade_submission(request, tfgrade_engine):
    from tfgrade.source.submission import load_submission

    folder = request.config.getoption("--submission") or tfgrade_engine.course.reference_dir \
        or tfgrade_engine.course.exercises_dir
    return load_submission(Path(folder), student="submission")


@pytest.fixture(scope="module")
def tfgrade_run(request, tfgrade_engine, tfgrade_submission):
    """The exercise's run: its sandbox session and the results of its cases so far."""
    from tfgrade.grading.probes import ReferenceProbes, StudentProbes
    from tfgrade.grading.runner import open_session
    from tfgrade.grading.runtime import ExerciseRun, source_view
    from tfgrade.grading.verdicts import static_failure

    exercise = Path(request.module.__file__).stem.removeprefix("test_")
    grader = next(g for g in tfgrade_engine.graders if g.exercise == exercise)
    student_file = tfgrade_submission.files.get(exercise)
    static = static_failure(student_file, exercise)
    if static is not None:
        yield static
        return
    policy = tfgrade_engine.policy
    with open_session(grader, tfgrade_submission, policy, 0, tfgrade_engine.device) as session:
        fixtures = {"student": StudentProbes(session, exercise, grader.programs, str(grader.path)),
                    "reference": ReferenceProbes(tfgrade_engine.reference, exercise),
                    "source": source_view(student_file)}
        yield ExerciseRun(grader, tfgrade_submission, fixtures, policy.timeouts_per_exercise,
                          policy.case_seconds_cap)


def _fixture(request, name):
    run = request.getfixturevalue("tfgrade_run")
    return getattr(run, "fixtures", {}).get(name)


@pytest.fixture
def student(request):
    return _fixture(request, "student")


@pytest.fixture
def reference(request):
    return _fixture(request, "reference")


@pytest.fixture
def source(request):
    return _fixture(request, "source")


@pytest.fixture
def figures():
    from tfgrade.grading import Figures

    return Figures()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """A case runs through the runtime, which decides it as `tfgrade grade` would."""
    if not hasattr(pyfuncitem.obj, "__tfgrade_case__"):
        return None
    from tfgrade.hints import sentence

    run = pyfuncitem._request.getfixturevalue("tfgrade_run")
    if not hasattr(run, "run"):  # no file, a refused file or a syntax error: every case fails with it
        pytest.fail(run.message, pytrace=False)
    result = run.run(run.grader.case(pyfuncitem.obj.__name__))
    if result.outcome == "passed":
        return True
    if result.outcome == "skipped":
        pytest.skip(result.message)
    hints = "".join(f"\nhint [{hint}]: {sentence(hint)}" for hint in result.hints)
    pytest.fail(f"[{result.outcome}] {result.message}{hints}", pytrace=False)
