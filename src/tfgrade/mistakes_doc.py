"""docs/mistakes.md, generated: every hint id of hints.HINTS, grouped by exercise as the graders' MISTAKES list
them, with the sentence the student reads and what the mistake looks like in code.

    python -m tfgrade.mistakes_doc            # rewrite docs/mistakes.md from the course in the working directory
    python -m tfgrade.mistakes_doc --check    # exit 1 when docs/mistakes.md is out of date

The graders are read as text (their MISTAKES and POSITION constants, with `ast`), never imported: this needs no
TensorFlow. tests/test_mistakes_doc.py fails when the file is out of date.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from tfgrade.hints import HINTS

# Ids the engine gives on any exercise, whatever the grader lists: from the file (it does not parse, a stub still
# raises), from the exception the student's code raised, from the parsed source, or from the sandbox.
ENGINE_WIDE: dict[str, str] = {
    "syntax-error": "the file does not parse",
    "indentation": "the parsed source (a statement at the wrong level) or an IndentationError",
    "method-outside-class": "the parsed source",
    "import-error": "an ImportError or ModuleNotFoundError",
    "missing-name": "a name of the exercise is not defined",
    "stub-unchanged": "NotImplementedError from the stub",
    "typo-api": "an AttributeError on `tf`/`keras` with a close real name",
    "tape-no-parens": "the exception `with tf.GradientTape as tape:` raises",
    "lr-kwarg": "the exception `lr=` raises in Keras 3",
    "predict-classes": "the exception, or the parsed source",
    "removed-api": "the exception, or the parsed source (a name removed in TF 2.16+/Keras 3)",
    "numpy-in-graph": "a NumPy conversion error inside a traced function, or a None gradient",
    "timeout": "the sandbox: the case's time budget ran out",
    "out-of-memory": "the sandbox: the memory budget ran out",
    "crashed": "the sandbox: the process died",
}

# What each mistake looks like in a student's code (Markdown, one line).
EXAMPLES: dict[str, str] = {
    "syntax-error": "`def call(self, inputs)` (no colon), an unclosed bracket",
    "indentation": "`return outputs` inside the `for layer in ...` loop; a method body at class level",
    "method-outside-class": "`def build(self, input_shape):` written at the left margin after the class",
    "import-error": "`from tensorflow.keras import Layers` (the module is `layers`)",
    "missing-name": "`class MyDenseLayer(keras.layers.Layer)` where the stub says `SimpleDense`",
    "stub-unchanged": "`raise NotImplementedError` still in a function",
    "typo-api": "`tf.matmull(inputs, self.W)`",
    "tape-no-parens": "`with tf.GradientTape as tape:`",
    "lr-kwarg": "`keras.optimizers.Adam(lr=0.01)`",
    "predict-classes": "`model.predict_classes(x)`",
    "removed-api": "`SGD(learning_rate=0.01, decay=1e-4)`, `tf.random.set_random_seed(42)`, "
                   "`tf.test.is_gpu_available()`, `model.save_weights(\"my_model.h5\")`",
    "numpy-in-graph": "`np.mean((y - p) ** 2)` on tensors inside the loss or step",
    "timeout": "`while True:` at top level; a huge number of epochs",
    "out-of-memory": "`np.zeros((100000, 100000))`",
    "crashed": "`sys.exit()` or `os._exit(0)` in a function",
    "init-typo": "`super().__init()`, or no `super().__init__(**kwargs)` at all",
    "weights-in-init": "`self.W = self.add_weight(shape=(2, units))` in `__init__`",
    "transposed-weights": "`add_weight(shape=(self.units, input_shape[-1]))`",
    "bias-shape": "`add_weight(shape=(input_shape[-1],))` for `b`",
    "no-bias": "`return self.activation(inputs @ self.W)`",
    "activation-ignored": "`return inputs @ self.W + self.b` when `activation` was given",
    "activation-before-bias": "`return self.activation(inputs @ self.W) + self.b`",
    "zero-init-weights": "`add_weight(..., initializer=\"zeros\")` for `W`",
    "elementwise-not-matmul": "`inputs * self.W`",
    "untracked-weights": "`self.W = tf.random.normal((d, units))` instead of `self.add_weight(...)`",
    "uses-builtin-dense": "`self.dense = keras.layers.Dense(units)` and `return self.dense(inputs)`",
    "input-shape-last-axis": "`batch, input_dim = input_shape`, or `input_shape[1]`",
    "not-chained": "`for layer in self.list_layers: x = layer(inputs)`",
    "reversed-order": "`for layer in reversed(self.list_layers):`",
    "layers-not-tracked": "`object.__setattr__(self, \"list_layers\", list(list_layers))`, a `collections.deque`, "
                          "a class attribute",
    "no-update": "`W = W - learning_rate * grad_W` (a new tensor; the variable stays as it was)",
    "wrong-sign": "`W.assign_add(learning_rate * grad_W)`",
    "learning-rate-ignored": "`W.assign_sub(0.1 * grad_W)` whatever `learning_rate` is",
    "loss-after-update": "the loss computed again after `assign_sub` and returned",
    "sum-not-mean": "`tf.reduce_sum(tf.square(targets - predictions))`",
    "forward-outside-tape": "`predictions = predict(inputs, W, b)` before `with tf.GradientTape() as tape:`",
    "swapped-classes": "the class with mean `[3, 0]` drawn first, with target 0",
    "boundary-intercept": "`intercept = -b / W[1]` (the line where the output is 0, not 0.5)",
    "tls-is-ols": "`tf.reduce_mean(tf.square(w * x + b - y))` as the TLS loss",
    "tls-sqrt-not-square": "`tf.sqrt(tf.reduce_mean(tf.square(d)))`, `tf.norm(d)`, `** 0.5` of the mean",
    "tls-double-normalisation": "`tf.reduce_mean(tf.square(residual / (w**2 + 1)))`",
    "tls-abs-only": "`tf.reduce_mean(tf.abs(residual) / tf.sqrt(w**2 + 1))`",
    "no-hidden-layer": "XOR model `keras.Sequential([keras.Input((2,)), layers.Dense(1, activation=\"sigmoid\")])`",
    "linear-hidden-layer": "`layers.Dense(8)` (no activation) straight into the output layer",
    "softmax-single-unit": "`layers.Dense(1, activation=\"softmax\")`, or `Dense(1)` then `layers.Softmax()`",
    "wrong-loss": "`loss=\"mse\"` or `\"categorical_crossentropy\"` for one sigmoid output",
    "wrong-input-shape": "`keras.Input(shape=(1, 2))`, or a fixed `(2,)` where the builder takes `input_dim`",
    "boundary-sign": "`slope = w[0] / w[1]`",
    "unreliable-recipe": "`Dense(2, activation=\"sigmoid\")` hidden layer with `SGD(learning_rate=0.1)`",
    "labels-not-scaled": "`scale_labels` returns `y` unchanged, or `unscale_labels` returns `y01 - 1`",
    "label-shape-changed": "`return ((y + 1) / 2).reshape(-1)` for a column `(n, 1)`",
    "missing-accuracy-metric": "`model.compile(optimizer=\"sgd\", loss=\"binary_crossentropy\")` with no `metrics`",
    "returns-none": "`return model.save_weights(path)` (Keras returns None)",
    "path-ignored": "`model.save_weights(\"my_model.weights.h5\")` whatever `path` is",
    "load-not-in-place": "`new = build_model(); new.load_weights(path); return new`",
    "log-dir-ignored": "`keras.callbacks.TensorBoard(log_dir=\"logs\")`",
    "pixels-not-scaled": "`X_valid, X_train = X[:n_valid], X[n_valid:]` without `/ 255.0`",
    "validation-split": "`X[-n_valid:]` as the validation set, or the outputs in another order",
    "no-flatten": "`keras.Sequential([layers.Dense(300, activation=\"relu\"), ...])` with no `Flatten()`",
    "wrong-output-activation": "`layers.Dense(10)` or `layers.Dense(10, activation=\"relu\")` as the last layer",
    "not-sparse-loss": "`loss=\"categorical_crossentropy\"` with integer labels",
    "not-sgd": "`optimizer=\"adam\"` where the exercise asks for SGD",
    "tape-not-watched": "`with tf.GradientTape() as tape: y = f(x)` on a constant `x`, no `tape.watch(x)`",
    "gradient-outside-outer-tape": "`speed = inner_tape.gradient(position, t)` after the outer `with` block ended",
    "feature-order": "`np.stack([x, x**2]).T`",
    "coefficient-order": "`return b0, w1, w2`, or the two kernel weights swapped",
}


@dataclass(frozen=True)
class Exercise:
    """What docs/mistakes.md says of one grader."""

    name: str
    position: int
    title: str
    mistakes: tuple[str, ...]


def read_exercises(root: Path) -> list[Exercise]:
    """Every grader of the course at `root`, loaded as grading loads it (no TensorFlow), in course order, with
    its MISTAKES and the first line of its reference's docstring (reference/<name>.py) as title."""
    from tfgrade.course import Course
    from tfgrade.grading.loading import load_graders

    exercises = []
    for grader in load_graders(Course(Path(root)).graders_dir):
        reference = Path(root) / "reference" / f"{grader.exercise}.py"
        doc = ast.get_docstring(ast.parse(reference.read_text(encoding="utf-8"))) if reference.is_file() else None
        title = (doc or grader.exercise).splitlines()[0].rstrip(".")
        mistakes = tuple(getattr(grader.module, "MISTAKES", ()))
        exercises.append(Exercise(grader.exercise, grader.position, title, mistakes))
    return exercises


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(hint: str, *extra: str) -> str:
    cells = [f"`{hint}`", HINTS.get(hint, "**not in hints.HINTS**"), EXAMPLES.get(hint, "–"), *extra]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def render(root: Path) -> str:
    """The text of docs/mistakes.md for the course at `root`."""
    exercises = read_exercises(root)
    listed_by = {hint: [e.name for e in exercises if hint in e.mistakes] for hint in HINTS}
    lines = [
        "# Mistakes and hints",
        "",
        "<!-- Generated by `python -m tfgrade.mistakes_doc` from src/tfgrade/hints.py (HINTS) and the graders'",
        "     MISTAKES; do not edit by hand: tests/test_mistakes_doc.py fails when this file is out of date. -->",
        "",
        "Every mistake tfgrade can name has a stable id and one sentence. **Students** see it under a failed case:",
        "`hint [activation-before-bias]: Add the bias before the activation: ...` (in `tfgrade check`, in",
        "`feedback.md`/`feedback.html`, on Gradescope). **Instructors** see, on the class page, how many students got",
        "each id (\"Mistakes: who got each hint\"). **Course authors** add an id to `HINTS` in `src/tfgrade/hints.py`,",
        "list it in the grader's `MISTAKES` and prove it with a mutant under",
        "`tests/submissions/<exercise>/mutants/<id>/` (see [writing-a-grader.md](writing-a-grader.md)); ids are",
        "extended, never renamed (reports and gradebooks keep them).",
        "",
        f"{len(HINTS)} ids: {len(ENGINE_WIDE)} that the engine gives on any exercise, then each exercise's own, in",
        "course order. \"In code\" is a typical way to make the mistake, not the only one.",
        "",
        "## Any exercise",
        "",
        "Given by the engine whatever the exercise; \"graders proving it\" are the exercises whose `MISTAKES` list",
        "the id (each has a mutant for it).",
        "",
        "| id | the student reads | in code | found from | graders proving it |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [_row(hint, ENGINE_WIDE[hint], ", ".join(listed_by.get(hint) or ["–"])) for hint in ENGINE_WIDE]
    for exercise in exercises:
        own = [h for h in exercise.mistakes if h not in ENGINE_WIDE]
        shared = [h for h in exercise.mistakes if h in ENGINE_WIDE]
        lines += ["", f"## {exercise.name}", "", f"{exercise.title}. Grader: `graders/test_{exercise.name}.py`."]
        if shared:
            lines.append("Also proven here, from [Any exercise](#any-exercise): "
                         + ", ".join(f"`{h}`" for h in shared) + ".")
        if own:
            lines += ["", "| id | the student reads | in code |", "| --- | --- | --- |"]
            lines += [_row(hint) for hint in own]
    unlisted = [h for h in HINTS if h not in ENGINE_WIDE and not listed_by[h]]
    if unlisted:
        lines += ["", "## In no grader's MISTAKES", "", "| id | the student reads | in code |", "| --- | --- | --- |"]
        lines += [_row(hint) for hint in unlisted]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write docs/mistakes.md from HINTS and the graders' MISTAKES")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course (default: this folder)")
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    target = args.root / "docs" / "mistakes.md"
    text = render(args.root)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run `python -m tfgrade.mistakes_doc`", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
