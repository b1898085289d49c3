"""Cut one probe out of a grader module: the only grader code a sandbox child ever receives.

A probe's *program* is the grader's source with every top-level statement blanked except the
imports, the probe itself and the module-level definitions it uses (transitively). Line numbers
are kept, so a traceback from the sandbox points at the grader file's real lines. Case bodies,
their messages and the other probes are never part of it.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path


class GraderError(Exception):
    """A grader that cannot be used, found before any student is graded: names the file and line."""


@dataclass(frozen=True)
class ProbeProgram:
    """The source the child runs to define one probe, and a digest that names it."""

    name: str
    source: str
    digest: str


def _bound_names(node: ast.stmt) -> set[str]:
    """Names a top-level statement defines."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _used_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def is_case_node(node: ast.stmt) -> bool:
    """A function decorated with `@case(...)`."""
    return isinstance(node, ast.FunctionDef) and any(
        isinstance(d, ast.Call) and getattr(d.func, "id", getattr(d.func, "attr", "")) == "case"
        for d in node.decorator_list)


def is_probe_node(node: ast.stmt) -> bool:
    """A function decorated with `@probe`."""
    return isinstance(node, ast.FunctionDef) and any(
        getattr(d, "id", getattr(d, "attr", "")) == "probe" for d in node.decorator_list)


class GraderSource:
    """A grader file's parsed top level: who defines what, and which functions are cases or probes."""

    def __init__(self, path: Path, text: str | None = None) -> None:
        self.path = Path(path)
        self.text = text if text is not None else self.path.read_text(encoding="utf-8")
        self.lines = self.text.splitlines(keepends=True)
        self.tree = ast.parse(self.text, filename=str(self.path))
        self.definers: dict[str, list[ast.stmt]] = {}
        for node in self.tree.body:
            for name in _bound_names(node):
                self.definers.setdefault(name, []).append(node)
        self.cases = {n.name: n for n in self.tree.body if is_case_node(n)}
        self.probes = {n.name: n for n in self.tree.body if is_probe_node(n)}

    def where(self, node: ast.AST) -> str:
        return f"{self.path}, line {getattr(node, 'lineno', 0)}"

    def closure(self, name: str) -> list[ast.stmt]:
        """The top-level statements `name` needs, itself included (imports are always kept separately)."""
        needed: list[ast.stmt] = []
        todo = [name]
        seen: set[str] = set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            for node in self.definers.get(current, []):
                if isinstance(node, (ast.Import, ast.ImportFrom)) or node in needed:
                    continue
                needed.append(node)
                todo.extend(_used_names(node) - seen)
        return needed

    def program(self, name: str) -> ProbeProgram:
        """The probe `name` with the imports and definitions it uses; a GraderError when it would need a case."""
        if name not in self.probes:
            raise GraderError(f"{self.path}: `{name}` is not a module-level function marked @probe")
        needed = self.closure(name)
        cases = [n for n in needed if getattr(n, "name", None) in self.cases]
        if cases:
            raise GraderError(f"{self.where(self.probes[name])}: probe `{name}` uses the case "
                              f"`{cases[0].name}`: a probe runs in the sandbox and may not reach case code")
        keep = [n for n in self.tree.body if isinstance(n, (ast.Import, ast.ImportFrom))] + needed
        kept_lines: set[int] = set()
        for node in keep:
            kept_lines.update(range(_first_line(node), node.end_lineno + 1))
        source = "".join(line if number in kept_lines else "\n" for number, line in enumerate(self.lines, 1))
        return ProbeProgram(name, source, hashlib.sha256(source.encode()).hexdigest()[:16])

    def check_imports(self, private: list[Path]) -> None:
        """Probes run where the course cannot be read: nothing they import may come from a `private` folder."""
        for node in self.tree.body:
            if isinstance(node, ast.ImportFrom) and node.level:
                raise GraderError(f"{self.where(node)}: a relative import; a grader may import only installed "
                                  "packages (the sandbox cannot read the course folder)")
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in modules:
                try:
                    spec = importlib.util.find_spec(module.split(".")[0])
                except (ImportError, ValueError):
                    spec = None
                origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
                if origin is not None and any(Path(p).resolve() in origin.parents for p in private):
                    raise GraderError(f"{self.where(node)}: `{module}` comes from {origin.parent}, which student "
                                      "code cannot read; a grader may import only installed packages")
