"""Grader for exercise 10, persistence: saving weights and logging.

Every probe writes in a fresh folder under the sandbox's working directory (os.getcwd()) and
returns what it found there (file names and sizes, weights, predictions); the cases decide.
The probes are never run on the reference in this process: they write files.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `save_weights(model, path)`: a built `keras.Sequential` (here with non-trainable weights): `test_save` (a Dense
  model).
- `path`: a str, `<folder>/<name>.weights.h5`: `test_save`.
- `load_weights(model, path)`: a str to a `.weights.h5` file Keras wrote; a fresh model of the same architecture, or
  the saving model after its weights changed: `test_load`.
- `tensorboard_callback(log_dir)`: a str to a new folder; the callback then passed to `model.fit` by the grader:
  `test_callback`.
"""

import os
import tempfile

import keras
import numpy as np

from tfgrade.grading import assert_close, case, expect, fail, probe
from tfgrade.grading.removed_apis import expect_current_apis

POSITION = 10
EXPECTED_NAMES = ("save_weights", "load_weights", "tensorboard_callback")
MISTAKES = ("removed-api", "predict-classes", "returns-none", "path-ignored", "load-not-in-place", "log-dir-ignored",
            "stub-unchanged")
X = np.linspace(-1, 1, 24, dtype=np.float32).reshape(6, 4)


# ---- probes --------------------------------------------------------------------------------

def _model(kind, seed):
    """A small model of the grader's; `seed` sets its initial weights (same architecture for every seed)."""
    keras.utils.set_random_seed(seed)
    if kind == "mlp":
        layers = [keras.layers.Dense(5, activation="relu"), keras.layers.Dense(2)]
    else:  # BatchNormalization adds non-trainable weights (moving mean and variance)
        layers = [keras.layers.Dense(6, activation="tanh"), keras.layers.BatchNormalization(),
                  keras.layers.Dense(1, activation="sigmoid")]
    model = keras.Sequential([keras.Input(shape=(4,)), *layers])
    rng = np.random.default_rng(seed)  # distinct, positive values (a valid moving variance too)
    model.set_weights([rng.uniform(0.1, 1.0, size=w.shape).astype(np.float32) for w in model.get_weights()])
    return model


def _folder():
    return tempfile.mkdtemp(prefix="probe-", dir=os.getcwd())


def _files(root):
    """{relative path: size} of every file under root."""
    found = {}
    for parent, _, names in os.walk(root):
        for name in names:
            path = os.path.join(parent, name)
            found[os.path.relpath(path, root)] = os.path.getsize(path)
    return found


def _changed(before):
    """Files under the working directory that are new or rewritten since the snapshot `before`."""
    return sorted(f for f, stamp in _stamps().items() if before.get(f) != stamp and f != "output.log")


def _stamps():
    found = {}
    for parent, _, names in os.walk(os.getcwd()):
        for name in names:
            path = os.path.join(parent, name)
            status = os.stat(path)
            found[os.path.relpath(path, os.getcwd())] = (status.st_size, status.st_mtime_ns)
    return found


def _path_text(value):
    if value is None:
        return None
    return os.fspath(value) if isinstance(value, (str, os.PathLike)) else f"<{type(value).__name__}>"


@probe
def save(mod, kind, name):
    """The student's save_weights(model, <a fresh folder>/<name>): what it returned, the files it wrote (in the
    folder and elsewhere), and the weights Keras's own load_weights reads back from the file it wrote."""
    folder = _folder()
    before = _stamps()
    path = os.path.join(folder, name)
    model = _model(kind, seed=1)
    returned = _path_text(mod.save_weights(model, path))
    written = _files(folder)
    elsewhere = [f for f in _changed(before) if not f.startswith(os.path.basename(folder) + os.sep)]
    target = os.path.join(folder, returned) if returned and os.path.isfile(os.path.join(folder, returned)) else path
    result = {"folder": folder, "path": path, "returned": returned, "written": written, "elsewhere": elsewhere,
              "saved": model.get_weights(), "read": None, "unreadable": None}
    if not os.path.isfile(target):
        return result
    fresh = _model(kind, seed=2)
    try:
        fresh.load_weights(target)
    except Exception as exc:  # not a Keras weights file: the case says so
        return {**result, "unreadable": f"{type(exc).__name__}: {exc}"[:300]}
    return {**result, "read": fresh.get_weights()}


