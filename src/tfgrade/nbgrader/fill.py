"""Turn a .py solution into a submitted nbgrader notebook (for students who hand in .py, for tests and bench)."""

from __future__ import annotations

import copy

import nbformat


def _is_solution(cell: dict) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def fill_solution_cells(notebook: nbformat.NotebookNode, code: str, *,
                        extra_cells: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """A copy of a released notebook whose first solution cell holds `code` and whose other solution cells
    are emptied; `extra_cells` (e.g. top-level training) are added as plain code cells after the last one."""
    filled = copy.deepcopy(notebook)
    solutions = [cell for cell in filled.cells if _is_solution(cell)]
    if not solutions:
        raise ValueError("the notebook has no nbgrader solution cells")
    for number, cell in enumerate(solutions):
        cell.source = code if number == 0 else ""
    after = filled.cells.index(solutions[-1]) + 1
    filled.cells[after:after] = [nbformat.v4.new_code_cell(text) for text in extra_cells]
    return filled
