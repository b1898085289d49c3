"""Loading student folders and classes: duplicates, notebooks, syntax errors, bad class folders."""

import pytest

from tfgrade.source.submission import ClassFolderError, load_class, load_submission


def test_folder_file_wins_over_subfolder_and_py_over_ipynb(student_dir):
    folder = student_dir({"sub/simple_dense.py": "a = 1\n", "simple_dense.ipynb": "{}", "simple_dense.py": "b = 2\n"})
    submission = load_submission(folder)
    assert submission.files["simple_dense"].display == "simple_dense.py"
    assert len(submission.notes) == 2 and all("was ignored" in n for n in submission.notes)


def test_syntax_error_is_located(student_dir):
    submission = load_submission(student_dir({"simple_dense.py": "x = 1\ndef f(:\n    pass\n"}))
    error = submission.files["simple_dense"].syntax_error
    assert error["line"] == 2 and error["where"] == "line 2"


def test_unreadable_notebook_is_reported_not_raised(student_dir):
    submission = load_submission(student_dir({"simple_dense.ipynb": "{not json"}))
    assert "not a readable notebook" in submission.files["simple_dense"].syntax_error["message"]


def test_bad_class_folders(tmp_path):
    with pytest.raises(ClassFolderError, match="not found"):
        load_class(tmp_path / "missing")
    with pytest.raises(ClassFolderError, match="no student folders"):
        load_class(tmp_path)


def test_content_hash_changes_with_content(student_dir):
    first = load_submission(student_dir({"simple_dense.py": "a = 1\n"})).digest
    second = load_submission(student_dir({"simple_dense.py": "a = 2\n"})).digest
    assert first != second