@probe
def load(mod, kind, name, change_first=False):
    """Keras writes model A's weights to <a fresh folder>/<name>; the student's load_weights reads them into B:
    a fresh model of the same architecture, or A itself after its weights changed (change_first)."""
    path = os.path.join(_folder(), name)
    a = _model(kind, seed=1)
    saved, predicted = a.get_weights(), np.asarray(a(X))
    a.save_weights(path)
    b = a if change_first else _model(kind, seed=2)
    if change_first:
        b.set_weights([w + 1 for w in b.get_weights()])
    start = b.get_weights()
    returned = mod.load_weights(b, path)
    other = isinstance(returned, keras.Model) and returned is not b
    return {"saved": saved, "predicted": predicted, "start": start, "loaded": b.get_weights(),
            "reloaded": np.asarray(b(X)), "other_model_loaded": bool(other) and _equal(returned.get_weights(), saved)}


def _equal(weights_a, weights_b):
    return len(weights_a) == len(weights_b) and all(np.array_equal(a, b) for a, b in zip(weights_a, weights_b,
                                                                                         strict=False))


@probe
def callback(mod, fit):
    """The student's callback for a fresh log_dir; with `fit`, a two-epoch fit that uses it, and the files written."""
    folder = _folder()
    before = _stamps()
    log_dir = os.path.join(folder, "logs")
    cb = mod.tensorboard_callback(log_dir)
    result = {"log_dir": log_dir, "type": type(cb).__name__,
              "is_tensorboard": isinstance(cb, keras.callbacks.TensorBoard),
              "attr_log_dir": _path_text(getattr(cb, "log_dir", None)), "error": None}
    if fit and result["is_tensorboard"]:
        model = _model("mlp", seed=3)
        model.compile(optimizer="sgd", loss="mse")
        try:
            model.fit(X, np.zeros((6, 2), np.float32), epochs=2, batch_size=3, callbacks=[cb], verbose=0)
        except Exception as exc:  # without the tensorboard package, the first scalar summary raises (event files exist)
            if type(exc).__name__ != "TBNotInstalledError":
                raise
            result["error"] = type(exc).__name__
        result["files"] = _files(log_dir) if os.path.isdir(log_dir) else {}
        result["elsewhere"] = [f for f in _changed(before) if "tfevents" in f and not f.startswith(
            os.path.basename(folder) + os.sep)]
    return result


# ---- helpers in the trusted process --------------------------------------------------------

def _same(path_a, path_b):
    return os.path.normpath(path_a) == os.path.normpath(path_b)


def _check_written(got, what):
    """A weights file Keras can read is in the probe's folder and holds every weight of the model saved; name
    the mistake when it went elsewhere."""
    if not got["written"] and got["elsewhere"]:
        fail(f"{what}: no file at the path given ({os.path.basename(got['path'])}); your code wrote "
             f"{got['elsewhere']} in the working directory instead", "path-ignored")
    expect(got["read"] is not None or got["unreadable"], f"{what}: no weights file was written at the path given "
           f"(found {sorted(got['written'])})")
    expect(got["read"] is not None, f"{what}: Keras cannot load the file written as weights ({got['unreadable']})")
    expect(_equal(got["read"], got["saved"]), f"{what}: the file does not hold the model's weights (Keras's "
           "load_weights of it gives other values)")


def _check_loaded(got, what):
    if _equal(got["loaded"], got["saved"]):
        return
    unchanged = _equal(got["loaded"], got["start"])
    if unchanged and got["other_model_loaded"]:
        fail(f"{what}: the model given kept its weights; load_weights loaded them into another model and returned "
             "that one", "load-not-in-place")
    fail(f"{what}: the model's weights after load_weights " + ("are unchanged" if unchanged else
                                                             "differ from the weights saved"))


# ---- cases ---------------------------------------------------------------------------------
#
# What the public cases show (a hidden case passes nothing they have not shown):
#
# | input a hidden case passes                                    | shown by the public case                 |
# | ------------------------------------------------------------- | ---------------------------------------- |
# | save_weights(model, path): model a built keras.Sequential,     | test_save (a Dense model)                |
# |   here with BatchNormalization (non-trainable weights)         |                                          |
# | path: a str, <folder>/<name>.weights.h5                        | test_save                                |
# | load_weights(model, path): path a str to a .weights.h5 file    | test_load (Keras wrote it)               |
# |   Keras wrote; model a fresh model of the same architecture,   |                                          |
# |   or the saving model itself after its weights changed         | test_load (the same kind of model)       |
# | tensorboard_callback(log_dir): log_dir a str to a new folder,  | test_callback                            |
# |   then the callback passed to model.fit by the grader          |                                          |
#
# The contract's Keras 2 names ('my_model.h5', 'my_model': save_weights writes '<name>.weights.h5' and
# returns that path) have a public case of their own, test_keras2_name.
# Each case checks one function: the save cases read the file back with Keras's own load_weights, and
# the load cases load a file Keras's own save_weights wrote, so a mistake in one function costs only
# its own cases.
# test_current_apis reads the file (demo code included, which grading skips) for APIs that TF 2.16+/Keras 3
# removed, e.g. `model.save_weights("my_model.h5")` or `tf.random.set_random_seed(42)` in demo cells:
# they fail when the student runs the file, so they cost this public point and the message names the
# replacement. It needs test_save so that an unfinished file earns nothing.

