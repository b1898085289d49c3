"""tfgrade.datasets: the generated Fashion-MNIST-like images graders train on."""

import time

import numpy as np

from tfgrade.datasets import NUM_CLASSES, fashion_like, load_data


def test_format_like_fashion_mnist():
    images, labels = fashion_like(300, seed=1)
    assert images.shape == (300, 28, 28) and labels.shape == (300,)
    assert images.dtype == np.uint8 and labels.dtype == np.uint8
    assert images.min() == 0 and images.max() == 255
    assert np.array_equal(np.bincount(labels, minlength=NUM_CLASSES), np.full(NUM_CLASSES, 30))


def test_deterministic_and_seeded():
    first, second = fashion_like(50, seed=4), fashion_like(50, seed=4)
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))
    assert not np.array_equal(first[0], fashion_like(50, seed=5)[0])


def test_classes_differ():
    """Class means are far apart compared with the pixel noise, so the classes can be learned."""
    images, labels = fashion_like(1000, seed=0)
    means = np.stack([images[labels == k].astype(float).mean(0).ravel() for k in range(NUM_CLASSES)])
    distances = np.linalg.norm(means[:, None] - means[None], axis=-1)
    assert distances[~np.eye(NUM_CLASSES, dtype=bool)].min() > 255


def test_load_data_layout_and_speed():
    start = time.perf_counter()
    (x_train, y_train), (x_test, y_test) = load_data(n_train=2000, n_test=500, seed=2)
    assert time.perf_counter() - start < 5
    assert x_train.shape == (2000, 28, 28) and x_test.shape == (500, 28, 28)
    assert y_train.shape == (2000,) and y_test.shape == (500,)
    images, labels = fashion_like(2500, seed=2)
    assert np.array_equal(x_test, images[2000:]) and np.array_equal(y_train, labels[:2000])
