"""MySequential that skips missing layers; the return is indented into the `if`."""

import keras


class MySequential(keras.Model):
    def __init__(self, list_layers, **kwargs):
        super().__init__(**kwargs)
        self.list_layers = list(list_layers)

    def call(self, inputs):
        outputs = inputs
        for layer in self.list_layers:
            if layer is not None:
                outputs = layer(outputs)
                return outputs
        return outputs
