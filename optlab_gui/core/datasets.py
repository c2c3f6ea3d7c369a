"""Two-dimensional classification data sets: seeded generators and loading a user's CSV.

Every data set is a frozen :class:`Dataset` with a train/test split; labels are integers
0..k-1. Generators are registered in :data:`DATASETS`; :func:`load_csv` reads ``x1,x2,label``
files and reports problems as :class:`DatasetError` with a translatable template.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "DATASETS",
    "MAX_CLASSES",
    "MAX_ROWS",
    "Dataset",
    "DatasetError",
    "DatasetGenerator",
    "load_csv",
    "make_dataset",
    "split",
]

MAX_ROWS = 100_000
MAX_CLASSES = 20
COLUMNS = ("x1", "x2", "label")


class DatasetError(ValueError):
    """A data set cannot be built or loaded; ``str(error)`` is the English message.

    ``template`` is the English ``str.format`` template and ``params`` the values to fill in,
    so the UI can translate the template and format it itself:
    ``tr(error.template).format(**error.params)``. (``args`` keeps its standard meaning for
    exceptions, the tuple ``(message,)``.)
    """

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = dict(params)
        super().__init__(template.format(**params))

    def __reduce__(self):
        return (_rebuild_dataset_error, (self.template, self.params))


def _rebuild_dataset_error(template: str, params: dict) -> DatasetError:
    return DatasetError(template, **params)


def _read_only(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Dataset:
    """A 2-D classification set split into train and test parts (arrays are read-only).

    ``x_*`` have shape (n, 2) float64, ``y_*`` shape (n,) int64 with values 0..n_classes-1;
    ``class_labels[k]`` is the original label of class k (its text, for CSV files).
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    n_classes: int
    class_labels: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for key in ("x_train", "y_train", "x_test", "y_test"):
            dtype = np.int64 if key.startswith("y") else np.float64
            object.__setattr__(self, key, _read_only(np.array(getattr(self, key), dtype=dtype)))
        if not self.class_labels:
            labels = tuple(str(k) for k in range(self.n_classes))
            object.__setattr__(self, "class_labels", labels)

    @property
    def x_all(self) -> np.ndarray:
        """Train and test inputs together (train first)."""
        return np.concatenate([self.x_train, self.x_test])

    @property
    def y_all(self) -> np.ndarray:
        """Train and test labels together (train first)."""
        return np.concatenate([self.y_train, self.y_test])


def split(
    name: str,
    x: np.ndarray,
    y: np.ndarray,
    test_fraction: float,
    seed: int,
    class_labels: tuple[str, ...] = (),
) -> Dataset:
    """Shuffle (x, y) with ``seed`` and put ``round(n * test_fraction)`` points in the test set.

    Raises DatasetError when the fraction is outside [0, 1) or leaves no training point.
    """
    if not (0.0 <= test_fraction < 1.0):
        raise DatasetError(
            "The test fraction must be at least 0 and below 1, not {fraction}.",
            fraction=test_fraction,
        )
    n = len(x)
    n_test = round(n * test_fraction)
    if n - n_test < 1:
        raise DatasetError("{count} rows leave no training data.", count=n)
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    n_classes = len(class_labels) if class_labels else int(y.max()) + 1
    return Dataset(
        name=name,
        x_train=x[train],
        y_train=y[train],
        x_test=x[test],
        y_test=y[test],
        n_classes=n_classes,
        class_labels=class_labels,
    )


# ---- generators: (n_samples, noise, rng) -> (x, y) -------------------------------------------


def _class_sizes(n_samples: int, n_classes: int) -> list[int]:
    base, extra = divmod(n_samples, n_classes)
    return [base + (1 if k < extra else 0) for k in range(n_classes)]


def _labels(sizes: list[int]) -> np.ndarray:
    return np.repeat(np.arange(len(sizes)), sizes)


def _moons(n_samples, noise, rng):
    n_outer, n_inner = _class_sizes(n_samples, 2)
    outer = np.linspace(0.0, math.pi, n_outer)
    inner = np.linspace(0.0, math.pi, n_inner)
    x = np.concatenate(
        [
            np.column_stack([np.cos(outer), np.sin(outer)]),
            np.column_stack([1.0 - np.cos(inner), 0.5 - np.sin(inner)]),
        ]
    )
    return x + rng.normal(0.0, noise, x.shape), _labels([n_outer, n_inner])


