"""Decide which top-level statements of a student file run at grading time.

Definitions, imports and plain assignments run; demo work (training, evaluating,
predicting, plotting, printing, loops, `if __name__ == "__main__":`) never does,
nor anything that uses a name only demo work defined.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

DEMO_CALLS = frozenset({
    "fit", "fit_generator", "evaluate", "predict", "predict_on_batch", "predict_classes",
    "train_on_batch", "test_on_batch", "show", "plot", "scatter", "imshow", "hist", "savefig",
    "figure", "subplots", "subplot", "legend", "print", "display", "summary", "plot_model",
    "load_data", "contour", "contourf", "pcolormesh", "xlabel", "ylabel", "title", "pause",
    "input", "pprint", "breakpoint", "embed",
})
PLOT_MODULES = frozenset({"plt", "pyplot", "sns", "seaborn", "IPython"})
# calls that make a function of the file itself demo work when the top level calls it (training, downloading)
HEAVY_CALLS = frozenset({"fit", "fit_generator", "evaluate", "predict", "predict_on_batch", "predict_classes",
                         "train_on_batch", "test_on_batch", "load_data"})
SETUP_CALLS = ("sys.path.", "warnings.", "os.environ", "tf.config.", "keras.config.",
               "tf.keras.config.", "np.random.seed", "tf.random.set_seed", "random.seed",
               "keras.utils.set_random_seed", "tf.keras.utils.set_random_seed", "matplotlib.use")
ALWAYS_RUN = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class Skipped:
    """A top-level statement that was not run, and why."""

    line: int
    end_line: int
    text: str
    reason: str


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func) + "()"
    return "?"


def _calls(node: ast.AST):
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)) \
                and current is not node:
            continue
        if isinstance(current, ast.Call):
            yield current
        stack.extend(ast.iter_child_nodes(current))


def _demo_call(node: ast.AST) -> str | None:
    for call in _calls(node):
        name = _dotted(call.func)
        last = name.rsplit(".", 1)[-1]
        root = name.split(".", 1)[0]
        if last in DEMO_CALLS or root in PLOT_MODULES:
            return name
    return None


def heavy_functions(tree: ast.Module) -> dict[str, str]:
    """The file's own functions that train or download (directly, or through its other functions), each with
    the call that makes it so: calling one at the top level is demo work."""
    functions = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    heavy: dict[str, str] = {}
    for name, node in functions.items():
        for call in _calls_inside(node):
            dotted = _dotted(call.func)
            if dotted.rsplit(".", 1)[-1] in HEAVY_CALLS:
                heavy[name] = dotted
                break
    changed = True
    while changed:  # through the file's other functions
        changed = False
        for name, node in functions.items():
            if name in heavy:
                continue
            for call in _calls_inside(node):
                callee = _dotted(call.func)
                if callee in heavy:
                    heavy[name], changed = heavy[callee], True
                    break
    return heavy


def _calls_inside(function: ast.AST):
    return (n for n in ast.walk(function) if isinstance(n, ast.Call))


def _names_used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _names_bound(node: ast.AST) -> set[str]:
    bound = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}
    for sub in ast.walk(node):
        if isinstance(sub, ALWAYS_RUN[2:]):
            bound.add(sub.name)
    return bound


def _is_main_guard(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "__name__" in _names_used(node.test) and "__main__" in ast.unparse(node.test)


def _reason(node: ast.stmt, tainted: dict[str, int], heavy: dict[str, str]) -> str | None:
    """Why a top-level statement is demo work that must not run (None: it runs). `tainted` maps the names
    that only skipped demo code defines to the line that defined them; `heavy` the file's functions that
    train or download."""
    if isinstance(node, ALWAYS_RUN):
        return None
    if _is_main_guard(node):
        return "it runs only when the file is run as a script"
    uses = sorted(_names_used(node) & set(tainted))
    if uses:
        named = ", ".join(f"`{name}` (line {tainted[name]})" for name in uses)
        return f"it uses {named}, which comes from demo code that was not run"
    if isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and any(True for _ in _calls(node)):
        return "a top-level loop is demo work"
    for call in _calls(node):
        own = _dotted(call.func)
        if own in heavy:
            return f"it calls `{own}(...)`, which calls `{heavy[own]}(...)`: training and downloading are demo work"
    call = _demo_call(node)
    if isinstance(node, ast.Expr):
        if isinstance(node.value, ast.Constant):
            return None
        if isinstance(node.value, ast.Call) and _dotted(node.value.func).startswith(SETUP_CALLS):
            return None
    if call:
        return f"it calls `{call}(...)`: training, evaluating, plotting and printing are demo work"
    if isinstance(node, ast.Expr):
        if isinstance(node.value, ast.Call):
            return (f"a top-level call of `{_dotted(node.value.func)}(...)` whose result is not kept: only imports, "
                    "definitions and assignments run when grading")
        return "a bare expression (a notebook cell's displayed value) is not run when grading"
    return None


def filter_demo(text: str) -> tuple[str, list[Skipped]]:
    """Blank out the lines of top-level demo statements; return the new text and what was skipped.

    Raises SyntaxError when the text does not parse.
    """
    tree = ast.parse(text)
    heavy = heavy_functions(tree)
    lines = text.split("\n")
    tainted: dict[str, int] = {}
    skipped: list[Skipped] = []
    kept_lines: set[int] = set()
    for node in tree.body:
        reason = _reason(node, tainted, heavy)
        if reason is None:
            for name in _names_bound(node):
                tainted.pop(name, None)
            kept_lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
            continue
        tainted.update({name: node.lineno for name in _names_bound(node)})
        first = lines[node.lineno - 1].strip()
        skipped.append(Skipped(node.lineno, node.end_lineno or node.lineno, first[:80], reason))
    for item in skipped:
        for number in range(item.line, item.end_line + 1):
            if number not in kept_lines:
                lines[number - 1] = ""
    return "\n".join(lines), skipped