@case("save_weights writes the file at the path given and returns that path", points=1)
def test_save(student):
    got = student.run(save, kind="mlp", name="model.weights.h5")
    what = "save_weights(model, '<folder>/model.weights.h5')"
    _check_written(got, what)
    expect(got["written"].get("model.weights.h5", 0) > 0, f"{what} wrote {got['written']} in the folder")
    expect(got["returned"] is not None, "save_weights returned None: return the path of the file written "
           "(model.save_weights itself returns None)", "returns-none")
    expect(_same(got["returned"], got["path"]), f"save_weights returned {got['returned']!r}; expected the path "
           f"written, {got['path']!r}")


@case("a Keras 2 name (my_model.h5, my_model): written as .weights.h5, that path returned", points=1,
      needs="test_save")
def test_keras2_name(student):
    for name in ("my_model.h5", "my_model"):
        got = student.run(save, kind="mlp", name=name)
        what = f"save_weights(model, '<folder>/{name}')"
        expect(got["returned"] is not None, f"{what} returned None: return the path of the file written",
               "returns-none")
        returned = got["returned"]
        expect(returned.endswith(".weights.h5") and _same(os.path.dirname(returned), got["folder"]),
               f"{what} returned {returned!r}: expected a name ending in .weights.h5 in the same folder")
        expect(got["written"].get(os.path.basename(returned), 0) > 0,
               f"{what} returned {returned!r}, but the folder holds {sorted(got['written'])}")
        _check_written(got, what)


@case("load_weights puts saved weights into a fresh model", points=1)
def test_load(student):
    got = student.run(load, kind="mlp", name="model.weights.h5")
    _check_loaded(got, "a fresh model after load_weights")


@case("tensorboard_callback returns a TensorBoard callback for log_dir", points=1)
def test_callback(student):
    got = student.run(callback, fit=False)
    expect(got["is_tensorboard"], f"tensorboard_callback returned a {got['type']}, not a "
           "keras.callbacks.TensorBoard instance")
    expect(got["attr_log_dir"] is not None and _same(got["attr_log_dir"], got["log_dir"]),
           f"the callback writes to {got['attr_log_dir']!r}, not to the log_dir given ({got['log_dir']!r})",
           "log-dir-ignored")


@case("uses only current TensorFlow/Keras APIs (the whole file is read, demo code too; nothing is run)", points=1,
      needs="test_save")
def test_current_apis(source):
    expect_current_apis(source)


@case("save_weights keeps non-trainable weights (BatchNormalization)", points=1, hidden=True, needs="test_save")
def test_save_batchnorm(student):
    got = student.run(save, kind="bn", name="bn_model.weights.h5")
    _check_written(got, "save_weights of a model with BatchNormalization")


@case("load_weights with non-trainable weights: identical weights and predictions", points=1, hidden=True,
      needs="test_load")
def test_load_batchnorm(student):
    got = student.run(load, kind="bn", name="bn_model.weights.h5")
    _check_loaded(got, "a fresh model with BatchNormalization after load_weights")
    assert_close(got["reloaded"], got["predicted"], rtol=0, atol=1e-7,
                 what="the predictions of the model that loaded the weights")


@case("load_weights restores a checkpoint after the weights changed", points=1, hidden=True, needs="test_load")
def test_restore_checkpoint(student):
    got = student.run(load, kind="mlp", name="checkpoint.weights.h5", change_first=True)
    _check_loaded(got, "the model itself, its weights changed after saving, then load_weights")


@case("a short fit with the callback writes event files under log_dir", points=2, hidden=True,
      needs="test_callback")
def test_callback_writes(student):
    got = student.run(callback, fit=True)
    events = {name: size for name, size in got["files"].items() if "tfevents" in os.path.basename(name)}
    if not events and got["elsewhere"]:
        fail(f"model.fit with your callback wrote event files to {got['elsewhere']}, not under log_dir",
             "log-dir-ignored")
    expect(events and all(size > 0 for size in events.values()),
           f"model.fit with your callback wrote no event file under log_dir (found {sorted(got['files'])})")
