"""MySequential with a while loop; the return is indented into the loop."""

import keras


class MySequential(keras.Model):
    def __init__(self, list_layers, **kwargs):
        super().__init__(**kwargs)
        self.list_layers = list(list_layers)

    def call(self, inputs):
        x = inputs
        i = 0
        while i < len(self.list_layers):
            x = self.list_layers[i](x)
            i += 1
            return x
