import keras
import tensorflow as tf


class SimpleDense(keras.layers.Layer):
    """Dense layer: tf.matmul, initializer objects, `call(self, inputs, training=None)`."""

    def __init__(self, units, activation=None, **kwargs):
        super(SimpleDense, self).__init__(**kwargs)
        self.units = int(units)
        self.activation = activation

    def build(self, input_shape):
        input_dim = int(input_shape[-1])
        self.W = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                 initializer=keras.initializers.RandomNormal(stddev=0.05), trainable=True)
        self.b = self.add_weight(name="bias", shape=(self.units,),
                                 initializer=keras.initializers.Zeros(), trainable=True)
        super().build(input_shape)

    def call(self, inputs, training=None):
        outputs = tf.matmul(inputs, self.W)
        outputs = outputs + self.b
        if self.activation:
            outputs = self.activation(outputs)
        return outputs

    def get_config(self):
        return {**super().get_config(), "units": self.units}
