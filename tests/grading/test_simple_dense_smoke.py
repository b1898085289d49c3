"""The simple_dense grader: the reference earns full marks, the stub earns zero without crashing."""



def test_reference_full_marks(grade, course):
    report = grade(course.reference_dir, ["simple_dense"])
    assert report.score == report.max_score == 10, [c for c in report.cases if c.outcome != "passed"]


def test_stub_zero(grade, course):
    report = grade(course.exercises_dir, ["simple_dense"])
    assert report.score == 0
    assert all(c.outcome in ("failed", "skipped") for c in report.cases)
    assert "stub-unchanged" in report.hints()


def test_missing_file(grade, student_dir):
    report = grade(student_dir({"other.py": "x = 1\n"}), ["simple_dense"])
    assert report.score == 0
    assert "no simple_dense.py or simple_dense.ipynb" in report.cases[0].message
