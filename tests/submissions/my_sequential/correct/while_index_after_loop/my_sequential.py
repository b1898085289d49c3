"""MySequential with a while loop over indices; the return sits after the loop."""

import keras


class MySequential(keras.Model):
    def __init__(self, list_layers, **kwargs):
        super().__init__(**kwargs)
        self.list_layers = [layer for layer in list_layers]

    def call(self, inputs):
        x = inputs
        i = 0
        while i < len(self.list_layers):
            x = self.list_layers[i](x)
            i += 1
        return x
