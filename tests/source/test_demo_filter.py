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
    assert skipped[1].reason == "it uses `history` (line 6), which comes from demo code that was not run"
    assert "`model.fit(...)`" in skipped[0].reason


def test_each_skipped_line_gives_its_real_reason():
    """A compile on a model that demo code made is skipped for that reason, not as a display."""
    source = ("import keras\nmodel = keras.Sequential()\nmodel.summary()\nnet = make()\nnet\n"
              "other = keras.datasets.mnist.load_data()\nmodel.compile(loss='mse')\n")
    _, skipped = filter_demo(source)
    reasons = {s.text: s.reason for s in skipped}
    assert reasons["model.summary()"] == ("it calls `model.summary(...)`: training, evaluating, plotting and "
                                          "printing are demo work")
    assert reasons["net"] == "a bare expression (a notebook cell's displayed value) is not run when grading"
    assert "load_data" in reasons["other = keras.datasets.mnist.load_data()"]
    assert reasons["model.compile(loss='mse')"].startswith("a top-level call of `model.compile(...)`")
    tainted = filter_demo("h = m.fit()\nmodel = h.model\nmodel.compile()\n")[1]
    assert tainted[2].reason == "it uses `model` (line 2), which comes from demo code that was not run"


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


def test_a_call_of_the_files_own_function_that_downloads_or_trains_is_demo_work():
    source = ("import keras\n"
              "def load_fashion_mnist():\n    return keras.datasets.fashion_mnist.load_data()\n"
              "def data():\n    return load_fashion_mnist()\n"
              "def build_mlp():\n    return keras.Sequential()\n"
              "(X_train_full, y_train_full), (X_test, y_test) = data()\n"
              "model = build_mlp()\n"
              "X_valid = X_train_full[:5000] / 255.0\n")
    text, skipped = filter_demo(source)
    reasons = {s.text: s.reason for s in skipped}
    assert reasons["(X_train_full, y_train_full), (X_test, y_test) = data()"] == (
        "it calls `data(...)`, which calls `keras.datasets.fashion_mnist.load_data(...)`: training and downloading "
        "are demo work")
    assert "X_valid = X_train_full[:5000] / 255.0" in reasons  # it uses what demo code defined
    assert "model = build_mlp()" in text  # a function that only builds runs