def _circles(n_samples, noise, rng):
    n_outer, n_inner = _class_sizes(n_samples, 2)
    outer = rng.uniform(0.0, 2 * math.pi, n_outer)
    inner = rng.uniform(0.0, 2 * math.pi, n_inner)
    x = np.concatenate(
        [
            np.column_stack([np.cos(outer), np.sin(outer)]),
            0.5 * np.column_stack([np.cos(inner), np.sin(inner)]),
        ]
    )
    return x + rng.normal(0.0, noise, x.shape), _labels([n_outer, n_inner])


def _spirals(n_samples, noise, rng):
    sizes = _class_sizes(n_samples, 2)
    arms = []
    for arm, size in enumerate(sizes):
        # radius grows with the angle over 1.75 turns; the second arm is rotated by π
        t = np.sqrt(rng.uniform(0.0, 1.0, size))
        angle = t * 3.5 * math.pi + arm * math.pi
        arms.append(np.column_stack([t * np.cos(angle), t * np.sin(angle)]))
    x = np.concatenate(arms)
    return x + rng.normal(0.0, noise, x.shape), _labels(sizes)


def _xor(n_samples, noise, rng):
    x = rng.uniform(-1.0, 1.0, (n_samples, 2))
    y = (x[:, 0] * x[:, 1] < 0).astype(np.int64)
    return x + rng.normal(0.0, noise, x.shape), y


def _blobs(n_samples, noise, rng):
    sizes = _class_sizes(n_samples, 2)
    centres = np.array([[-1.0, -1.0], [1.0, 1.0]])
    x = np.concatenate(
        [
            centre + rng.normal(0.0, 0.3, (size, 2))
            for centre, size in zip(centres, sizes, strict=True)
        ]
    )
    return x + rng.normal(0.0, noise, x.shape), _labels(sizes)


@dataclass(frozen=True)
class DatasetGenerator:
    """A named generator of a seeded 2-D classification set."""

    name: str
    title: str
    description: str
    n_classes: int
    generate: Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray]]


DATASETS: dict[str, DatasetGenerator] = {
    generator.name: generator
    for generator in (
        DatasetGenerator("moons", "Moons", "Two interleaving half circles.", 2, _moons),
        DatasetGenerator(
            "circles", "Circles", "A ring around a smaller ring (radius ratio 0.5).", 2, _circles
        ),
        DatasetGenerator(
            "spirals", "Spirals", "Two interleaved spiral arms of 1.75 turns each.", 2, _spirals
        ),
        DatasetGenerator("xor", "XOR", "Uniform points labelled by the sign of x1 · x2.", 2, _xor),
        DatasetGenerator(
            "blobs",
            "Blobs",
            "Two Gaussian blobs (std 0.3) around (−1, −1) and (1, 1): linearly separable "
            "up to the added noise.",
            2,
            _blobs,
        ),
    )
}


def make_dataset(
    name: str,
    n_samples: int = 400,
    noise: float = 0.1,
    test_fraction: float = 0.25,
    seed: int = 0,
) -> Dataset:
    """Generate the registered data set ``name``: ``noise`` is the standard deviation of the
    Gaussian jitter added to every point; the same seed gives the same points and split."""
    try:
        generator = DATASETS[name]
    except KeyError:
        raise DatasetError(
            "Unknown data set {name}; choose one of {choices}.",
            name=name,
            choices=", ".join(DATASETS),
        ) from None
    if n_samples < 2 * generator.n_classes:
        raise DatasetError(
            "At least {minimum} samples are needed, not {count}.",
            minimum=2 * generator.n_classes,
            count=n_samples,
        )
    if not (noise >= 0.0 and math.isfinite(noise)):
        raise DatasetError("The noise must be a finite number >= 0, not {noise}.", noise=noise)
    rng = np.random.default_rng(seed)
    # abs: -0.0 passes the check above, and NumPy's normal() refuses a scale of -0.0.
    x, y = generator.generate(int(n_samples), abs(float(noise)), rng)
    return split(name, x, y, test_fraction, seed)


# ---- CSV -------------------------------------------------------------------------------------


