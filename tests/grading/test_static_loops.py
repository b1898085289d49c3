"""static_hints names a `return` that makes a loop run once, however it is nested, and nothing else."""

import textwrap

import pytest

from tfgrade.grading.static import static_hints

RUNS_ONCE = {
    "for": """
        for layer in layers:
            x = layer(x)
            return x
    """,
    "while": """
        i = 0
        while i < len(layers):
            x = layers[i](x)
            i += 1
            return x
    """,
    "with": """
        for layer in layers:
            with scope(layer.name):
                x = layer(x)
                return x
    """,
    "if-else": """
        for layer in layers:
            if layer is None:
                return x
            else:
                x = layer(x)
                return x
    """,
}
RUNS_THROUGH = {
    "after the loop": """
        for layer in layers:
            x = layer(x)
        return x
    """,
    "search loop": """
        for layer in layers:
            if layer.name == name:
                return layer
        return None
    """,
    "last index": """
        for i, layer in enumerate(layers):
            x = layer(x)
            if i == len(layers) - 1:
                return x
        return x
    """,
    "with after loop body": """
        for layer in layers:
            with scope(layer.name):
                x = layer(x)
        return x
    """,
}


def _function(body: str) -> str:
    return "def apply_layers(x, layers, scope, name):\n" + textwrap.indent(textwrap.dedent(body), "    ")


@pytest.mark.parametrize("body", RUNS_ONCE.values(), ids=RUNS_ONCE.keys())
def test_a_return_every_path_reaches_is_named_with_its_lines(body):
    text = _function(body)
    found = [explanation for hint, explanation in static_hints(text) if hint == "indentation"]
    assert len(found) == 1, found
    returns = [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("return")]
    assert f"line {returns[0]}" in found[0]


@pytest.mark.parametrize("body", RUNS_THROUGH.values(), ids=RUNS_THROUGH.keys())
def test_loops_that_can_go_on_are_not_named(body):
    assert static_hints(_function(body)) == []
