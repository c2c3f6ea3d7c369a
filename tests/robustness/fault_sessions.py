"""Race sessions that fail on purpose, for the worker-fault tests.

The races run in a spawned compute process, so a fault must travel inside the pickled
session: these subclasses live in a module that process can import by name (the folder's
conftest puts it on ``sys.path``, which a spawned process inherits).
"""

from __future__ import annotations

from optlab_gui.training.deep_bn_session import DeepBatchNormRace
from optlab_gui.training.session import Record, SurfaceRace

#: The step at which the sessions below raise.
FAIL_AT_STEP = 30
FAULT_MESSAGE = "injected fault in the session's step"


class FailsOnce:
    """Mixin for a RaceSession: step raises RuntimeError the first time step FAIL_AT_STEP
    is taken, then works again (so the test can check the app recovers)."""

    def step(self) -> Record:
        """The session's step, or the injected fault."""
        if self.step_count + 1 == FAIL_AT_STEP and not getattr(self, "_has_failed", False):
            self._has_failed = True
            raise RuntimeError(FAULT_MESSAGE)
        return super().step()


class SurfaceRaceFailingOnce(FailsOnce, SurfaceRace):
    """The optimizer race on a surface, failing once."""


class DeepBatchNormRaceFailingOnce(FailsOnce, DeepBatchNormRace):
    """The BatchNorm panel's two-network training, failing once."""
