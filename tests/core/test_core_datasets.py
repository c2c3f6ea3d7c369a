"""Data sets: seeded generators, split, batching regimes and CSV loading with clear errors."""

import pickle

import numpy as np
import pytest

from optlab_gui.core import datasets
from optlab_gui.core.batching import BATCH_REGIMES, BatchSampler, epoch_batches
from optlab_gui.core.datasets import DATASETS, DatasetError, load_csv, make_dataset


@pytest.mark.parametrize("name", list(DATASETS))
def test_generators_are_seeded_and_split(name):
    data = make_dataset(name, n_samples=200, noise=0.1, test_fraction=0.25, seed=4)
    again = make_dataset(name, n_samples=200, noise=0.1, test_fraction=0.25, seed=4)
    other = make_dataset(name, n_samples=200, noise=0.1, test_fraction=0.25, seed=5)
    assert data.name == name
    assert data.x_train.shape == (150, 2) and data.x_test.shape == (50, 2)
    assert data.y_train.dtype == np.int64
    assert set(np.unique(data.y_all)) == set(range(data.n_classes)) == {0, 1}
    np.testing.assert_array_equal(data.x_train, again.x_train)
    np.testing.assert_array_equal(data.y_test, again.y_test)
    assert not np.array_equal(data.x_train, other.x_train)
    assert np.all(np.isfinite(data.x_all))
    with pytest.raises(ValueError):
        data.x_train[0, 0] = 1.0  # read-only


@pytest.mark.parametrize("name", list(DATASETS))
def test_negative_zero_noise_is_no_noise(name):
    # A spin box at its minimum 0 may read "-0" (found by the monkey test): NumPy's normal()
    # refuses a scale of -0.0, so it must reach the generators as 0.
    zero = make_dataset(name, n_samples=60, noise=0.0, seed=1)
    negative_zero = make_dataset(name, n_samples=60, noise=-0.0, seed=1)
    np.testing.assert_array_equal(zero.x_all, negative_zero.x_all)


def test_registry_and_bad_arguments():
    assert list(DATASETS) == ["moons", "circles", "spirals", "xor", "blobs"]
    with pytest.raises(DatasetError, match="Unknown data set"):
        make_dataset("iris")
    with pytest.raises(DatasetError, match="test fraction"):
        make_dataset("moons", test_fraction=1.0)
    with pytest.raises(DatasetError, match="noise"):
        make_dataset("moons", noise=-0.1)
    assert issubclass(DatasetError, ValueError)


def test_blobs_are_linearly_separable_without_noise():
    data = make_dataset("blobs", n_samples=400, noise=0.0)
    projection = data.x_all.sum(axis=1)  # the direction between the centres
    assert np.all((projection > 0) == (data.y_all == 1))


# ---- batching --------------------------------------------------------------------------------


def test_batch_regimes():
    assert list(BATCH_REGIMES) == [
        "full",
        "sgd",
        "mini_16",
        "mini_32",
        "mini_64",
        "mini_128",
        "mini_256",
    ]
    assert BATCH_REGIMES["full"].size_for(300) == 300
    assert BATCH_REGIMES["sgd"].size_for(300) == 1
    assert BATCH_REGIMES["mini_256"].size_for(100) == 100


def test_epochs_visit_every_example_once_in_seeded_order():
    sampler = BatchSampler(100, 32, seed=3)
    assert sampler.batches_per_epoch == 4
    first_epoch = [sampler.next_batch() for _ in range(4)]
    assert [len(b) for b in first_epoch] == [32, 32, 32, 4]
    assert sorted(np.concatenate(first_epoch)) == list(range(100))
    assert sampler.epoch == 1
    second_epoch = np.concatenate([sampler.next_batch() for _ in range(4)])
    assert not np.array_equal(np.concatenate(first_epoch), second_epoch)
    sampler.reset()
    np.testing.assert_array_equal(sampler.next_batch(), first_epoch[0])
    again = BatchSampler(100, 32, seed=3)
    np.testing.assert_array_equal(again.next_batch(), first_epoch[0])
    full = BatchSampler.for_regime("full", 50)
    np.testing.assert_array_equal(full.next_batch(), np.arange(50))
    assert full.epoch == 1
    batches = epoch_batches(10, 1, np.random.default_rng(0))
    assert len(batches) == 10 and all(len(b) == 1 for b in batches)


