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
        pronoun = "them" if len(outside) > 1 else "it"
        found.append(("method-outside-class", f"{subject} outside the class, at module level: {names}; "
                                              f"indent {pronoun} into the class body."))
    for node in ast.walk(tree):
        final = _final_return(node.body) if isinstance(node, (ast.For, ast.While)) else None
        if final is not None:
            found.append(("indentation", f"line {final.lineno}: this `return` is inside the loop that starts at "
                                         f"line {node.lineno}, so the loop runs only once."))
    return found


def _final_return(body: list[ast.stmt]) -> ast.Return | None:
    """The `return` that every path through `body` ends with (inside a `with`, or both branches of an `if`),
    or None when some path goes on: a loop whose body ends so runs only once."""
    last = body[-1] if body else None
    if isinstance(last, ast.Return):
        return last
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return _final_return(last.body)
    if isinstance(last, ast.If):
        first = _final_return(last.body)
        return first if first is not None and _final_return(last.orelse) is not None else None
    return None


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
