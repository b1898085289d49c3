"""Mutants generated from a reference: small semantic edits of its solution regions, found with `ast` and
spliced into the text, so each differs from the reference by one edit and its diff shows just that.

No mutation-testing library is used: mutmut and cosmic-ray run a test command on mutated code in place, and
their operators know nothing of activations, reductions or `assign`; these operators do (docs/audit.md).
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

SWAP_OPERATOR = {ast.Add: ("+", "-"), ast.Sub: ("-", "+"), ast.Mult: ("*", "/"), ast.Div: ("/", "*"),
                 ast.MatMult: ("@", "*")}
SWAP_ACTIVATION = {"relu": "tanh", "tanh": "relu", "sigmoid": "relu", "softmax": "sigmoid", "linear": "relu",
                   "elu": "relu", "gelu": "relu", "softplus": "relu", "swish": "relu", "selu": "relu"}
SWAP_REDUCTION = {"reduce_mean": "reduce_sum", "reduce_sum": "reduce_mean", "mean": "sum", "sum": "mean"}
ASSIGNS = {"assign", "assign_add", "assign_sub"}
SWAP_ASSIGN = {"assign_add": "assign_sub", "assign_sub": "assign_add"}
BEGIN = re.compile(r"^\s*### BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*### END SOLUTION\s*$")


@dataclass(frozen=True)
class Mutant:
    """One generated mutant: its id (`<operator>@<line>:<column>`), what it changed, and its whole text."""

    id: str
    operator: str
    line: int
    change: str
    text: str

    def diff(self, original: str, name: str) -> str:
        """The unified diff from the reference to this mutant."""
        return "".join(difflib.unified_diff(original.splitlines(keepends=True), self.text.splitlines(keepends=True),
                                            f"reference/{name}", f"mutant/{self.id}/{name}", n=2))


@dataclass(frozen=True)
class _Edit:
    operator: str
    node: ast.AST
    start: tuple[int, int]
    end: tuple[int, int]
    new: str


def solution_lines(text: str) -> set[int] | None:
    """Line numbers inside `### BEGIN/END SOLUTION` regions; None when the file has no regions (all of it)."""
    lines, inside = set(), False
    for number, line in enumerate(text.splitlines(), start=1):
        if BEGIN.match(line):
            inside = True
        elif END.match(line):
            inside = False
        elif inside:
            lines.add(number)
    return lines or None


def _span(node: ast.AST) -> tuple[tuple[int, int], tuple[int, int]]:
    return (node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset)


class _Text:
    """The source with (line, column) offsets, columns in UTF-8 bytes as `ast` gives them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)

    def offset(self, line: int, col: int) -> int:
        before = sum(len(x) for x in self.lines[:line - 1])
        return before + len(self.lines[line - 1].encode()[:col].decode())

    def get(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        return self.text[self.offset(*start):self.offset(*end)]

    def of(self, node: ast.AST) -> str:
        return self.get(*_span(node))

    def replace(self, start: tuple[int, int], end: tuple[int, int], new: str) -> str:
        return self.text[:self.offset(*start)] + new + self.text[self.offset(*end):]


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _atom(node: ast.AST, src: _Text) -> str:
    """The node's text, in parentheses unless it is a name, attribute, call, subscript or constant."""
    text = src.of(node)
    return text if isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant)) else f"({text})"


