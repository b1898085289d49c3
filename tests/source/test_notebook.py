"""Notebooks become modules: code cells in order, magics blanked, locations by cell."""

import nbformat

from tfgrade.source.notebook import from_notebook, from_python


def _notebook(*cells: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# title")] + [nbformat.v4.new_code_cell(c) for c in cells]
    return nbformat.writes(nb)


def test_code_cells_in_order_with_magics_blanked():
    module = from_notebook(_notebook("!pip install x\nimport os", "%%bash\nls", "y = 1\n%matplotlib inline"))
    assert "pip" not in module.text and "ls" not in module.text and "matplotlib" not in module.text
    assert "import os" in module.text and "y = 1" in module.text
    compile(module.text, "nb", "exec")


def test_locate_reports_cell_and_line():
    module = from_notebook(_notebook("a = 1", "b = 2\nc = 3"))
    line = module.text.split("\n").index("c = 3") + 1
    assert module.locate(line) == "cell 2, line 2"


def test_python_file_magics_only_blanked_when_needed():
    assert from_python("x = '%d' % 3\n").text == "x = '%d' % 3\n"
    module = from_python("!pip install tensorflow\nimport os\n")
    assert module.text.startswith("\nimport os") and module.magic_lines == [1]


def test_grader_cells_are_not_student_code():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import tfgrade.nbgrader.cells", metadata={"tfgrade": "setup"}),
                nbformat.v4.new_code_cell("a = 1"),
                nbformat.v4.new_code_cell("assert a == 1", metadata={"nbgrader": {"grade": True, "solution": False}}),
                nbformat.v4.new_code_cell("b = 2\nc = 3")]
    module = from_notebook(nbformat.writes(nb))
    assert "tfgrade" not in module.text and "assert" not in module.text
    assert module.locate(module.text.split("\n").index("c = 3") + 1) == "cell 4, line 2", "cells keep their numbers"
