"""Top-level demo work is skipped; definitions, imports and plain assignments run."""

from tfgrade.source.demo_filter import filter_demo

SOURCE = '''import numpy as np
import matplotlib.pyplot as plt
"""module docstring"""
x = np.ones(3)
model = build()
history = model.fit(x, x, epochs=2000)
loss = history.history["loss"]
plt.plot(loss)
print(x)
for i in range(3):
    step(i)
def f():
    print(1)
if __name__ == "__main__":
    main()
y = x + 1
sys.path.append("..")
'''


def test_skips_demo_and_keeps_definitions():
    text, skipped = filter_demo(SOURCE)
    lines = text.split("\n")
    assert [s.line for s in skipped] == [6, 7, 8, 9, 10, 14]
    assert lines[5] == "" and lines[9] == "" and lines[10] == ""  # fit, the loop body
    for kept in ("x = np.ones(3)", "model = build()", "def f():", "    print(1)", "y = x + 1", 'sys.path.append("..")'):
        assert kept in lines
    assert "uses history" in skipped[1].reason
    assert "model.fit" in skipped[0].reason


def test_line_numbers_are_preserved():
    text, _ = filter_demo(SOURCE)
    assert len(text.split("\n")) == len(SOURCE.split("\n"))


def test_name_bound_again_by_kept_code_is_no_longer_tainted():
    text, skipped = filter_demo("h = m.fit()\nh = 3\nz = h + 1\n")
    assert [s.line for s in skipped] == [1]
    assert "z = h + 1" in text


def test_syntax_error_propagates():
    try:
        filter_demo("def f(:\n")
    except SyntaxError as exc:
        assert exc.lineno == 1
    else:
        raise AssertionError("a SyntaxError was expected")
