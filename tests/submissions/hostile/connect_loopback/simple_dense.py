"""Hostile: in `call`, tries the network: TCP connections to 127.0.0.1 and [::1] on port 47231 (where
the test listens), a UDP datagram to each, and a raw netlink socket. It reports each attempt by
raising in `call` (the cases that call the layer fail with the report as their message).

REPORT {"attempt": "connected" | "sent" | "opened" | exception type}
"""

import json
import socket

import keras
import tensorflow as tf

PORT = 47231


def _try(make):
    try:
        return make()
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__


def _tcp(family, host):
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        sock.connect((host, PORT))
        sock.sendall(b"HOSTILE_CONNECT")
        return "connected"


def _udp(family, host):
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.sendto(b"HOSTILE_DATAGRAM", (host, PORT))
        return "sent"


def _netlink():
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0):
        return "opened"


def attempts():
    return {"tcp 127.0.0.1": _try(lambda: _tcp(socket.AF_INET, "127.0.0.1")),
            "tcp ::1": _try(lambda: _tcp(socket.AF_INET6, "::1")),
            "udp 127.0.0.1": _try(lambda: _udp(socket.AF_INET, "127.0.0.1")),
            "udp ::1": _try(lambda: _udp(socket.AF_INET6, "::1")),
            "netlink": _try(_netlink)}


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
        raise RuntimeError("REPORT " + json.dumps(attempts(), sort_keys=True, separators=(",", ":")))
