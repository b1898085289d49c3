"""Grading one exercise: what a student without a usable file is told, for every case."""


def test_a_missing_file_fails_every_case_with_the_reason(grade, student_dir):
    report = grade(student_dir({"other.py": "x = 1\n"}), ["simple_dense"])
    assert report.score == 0 and report.max_score == 10
    assert {c.outcome for c in report.cases} == {"failed"}
    assert all("no simple_dense.py or simple_dense.ipynb" in c.message for c in report.cases)


def test_a_syntax_error_fails_every_case_with_its_line(grade, student_dir):
    report = grade(student_dir({"simple_dense.py": "class SimpleDense(:\n    pass\n"}), ["simple_dense"])
    assert report.score == 0
    assert all(c.message.startswith("simple_dense.py, line 1") and c.hints == ["syntax-error"]
               for c in report.cases)
