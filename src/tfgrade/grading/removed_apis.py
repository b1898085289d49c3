"""TensorFlow/Keras APIs that TF 2.16+ and Keras 3 removed, deprecated or silently ignore.

One catalogue serves two detections, so both name the same API and the same replacement:

- `removed_api_uses(text)` reads the parsed source (never runs it): every use in the file, demo code
  included, which grading skips but which fails (or misbehaves) when the student runs the file;
- `removed_in_error(kind, message)` names the API behind an exception the student's code raised
  (`grading/diagnose.py` calls it).

Graders of exercises that predict classes or save weights have a case "uses only current TensorFlow/Keras
APIs" that fails with `expect_current_apis(source)`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

from tfgrade.grading.api import fail
from tfgrade.source.demo_filter import filter_demo

REMOVED_IN_TF2 = "is TensorFlow 1 and was removed in TensorFlow 2"


@dataclass(frozen=True)
class RemovedApi:
    """One removed API: its attribute `name` on one of `owners` (canonical dotted modules, () = any object)."""

    name: str
    owners: tuple[str, ...]
    spelled: str
    status: str
    replacement: str
    hint: str = "removed-api"
    static: bool = True  # also looked for in the parsed source (False: the name is too common elsewhere)

    def sentence(self, *written: str) -> str:
        """What the student reads: the API (as `written` in the file, when known), what happened to it, and
        what to write instead."""
        if len(written) > 1:  # several uses on one line
            return f"{', '.join(f'`{w}`' for w in written)}: `{self.spelled}` {self.status}; use {self.replacement}."
        return f"`{written[0] if written else self.spelled}` {self.status}; use {self.replacement}."


CATALOGUE: tuple[RemovedApi, ...] = (
    RemovedApi("predict_classes", (), "model.predict_classes(x)", "was removed from Keras (TF 2.6)",
               "`np.argmax(model.predict(x), axis=-1)`, or `(model.predict(x) > 0.5).astype(int)` for one "
               "sigmoid unit", hint="predict-classes"),
    RemovedApi("fit_generator", (), "model.fit_generator", "was removed in Keras 3",
               "`model.fit` (it takes generators and datasets)"),
    RemovedApi("evaluate_generator", (), "model.evaluate_generator", "was removed in Keras 3", "`model.evaluate`"),
    RemovedApi("predict_generator", (), "model.predict_generator", "was removed in Keras 3", "`model.predict`"),
    RemovedApi("is_gpu_available", ("tf.test",), "tf.test.is_gpu_available()",
               "is deprecated (TensorFlow warns that it will be removed)", "`tf.config.list_physical_devices('GPU')`"),
    RemovedApi("set_random_seed", ("tf", "tf.random"), "tf.random.set_random_seed", REMOVED_IN_TF2,
               "`tf.random.set_seed(...)`, or `keras.utils.set_random_seed(...)` (Python, NumPy and TensorFlow)"),
    RemovedApi("Session", ("tf",), "tf.Session", REMOVED_IN_TF2,
               "eager execution: call your functions directly (`tf.function` compiles them)"),
    RemovedApi("placeholder", ("tf",), "tf.placeholder", REMOVED_IN_TF2,
               "function arguments (`keras.Input` for a model's input)"),
    RemovedApi("global_variables_initializer", ("tf",), "tf.global_variables_initializer", REMOVED_IN_TF2,
               "nothing: TensorFlow 2 initialises variables when it creates them"),
    RemovedApi("legacy", ("keras.optimizers",), "keras.optimizers.legacy", "is not in Keras 3",
               "the optimizers of `keras.optimizers` (e.g. `keras.optimizers.Adam(learning_rate=...)`)"),
    RemovedApi("experimental_run_functions_eagerly", ("tf.config",), "tf.config.experimental_run_functions_eagerly",
               "is deprecated", "`tf.config.run_functions_eagerly`"),
    RemovedApi("minimize", (), "optimizer.minimize", "is not a method of Keras 3 optimizers",
               "a `tf.GradientTape` and `optimizer.apply_gradients(zip(grads, variables))`", static=False),
)
DECAY = RemovedApi("decay", (), "decay=", "is no longer supported by Keras 3 optimizers: it is ignored (with a "
                   "warning), so the learning rate never decays",
                   "`learning_rate=keras.optimizers.schedules.InverseTimeDecay(initial_rate, decay_steps=1, "
                   "decay_rate=decay)` (Keras 2's decay)")
WEIGHTS_NAME = RemovedApi("save_weights", (), "model.save_weights(<a name not ending in .weights.h5>)",
                          "fails in Keras 3: it writes only names ending in `.weights.h5`",
                          "a name such as `my_model.weights.h5`")
OPTIMIZERS = frozenset({"SGD", "Adam", "AdamW", "Adamax", "Nadam", "RMSprop", "Adagrad", "Adadelta", "Ftrl",
                        "Lion", "Lamb"})
PREFIXES = (("tensorflow._api.v2.", "tf."), ("tensorflow.keras.", "keras."), ("tensorflow.", "tf."),
            ("tf.keras.", "keras."), ("keras._tf_keras.keras.", "keras."), ("keras.api.", "keras."),
            ("keras.src.", "keras."))


@dataclass(frozen=True)
class Use:
    """A removed API found in the source: where, which, and whether grading skipped that line (demo code)."""

    line: int
    api: RemovedApi
    written: tuple[str, ...]
    demo: bool = False

    def sentence(self, locate: Callable[[int], str] | None = None) -> str:
        """'line 41: `model.predict_classes` was removed ...; use ...' (noting demo code); `locate` turns a line
        of the module into the student's words ('cell 3, line 2' in a notebook)."""
        where = (locate or "line {}".format)(self.line)
        note = " (demo code: grading skips it, but it runs when you run your file)" if self.demo else ""
        return f"{where}{note}: {self.api.sentence(*self.written)}"


