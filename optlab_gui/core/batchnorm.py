"""Batch normalisation: forward and hand-written backward in training mode, evaluation with
running statistics, and the running-statistics update of PyTorch.

Statistics are taken over axis 0 (the batch); the training-mode variance is the biased one
(divide by N), as in PyTorch's forward pass.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["BatchNormCache", "backward", "forward", "forward_eval", "update_running"]


class BatchNormCache(NamedTuple):
    """What the backward pass needs, plus the batch statistics for the running averages."""

    x_hat: np.ndarray
    inv_std: np.ndarray
    gamma: np.ndarray
    batch_mean: np.ndarray
    batch_var: np.ndarray


def forward(x, gamma, beta, eps: float = 1e-5) -> tuple[np.ndarray, BatchNormCache]:
    """Training mode: y = γ (x − μ_B)/√(σ²_B + ε) + β with the batch mean and biased variance.

    Returns ``(y, cache)``; the cache feeds :func:`backward` and carries ``batch_mean`` and
    ``batch_var`` for :func:`update_running`.
    """
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0)
    centred = x - mean
    var = np.mean(centred * centred, axis=0)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = centred * inv_std
    y = gamma * x_hat + beta
    return y, BatchNormCache(x_hat, inv_std, np.asarray(gamma, dtype=float), mean, var)


def backward(dy, cache: BatchNormCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dγ, dβ) of the training-mode forward pass.

    dx = (1/N) · γ/σ · (N·dy − Σdy − x̂·Σ(dy·x̂)), the batch statistics being functions of x.
    """
    dy = np.asarray(dy, dtype=float)
    x_hat, inv_std, gamma = cache.x_hat, cache.inv_std, cache.gamma
    dbeta = dy.sum(axis=0)
    dgamma = np.sum(dy * x_hat, axis=0)
    n = dy.shape[0]
    dx = (gamma * inv_std / n) * (n * dy - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta


def forward_eval(x, gamma, beta, running_mean, running_var, eps: float = 1e-5) -> np.ndarray:
    """Evaluation mode: normalise with the running statistics instead of the batch's."""
    x = np.asarray(x, dtype=float)
    return gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta


def update_running(
    running_mean,
    running_var,
    batch_mean,
    batch_var,
    momentum: float = 0.1,
    *,
    n: int,
) -> tuple[np.ndarray, np.ndarray]:
    """New running (mean, var) after one training batch of ``n`` rows, as PyTorch does it:
    r ← (1 − momentum)·r + momentum·batch statistic, where the variance fed in is the
    unbiased batch variance σ²_B · n/(n − 1) (for n = 1 the biased one, 0).

    ``batch_var`` is the biased variance of :func:`forward`'s cache. Returns new arrays.
    """
    if not 0.0 <= momentum <= 1.0:
        raise ValueError(f"momentum must lie in [0, 1], got {momentum}")
    unbiased = batch_var * (n / (n - 1)) if n > 1 else np.asarray(batch_var, dtype=float)
    new_mean = (1.0 - momentum) * running_mean + momentum * batch_mean
    new_var = (1.0 - momentum) * running_var + momentum * unbiased
    return new_mean, new_var
