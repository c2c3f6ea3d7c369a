"""Benchmark of the numeric core: the optimizer race and the deep-network probe.

Prints two ratios (and the numbers behind them) as clear lines and, last, one JSON line:

* optimizer race: steps/s of all seven optimizers racing on Rosenbrock through
  ``Optimizer.step`` versus the same update formulas written as a bare NumPy loop
  (goal: ratio >= 0.7);
* deep-network probe: time of ``deepnet.probe(depth=20, width=256, batch=512)`` versus a
  bare chain of 20 float64 matmuls of that size (goal: ratio <= 1.5). For context it also
  prints the probe against the matmuls it cannot avoid (20 forward + 39 backward in the
  probe's float32) and the forward-only probe.

Timings take the best of several interleaved repetitions of wall-clock time. On a machine
shared with other work that is still noisy; ``--cpu`` instead runs BLAS on one thread and
measures this process's CPU time, which other processes barely disturb.
Run: ``.venv/bin/python benchmarks/core.py [--cpu]``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

CPU_MODE = "--cpu" in sys.argv
if CPU_MODE:  # must be set before NumPy loads OpenBLAS
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from optlab_gui.core import deepnet  # noqa: E402
from optlab_gui.core.datasets import make_dataset  # noqa: E402
from optlab_gui.core.mlp import MLP  # noqa: E402
from optlab_gui.core.optimizers import OPTIMIZERS, make_optimizer  # noqa: E402
from optlab_gui.core.surfaces import SURFACES  # noqa: E402

clock = time.process_time if CPU_MODE else time.perf_counter
RACE_STEPS = 2000
REPEATS = 7
ROSENBROCK = SURFACES["rosenbrock"]
RACE_HYPER = {"adadelta": {}}  # adadelta has no lr; every other one gets a small lr
SMALL_LR = 1e-4


def race_with_optimizers() -> float:
    """Seconds for RACE_STEPS steps of each of the seven optimizers."""
    gradient = ROSENBROCK.gradient
    racers = [make_optimizer(name, **RACE_HYPER.get(name, {"lr": SMALL_LR})) for name in OPTIMIZERS]
    thetas = [ROSENBROCK.start.copy() for _ in racers]
    start = clock()
    for _ in range(RACE_STEPS):
        for index, optimizer in enumerate(racers):
            thetas[index] = optimizer.step(thetas[index], gradient)
    return clock() - start


def race_bare() -> float:
    """The same formulas in one plain loop: local arrays, no classes."""
    gradient = ROSENBROCK.gradient
    lr, gamma, rho, beta1, beta2 = SMALL_LR, 0.9, 0.9, 0.9, 0.999
    eps, adadelta_eps = 1e-8, 1e-6
    theta = [ROSENBROCK.start.copy() for _ in range(7)]
    zeros = np.zeros(2)
    velocity = nesterov_velocity = grad_squared_sum = zeros
    adadelta_grad = adadelta_update = rmsprop_avg = m = v = zeros
    start = clock()
    for t in range(1, RACE_STEPS + 1):
        g = gradient(theta[0])
        theta[0] = theta[0] - lr * g
        g = gradient(theta[1])
        velocity = gamma * velocity + lr * g
        theta[1] = theta[1] - velocity
        g = gradient(theta[2] - gamma * nesterov_velocity)
        nesterov_velocity = gamma * nesterov_velocity + lr * g
        theta[2] = theta[2] - nesterov_velocity
        g = gradient(theta[3])
        grad_squared_sum = grad_squared_sum + g * g
        theta[3] = theta[3] - lr / np.sqrt(grad_squared_sum + eps) * g
        g = gradient(theta[4])
        adadelta_grad = rho * adadelta_grad + (1 - rho) * g * g
        delta = -np.sqrt(adadelta_update + adadelta_eps) / np.sqrt(adadelta_grad + adadelta_eps) * g
        adadelta_update = rho * adadelta_update + (1 - rho) * delta * delta
        theta[4] = theta[4] + delta
        g = gradient(theta[5])
        rmsprop_avg = rho * rmsprop_avg + (1 - rho) * g * g
        theta[5] = theta[5] - lr / np.sqrt(rmsprop_avg + eps) * g
        g = gradient(theta[6])
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        theta[6] = theta[6] - lr * m_hat / (np.sqrt(v_hat) + eps)
    return clock() - start


def best_of(functions: dict, repeats: int = REPEATS) -> dict[str, float]:
    """Best time of each function over interleaved repetitions (after one warm-up)."""
    best = {}
    for name, function in functions.items():
        function()
        best[name] = float("inf")
    for _ in range(repeats):
        for name, function in functions.items():
            start = clock()
            elapsed = function()
            if not isinstance(elapsed, float):
                elapsed = clock() - start
            best[name] = min(best[name], elapsed)
    return best


def matmul_chain(dtype, backward: bool):
    rng = np.random.default_rng(0)
    inputs = rng.standard_normal((512, 256)).astype(dtype)
    weights = [(rng.standard_normal((256, 256)) / 16).astype(dtype) for _ in range(20)]

    def run():
        a = inputs
        kept = []
        for w in weights:
            kept.append(a)
            a = a @ w
        if backward:
            grad = a
            for layer in range(19, -1, -1):
                _ = kept[layer].T @ grad
                if layer:
                    grad = grad @ weights[layer].T

    return run


def mlp_race_steps_per_second() -> float:
    """Race steps/s (one step of each of the seven optimizers) training a 2-16-16-2 tanh MLP
    with BatchNorm on 300 samples, full batch: the live race the training panel shows."""
    data = make_dataset("moons", n_samples=400, noise=0.1)
    x, y = data.x_train, data.y_train
    net = MLP([2, 16, 16, 2], activation="tanh", batch_norm=True)
    racers = [make_optimizer(name) for name in OPTIMIZERS]
    states = [net.new_state() for _ in racers]
    params = [net.initial_parameters() for _ in racers]
    steps = 60
    start = clock()
    for _ in range(steps):
        for index, optimizer in enumerate(racers):
            state = states[index]
            params[index] = optimizer.step(
                params[index], lambda p, state=state: net.loss_and_gradient(p, x, y, state=state)[1]
            )
    return steps / (clock() - start)


def main() -> None:
    race = best_of({"core": race_with_optimizers, "bare": race_bare})
    steps = 7 * RACE_STEPS
    race_ratio = race["bare"] / race["core"]
    print(
        f"optimizer race on Rosenbrock: {steps / race['core']:,.0f} steps/s through "
        f"Optimizer.step, {steps / race['bare']:,.0f} steps/s bare NumPy loop, "
        f"ratio {race_ratio:.2f} (goal >= 0.7)"
    )

    mlp_rate = max(mlp_race_steps_per_second() for _ in range(3))
    print(
        f"MLP race (7 optimizers, 2-16-16-2 tanh + BatchNorm, 300 samples): "
        f"{mlp_rate:,.0f} race steps/s"
    )

    configs = {
        "tanh_xavier": {"activation": "tanh", "init": "xavier"},
        "sigmoid_std1_bn": {
            "activation": "sigmoid",
            "init": "custom",
            "weight_std": 1.0,
            "batch_norm": True,
        },
        "relu_he": {"activation": "relu", "init": "he"},
    }
    size = {"depth": 20, "width": 256, "batch": 512}
    functions = {
        "chain_float64": matmul_chain(np.float64, backward=False),
        "chain_float32": matmul_chain(np.float32, backward=False),
        "matmuls_fwd_bwd_float32": matmul_chain(np.float32, backward=True),
    }
    for key, config in configs.items():
        functions[f"probe_{key}"] = lambda config=config: deepnet.probe(**size, **config)
        functions[f"probe_{key}_forward_only"] = lambda config=config: deepnet.probe(
            **size, **config, gradients=False
        )
    probe = best_of(functions)
    probe_ratio = probe["probe_tanh_xavier"] / probe["chain_float64"]
    print(
        f"deepnet.probe(20, 256, 512, tanh, xavier): {probe['probe_tanh_xavier'] * 1e3:.1f} ms, "
        f"bare chain of 20 float64 matmuls: {probe['chain_float64'] * 1e3:.1f} ms, "
        f"ratio {probe_ratio:.2f} (goal <= 1.5)"
    )
    for key in configs:
        full = probe[f"probe_{key}"]
        forward = probe[f"probe_{key}_forward_only"]
        print(
            f"  probe {key:16s} {full * 1e3:6.1f} ms (x{full / probe['chain_float64']:.2f} "
            f"float64 chain, x{full / probe['matmuls_fwd_bwd_float32']:.2f} its own "
            f"float32 matmuls); forward only {forward * 1e3:6.1f} ms "
            f"(x{forward / probe['chain_float64']:.2f})"
        )
    print(
        f"  chain float32 {probe['chain_float32'] * 1e3:.1f} ms, forward+backward float32 "
        f"matmuls {probe['matmuls_fwd_bwd_float32'] * 1e3:.1f} ms"
    )
    summary = {
        "mode": "cpu time, one BLAS thread" if CPU_MODE else "wall clock",
        "optimizer_race": {
            "core_steps_per_s": steps / race["core"],
            "bare_steps_per_s": steps / race["bare"],
            "ratio": race_ratio,
            "goal": ">= 0.7",
        },
        "mlp_race_steps_per_s": mlp_rate,
        "deepnet_probe": {
            "probe_ms": probe["probe_tanh_xavier"] * 1e3,
            "chain_float64_ms": probe["chain_float64"] * 1e3,
            "ratio": probe_ratio,
            "goal": "<= 1.5",
            "timings_ms": {key: value * 1e3 for key, value in probe.items()},
        },
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
