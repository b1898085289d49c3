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


def test_py_and_ipynb_side_by_side_name_the_file_used_and_why(student_dir):
    submission = load_submission(student_dir({"simple_dense.ipynb": "{}", "simple_dense.py": "b = 2\n"}))
    assert submission.files["simple_dense"].display == "simple_dense.py"
    assert submission.notes == ["simple_dense.ipynb was ignored: simple_dense.py is the file used for simple_dense "
                                "(a .py file wins over a .ipynb file in the same folder)."]


def test_same_name_in_two_subfolders_takes_path_order_and_says_so(student_dir):
    submission = load_submission(student_dir({"week2/gradients.py": "a = 2\n", "week1/gradients.py": "a = 1\n"}))
    assert submission.files["gradients"].runnable == "a = 1\n"
    assert submission.notes == ["week2/gradients.py was ignored: week1/gradients.py is the file used for gradients "
                                "(of two files at the same depth and type, the first in path order wins)."]


def test_file_higher_up_wins_and_the_note_says_why(student_dir):
    submission = load_submission(student_dir({"a/b/gradients.py": "deep = 1\n", "a/gradients.ipynb": "{}"}))
    assert submission.files["gradients"].display == "a/gradients.ipynb"
    assert submission.notes == ["a/b/gradients.py was ignored: a/gradients.ipynb is the file used for gradients "
                                "(a file higher up in your folder wins over one in a deeper sub-folder)."]


def test_ignored_duplicates_change_the_digest(student_dir):
    alone = load_submission(student_dir({"gradients.py": "a = 1\n"}, name="one")).digest
    doubled = load_submission(student_dir({"gradients.py": "a = 1\n", "x/gradients.py": "b = 1\n"}, name="two"))
    assert doubled.digest != alone  # the note about the ignored file must reach the report on resume