def _edits(node: ast.AST, src: _Text) -> Iterator[_Edit]:
    """Every mutation of one node."""
    if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in SWAP_OPERATOR:
        old, new = SWAP_OPERATOR[type(node.op)]
        left = node.left if isinstance(node, ast.BinOp) else node.target
        gap_start, gap_end = _span(left)[1], _span(node.value if isinstance(node, ast.AugAssign) else node.right)[0]
        gap = src.get(gap_start, gap_end)
        if old in gap:
            yield _Edit("swap-operator", node, gap_start, gap_end, gap.replace(old, new, 1))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            yield _Edit("swap-product", node, *_span(node), f"{_atom(node.right, src)} @ {_atom(node.left, src)}")
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield _Edit("drop-negation", node, *_span(node), src.of(node.operand))
    elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in SWAP_ACTIVATION:
        yield _Edit("swap-activation", node, *_span(node), repr(SWAP_ACTIVATION[node.value]))
    elif isinstance(node, ast.keyword) and node.arg == "activation" and isinstance(node.value, ast.Constant) \
            and isinstance(node.value.value, str):
        yield _Edit("drop-activation", node, *_span(node.value), "None")
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        changed = node.value + 1 if isinstance(node.value, int) else (node.value * 2 if node.value else 1.0)
        yield _Edit("change-constant", node, *_span(node), repr(changed))
    elif isinstance(node, ast.Attribute) and node.attr in SWAP_REDUCTION:
        yield _Edit("swap-reduction", node, *_span(node), f"{src.of(node.value)}.{SWAP_REDUCTION[node.attr]}")
    elif isinstance(node, ast.Call):
        yield from _call_edits(node, src)
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):  # a statement run for its effect
        assigns = _name(node.value.func) in ASSIGNS and isinstance(node.value.func, ast.Attribute)
        yield _Edit("drop-assign" if assigns else "drop-call", node, *_span(node), "pass")


def _call_edits(node: ast.Call, src: _Text) -> Iterator[_Edit]:
    name, args = _name(node.func), node.args
    if name == "matmul" and len(args) >= 2:
        swapped = [src.of(args[1]), src.of(args[0]), *(src.of(a) for a in args[2:])]
        rest = [src.of(k) for k in node.keywords]
        yield _Edit("swap-product", node, *_span(node), f"{src.of(node.func)}({', '.join(swapped + rest)})")
    elif name == "transpose" and len(args) == 1 and not node.keywords:
        yield _Edit("drop-transpose", node, *_span(node), src.of(args[0]))
    elif name == "range" and isinstance(node.func, ast.Name) and args and not node.keywords:
        texts = [src.of(a) for a in args]
        texts = [f"{texts[0]} - 1"] if len(texts) == 1 else [f"{texts[0]} + 1", *texts[1:]]
        yield _Edit("off-by-one", node, *_span(node), f"range({', '.join(texts)})")
    elif name in SWAP_ASSIGN and isinstance(node.func, ast.Attribute):
        yield _Edit("swap-assign", node, *_span(node.func), f"{src.of(node.func.value)}.{SWAP_ASSIGN[name]}")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def all_mutants(text: str) -> list[Mutant]:
    """Every mutant of the solution regions (the whole file when it has none), in source order; edits that do
    not parse are left out."""
    tree = ast.parse(text)
    src, region, docstrings = _Text(text), solution_lines(text), _docstrings(tree)
    found: dict[str, Mutant] = {}
    nodes = sorted((n for n in ast.walk(tree) if hasattr(n, "lineno") and id(n) not in docstrings),
                   key=lambda n: (n.lineno, n.col_offset))
    for node in nodes:
        if region is not None and not set(range(node.lineno, node.end_lineno + 1)) <= region:
            continue
        for edit in _edits(node, src):
            mutated = src.replace(edit.start, edit.end, edit.new)
            try:
                ast.parse(mutated)
            except SyntaxError:
                continue
            ident = base = f"{edit.operator}@{node.lineno}:{node.col_offset}"
            for again in range(2, 10):  # nested nodes that start at the same place
                if ident not in found:
                    break
                ident = f"{base}~{again}"
            if mutated != text:
                change = f"`{src.get(edit.start, edit.end).strip()}` -> `{edit.new.strip()}`"
                found[ident] = Mutant(ident, edit.operator, edit.start[0], change, mutated)
    return list(found.values())


def pick(mutants: list[Mutant], limit: int | None) -> list[Mutant]:
    """At most `limit` mutants, deterministically: operators in turn (first of each, then second...), so every
    kind of mistake is represented before any kind twice."""
    if limit is None or len(mutants) <= limit:
        return list(mutants)
    by_operator: dict[str, list[Mutant]] = {}
    for mutant in mutants:
        by_operator.setdefault(mutant.operator, []).append(mutant)
    chosen: list[Mutant] = []
    rank = 0
    while len(chosen) < limit:
        chosen += [group[rank] for group in by_operator.values() if rank < len(group)][:limit - len(chosen)]
        rank += 1
    order = {m.id: i for i, m in enumerate(mutants)}
    return sorted(chosen, key=lambda m: order[m.id])