def _parse_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _label_order(labels: set[str]) -> list[str]:
    """Numeric labels in numeric order ("2" before "10"), otherwise alphabetical."""
    numbers = {label: _parse_float(label) for label in labels}
    if all(value is not None and math.isfinite(value) for value in numbers.values()):
        return sorted(labels, key=lambda label: (numbers[label], label))
    return sorted(labels)


def load_csv(path, test_fraction: float = 0.25, seed: int = 0) -> Dataset:
    """Load ``x1,x2,label`` rows from a CSV file (header optional, blank lines ignored).

    Labels may be any text or numbers; they are mapped to 0..k-1 in numeric order when all
    are numbers, else alphabetically. Every problem raises :class:`DatasetError` naming the
    line: missing or unreadable file, a row without exactly 3 columns, a cell that is not a
    number or not finite, fewer than 2 classes, more than MAX_CLASSES classes, more than
    MAX_ROWS rows.
    """
    path = Path(path)
    rows = _read_numbered_rows(path)
    if rows and _is_header(rows[0][1]):
        rows = rows[1:]
    if not rows:
        raise DatasetError("{path} contains no data rows.", path=str(path))
    if len(rows) > MAX_ROWS:
        raise DatasetError(
            "Line {line}: the file has more than {limit} data rows; OptLab accepts at most "
            "{limit}.",
            line=rows[MAX_ROWS][0],
            limit=MAX_ROWS,
        )
    x = np.empty((len(rows), 2))
    raw_labels = []
    for index, (line, row) in enumerate(rows):
        if len(row) != len(COLUMNS):
            raise DatasetError(
                "Line {line}: expected 3 columns (x1, x2, label), found {found}.",
                line=line,
                found=len(row),
            )
        for column in range(2):
            text = row[column].strip()
            value = _parse_float(text)
            if value is None:
                raise DatasetError(
                    'Line {line}: {column} "{value}" is not a number.',
                    line=line,
                    column=COLUMNS[column],
                    value=text,
                )
            if not math.isfinite(value):
                raise DatasetError(
                    'Line {line}: {column} "{value}" is not a finite number.',
                    line=line,
                    column=COLUMNS[column],
                    value=text,
                )
            x[index, column] = value
        label = row[2].strip()
        if not label:
            raise DatasetError("Line {line}: the label is empty.", line=line)
        number = _parse_float(label)
        if number is not None and not math.isfinite(number):
            raise DatasetError(
                'Line {line}: label "{value}" is not a finite number.', line=line, value=label
            )
        raw_labels.append(_canonical_label(label, number))
    order = _label_order(set(raw_labels))
    if len(order) < 2:
        raise DatasetError(
            "The file has only one class ({label}); at least two are needed.", label=order[0]
        )
    if len(order) > MAX_CLASSES:
        raise DatasetError(
            "The file has {count} different labels; OptLab accepts at most {limit} classes.",
            count=len(order),
            limit=MAX_CLASSES,
        )
    index_of = {label: k for k, label in enumerate(order)}
    y = np.array([index_of[label] for label in raw_labels], dtype=np.int64)
    return split(path.stem, x, y, test_fraction, seed, class_labels=tuple(order))


def _canonical_label(label: str, number: float | None) -> str:
    """Numeric labels are normalised ("1" and "1.0" are one class); text is kept as written."""
    if number is None:
        return label
    return str(int(number)) if number.is_integer() else repr(number)


def _is_header(row: list[str]) -> bool:
    """A first row whose two coordinate cells are both non-numeric is a header."""
    return len(row) >= 2 and all(_parse_float(cell.strip()) is None for cell in row[:2])


def _read_numbered_rows(path: Path) -> list[tuple[int, list[str]]]:
    """Non-blank rows with their 1-based line numbers; stops after MAX_ROWS + 2 rows."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            rows = []
            for row in reader:
                if any(cell.strip() for cell in row):
                    rows.append((reader.line_num, row))
                    if len(rows) > MAX_ROWS + 1:
                        break
            return rows
    except FileNotFoundError:
        raise DatasetError("File not found: {path}", path=str(path)) from None
    except IsADirectoryError:
        raise DatasetError("{path} is a folder, not a CSV file.", path=str(path)) from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DatasetError(
            "Cannot read {path}: {reason}", path=str(path), reason=str(error)
        ) from None