# ---- CSV -------------------------------------------------------------------------------------


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_header_and_string_labels(tmp_path):
    rows = "\n".join(f"{i * 0.1},{-i * 0.2},{'cat' if i % 2 else 'dog'}" for i in range(20))
    data = load_csv(write(tmp_path, "x1,x2,label\n" + rows + "\n\n"), test_fraction=0.25)
    assert data.n_classes == 2 and data.class_labels == ("cat", "dog")
    assert len(data.x_train) == 15 and len(data.x_test) == 5
    assert data.name == "data"


def test_csv_numeric_labels_in_numeric_order(tmp_path):
    text = "0,0,10\n1,1,2\n2,2,10\n3,3,2.0\n4,4,-1\n5,5,-1\n"
    data = load_csv(write(tmp_path, text), test_fraction=0.0)
    assert data.class_labels == ("-1", "2", "10")
    order = np.argsort(data.x_train[:, 0])
    np.testing.assert_array_equal(data.y_train[order], [2, 1, 2, 1, 0, 0])


@pytest.mark.parametrize(
    ("text", "pattern", "line"),
    [
        ("x1,x2,label\n1,2,0\n3,4\n", "Line 3: expected 3 columns", 3),
        ("1,2,0\n3,4,1,5\n", "Line 2: expected 3 columns", 2),
        ("1,2,0\n\n1,abc,1\n", 'Line 3: x2 "abc" is not a number', 3),
        ("1,2,0\nnan,2,1\n", 'Line 2: x1 "nan" is not a finite number', 2),
        ("1,2,0\n1,inf,1\n", "Line 2: x2", 2),
        ("1,2,0\n1,2,\n", "Line 2: the label is empty", 2),
    ],
)
def test_csv_errors_name_the_line(tmp_path, text, pattern, line):
    with pytest.raises(DatasetError, match=pattern) as caught:
        load_csv(write(tmp_path, text))
    assert caught.value.params["line"] == line
    assert caught.value.template.format(**caught.value.params) == str(caught.value)


def test_csv_missing_unreadable_and_class_errors(tmp_path):
    with pytest.raises(DatasetError, match="File not found") as caught:
        load_csv(tmp_path / "nope.csv")
    assert "{path}" in caught.value.template
    with pytest.raises(DatasetError, match="folder"):
        load_csv(tmp_path)
    bad = tmp_path / "binary.csv"
    bad.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(DatasetError, match="Cannot read"):
        load_csv(bad)
    with pytest.raises(DatasetError, match="only one class"):
        load_csv(write(tmp_path, "1,2,a\n3,4,a\n"))
    with pytest.raises(DatasetError, match="no data rows"):
        load_csv(write(tmp_path, "x1,x2,label\n"))
    many = "".join(f"{i},{i},{i}\n" for i in range(datasets.MAX_CLASSES + 1))
    with pytest.raises(DatasetError, match="at most 20 classes"):
        load_csv(write(tmp_path, many))


def test_csv_too_many_rows_states_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "MAX_ROWS", 50)
    text = "x1,x2,label\n" + "".join(f"{i},{i},{i % 2}\n" for i in range(51))
    with pytest.raises(DatasetError, match="more than 50 data rows") as caught:
        load_csv(write(tmp_path, text))
    assert caught.value.params == {"line": 52, "limit": 50}
    load_csv(write(tmp_path, text.rsplit("\n", 2)[0] + "\n"))  # exactly 50 rows load


def test_dataset_error_is_translatable_and_picklable():
    error = DatasetError("Line {line}: bad {what}.", line=3, what="cell")
    assert str(error) == "Line 3: bad cell."
    assert error.template == "Line {line}: bad {what}." and error.params == {
        "line": 3,
        "what": "cell",
    }
    clone = pickle.loads(pickle.dumps(error))
    assert str(clone) == str(error) and clone.params == error.params
