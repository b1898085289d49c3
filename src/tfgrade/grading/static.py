"""Mistakes visible in the parsed source (never by running it in the trusted process)."""

from __future__ import annotations

import ast

METHOD_NAMES = {"build", "call", "__init__", "get_config"}


def _parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except SyntaxError:
        return None


def static_hints(text: str) -> list[tuple[str, str]]:
    """(hint id, explanation) pairs for structural mistakes any exercise can have."""
    tree = _parse(text)
    if tree is None:
        return []
    found: list[tuple[str, str]] = []
    outside = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.args.args
               and n.args.args[0].arg == "self" and n.name in METHOD_NAMES | {"fit_step"}]
    outside += [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in METHOD_NAMES
                and n not in outside]
    if outside:
        names = ", ".join(f"`{n.name}` (line {n.lineno})" for n in outside)
        subject = "These methods sit" if len(outside) > 1 else "This method sits"
        found.append(("method-outside-class", f"{subject} outside the class, at module level: {names}; "
                                              "indent them into the class body."))
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While)) and node.body and isinstance(node.body[-1], ast.Return):
            line = node.body[-1].lineno
            found.append(("indentation", f"line {line}: this `return` is inside the loop that starts at "
                                         f"line {node.lineno}, so the loop runs only once."))
    return found


def uses_name(text: str, dotted_suffix: str) -> list[int]:
    """Lines where an attribute or name ending in `dotted_suffix` (e.g. 'layers.Dense') is used."""
    tree = _parse(text)
    if tree is None:
        return []
    lines = []
    last = dotted_suffix.rsplit(".", 1)[-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == last:
            if ast.unparse(node).endswith(dotted_suffix):
                lines.append(node.lineno)
        elif isinstance(node, ast.alias) and node.name == last:
            lines.append(node.lineno or 0)
    return sorted(set(lines))


def unfinished_functions(text: str) -> list[str]:
    """Functions and methods whose body still raises NotImplementedError (Class.method names)."""
    tree = _parse(text)
    if tree is None:
        return []
    found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                raises = [n for n in ast.walk(child) if isinstance(n, ast.Raise) and n.exc is not None
                          and "NotImplementedError" in ast.unparse(n.exc)]
                if raises:
                    found.append(f"{prefix}{child.name}")

    visit(tree, "")
    return found
