"""Run graders directly under pytest: `pytest graders/ [--submission DIR] [-m public]`.

The same sandbox and reference as `tfgrade grade`; without --submission the reference
solution (or, in the student bundle, exercises/) is graded.
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
def tfgrade_exercise(request):
    return Path(request.module.__file__).stem.removeprefix("test_")


@pytest.fixture(scope="module")
def tfgrade_session(tfgrade_engine, tfgrade_submission, tfgrade_exercise):
    from tfgrade.grading.runner import open_session

    grader = next(g for g in tfgrade_engine.graders if g.exercise == tfgrade_exercise)
    with open_session(grader, tfgrade_submission, tfgrade_engine.policy, 0, tfgrade_engine.device) as session:
        yield session


@pytest.fixture
def student(tfgrade_engine, tfgrade_session, tfgrade_exercise):
    from tfgrade.grading.probes import StudentProbes

    grader = next(g for g in tfgrade_engine.graders if g.exercise == tfgrade_exercise)
    return StudentProbes(tfgrade_session, tfgrade_exercise, grader.programs, str(grader.path))


@pytest.fixture
def reference(tfgrade_engine, tfgrade_exercise):
    from tfgrade.grading.probes import ReferenceProbes

    return ReferenceProbes(tfgrade_engine.reference, tfgrade_exercise)


@pytest.fixture
def source(tfgrade_submission, tfgrade_exercise):
    from tfgrade.grading.runner import SourceView

    student_file = tfgrade_submission.files[tfgrade_exercise]
    return SourceView(student_file.text.text, student_file.display)


@pytest.fixture
def figures():
    from tfgrade.grading import Figures

    return Figures()


_PASSED: set[str] = set()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.passed:
        _PASSED.add(item.name)


def pytest_runtest_setup(item):
    info = getattr(getattr(item, "function", None), "__tfgrade_case__", None)
    names = {i.name for i in item.session.items}
    missing = [need for need in (info.needs if info else ()) if need in names and need not in _PASSED]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} to pass first")