def canonical(dotted: str) -> str:
    """One spelling per module: `tensorflow.random` and `tensorflow._api.v2.random` are `tf.random`,
    `tensorflow.keras.optimizers` and `tf.keras.optimizers` are `keras.optimizers`."""
    dotted = "tf" if dotted == "tensorflow" else dotted
    changed = True
    while changed:
        changed = False
        for prefix, replacement in PREFIXES:
            if dotted.startswith(prefix):
                dotted, changed = replacement + dotted[len(prefix):], True
    return "keras" if dotted == "tf.keras" else dotted


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local name -> the module it names (`tf` -> `tensorflow`, `keras` -> `tensorflow.keras`)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else \
                    alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.AST, aliases: dict[str, str]) -> str | None:
    """The canonical dotted name of `a.b.c` with its root resolved through the imports (None: not a name)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(aliases.get(node.id, node.id))
    return canonical(".".join(reversed(parts)))


def _matches(api: RemovedApi, owner: str | None) -> bool:
    return not api.owners or owner in api.owners


def _short(node: ast.AST, limit: int = 80) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _attribute_uses(tree: ast.AST, aliases: dict[str, str]) -> list[tuple[int, RemovedApi, str]]:
    """Removed attributes (`tf.random.set_random_seed`, `model.predict_classes`) and imports of removed modules."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = _dotted(node.value, aliases)
            found += [(node.lineno, api, _short(node)) for api in CATALOGUE
                      if api.static and api.name == node.attr and _matches(api, owner)]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            module = canonical(node.module)
            for api in CATALOGUE:
                full = [f"{owner}.{api.name}" for owner in api.owners]
                imported = any(module == f or module.startswith(f + ".") for f in full) or \
                    (module in api.owners and any(a.name == api.name for a in node.names))
                if api.static and api.owners and imported:
                    found.append((node.lineno, api, _short(node)))
    return found


