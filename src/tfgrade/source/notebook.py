"""Turn a notebook (or a notebook exported as .py) into module source, keeping line numbers."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

MAGIC_LINE = re.compile(r"^\s*[!%]")


@dataclass
class ModuleText:
    """Source of a module plus where each of its lines came from."""

    text: str
    cells: list[int] = field(default_factory=list)  # cell number (1-based) per line, empty for .py
    lines_in_cell: list[int] = field(default_factory=list)
    magic_lines: list[int] = field(default_factory=list)

    def locate(self, line: int) -> str:
        """Human location of a module line: 'line 7' or 'cell 3, line 2'."""
        if self.cells and 1 <= line <= len(self.cells):
            return f"cell {self.cells[line - 1]}, line {self.lines_in_cell[line - 1]}"
        return f"line {line}"


def blank_magic_lines(text: str) -> tuple[str, list[int]]:
    """Replace shell/magic lines (`!pip`, `%matplotlib`) by blank lines; return their numbers."""
    out, magic = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if MAGIC_LINE.match(line):
            magic.append(number)
            out.append("")
        else:
            out.append(line)
    return "\n".join(out), magic


def is_grader_cell(cell: dict) -> bool:
    """An instructor's cell, not student code: an nbgrader autograded-test cell or tfgrade's setup cell."""
    metadata = cell.get("metadata", {})
    nbgrader = metadata.get("nbgrader", {})
    return bool(nbgrader.get("grade") and not nbgrader.get("solution")) or "tfgrade" in metadata


def notebook_cells(raw: str) -> list[dict]:
    """The cells of a notebook: version 4 read as the JSON it is, older versions converted by nbformat (whose
    import costs seconds, so only they pay it)."""
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("a notebook is a JSON object")
    if data.get("nbformat") == 4:
        cells = data.get("cells", [])
        if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
            raise ValueError("the notebook's cells are not a list of cells")
        return cells
    import nbformat

    return nbformat.reads(raw, as_version=4).cells


def from_notebook(raw: str) -> ModuleText:
    """Code cells in order become one module; `%%` cell magics and grader cells are dropped whole."""
    lines: list[str] = []
    cells: list[int] = []
    in_cell: list[int] = []
    magic: list[int] = []
    code_cell = 0
    for cell in notebook_cells(raw):
        if cell.get("cell_type") != "code":
            continue
        code_cell += 1
        if is_grader_cell(cell):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        whole_cell_magic = source.lstrip().startswith("%%")
        for number, line in enumerate(source.split("\n"), start=1):
            if whole_cell_magic or MAGIC_LINE.match(line):
                magic.append(len(lines) + 1)
                line = ""
            lines.append(line)
            cells.append(code_cell)
            in_cell.append(number)
        lines.append("")
        cells.append(code_cell)
        in_cell.append(len(source.split("\n")) + 1)
    return ModuleText("\n".join(lines) + "\n", cells, in_cell, magic)


def from_python(raw: str) -> ModuleText:
    """A .py file: shell/magic lines are blanked only when the file does not parse otherwise."""
    try:
        compile(raw, "<submission>", "exec", dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
        return ModuleText(raw)
    except SyntaxError:
        text, magic = blank_magic_lines(raw)
        return ModuleText(text, magic_lines=magic)