def _literal_tail(node: ast.AST) -> str | None:
    """The end of a path expression when it is written out: 'w.h5' in `os.path.join(d, "w.h5")`,
    f"{d}/w.h5", `d + "w.h5"`, `Path(d) / "w.h5"`; None when the end is a variable."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return _literal_tail(node.values[-1]) if node.values else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Div)):
        return _literal_tail(node.right)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return _literal_tail(node.func.value)
        return _literal_tail(node.args[-1]) if node.args else None
    return None


def _call_uses(tree: ast.AST) -> list[tuple[int, RemovedApi, str]]:
    """Optimizers given `decay=`, and `save_weights` to a written-out name that Keras 3 refuses."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in OPTIMIZERS and any(k.arg == "decay" for k in node.keywords):
            found.append((node.lineno, DECAY, f"{_short(node.func)}(..., decay=...)"))
        if name == "save_weights" and isinstance(node.func, ast.Attribute):  # Keras's, not the exercise's own
            paths = node.args[:2] + [k.value for k in node.keywords if k.arg == "filepath"]
            tails = [t for t in map(_literal_tail, paths) if t is not None]
            if any(not t.endswith(".weights.h5") for t in tails):
                found.append((node.lineno, WEIGHTS_NAME, _short(node)))
    return found


def _demo_lines(text: str) -> set[int]:
    """Lines of top-level demo code that grading skips."""
    try:
        _, skipped = filter_demo(text)
    except SyntaxError:
        return set()
    return {line for item in skipped for line in range(item.line, item.end_line + 1)}


def removed_api_uses(text: str) -> list[Use]:
    """Every use of a removed, deprecated or ignored API in the source, in line order (nothing is run)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    demo = _demo_lines(text)
    found = _attribute_uses(tree, _aliases(tree)) + _call_uses(tree)
    grouped: dict[tuple[int, RemovedApi], list[str]] = {}
    for line, api, written in sorted(set(found), key=lambda item: (item[0], item[2])):
        grouped.setdefault((line, api), []).append(written)
    return [Use(line, api, tuple(written), line in demo) for (line, api), written in grouped.items()]


def expect_current_apis(source) -> None:
    """Fail the current case, naming each use and its replacement, when the file uses a removed API."""
    uses = removed_api_uses(source.text)
    if uses:
        locate = getattr(source, "locate", None)  # a notebook's cells, when the fixture offers them
        listed = " ".join(use.sentence(locate if callable(locate) else None) for use in uses)
        fail(f"{source.display} uses APIs that TF 2.16+/Keras 3 removed or no longer honour: {listed}",
             *dict.fromkeys(use.api.hint for use in uses))


MISSING_MODULE_ATTR = re.compile(r"module '([\w.]+)' has no attribute '(\w+)'")
MISSING_OBJECT_ATTR = re.compile(r"object has no attribute '(\w+)'")


def removed_in_error(kind: str, message: str) -> tuple[str, str] | None:
    """(hint id, sentence naming the API and its replacement) for an exception a removed API raised."""
    if "keras.optimizers.legacy" in message and "not supported in Keras 3" in message:
        return _by_name("legacy")
    if "must end in `.weights.h5`" in message or ("save_weights" in message and ".weights.h5" in message):
        return WEIGHTS_NAME.hint, WEIGHTS_NAME.sentence()
    module = MISSING_MODULE_ATTR.search(message)
    if module:
        owner, name = canonical(module.group(1)), module.group(2)
        return next(((api.hint, api.sentence(f"{owner}.{name}")) for api in CATALOGUE
                     if api.name == name and _matches(api, owner)), None)
    attribute = MISSING_OBJECT_ATTR.search(message)
    if attribute and kind == "AttributeError":
        return next(((api.hint, api.sentence()) for api in CATALOGUE if api.name == attribute.group(1)
                     and not api.owners), None)
    return None


def _by_name(name: str) -> tuple[str, str]:
    api = next(api for api in CATALOGUE if api.name == name)
    return api.hint, api.sentence()
