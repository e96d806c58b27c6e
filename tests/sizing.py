"""How many examples a property test draws, scaled by the active Hypothesis profile.

A test that sets ``max_examples`` itself would ignore the ``thorough`` profile, so tests
ask here instead: ``examples(100)`` is 100 under the default and ``ci`` profiles and ten
times that under ``thorough`` (see ``tests/conftest.py``). ``PARLEY_EXAMPLES`` overrides it.
"""

from __future__ import annotations

import os

from hypothesis import settings

#: The default profile draws 100 examples; a profile that draws more scales every test.
BASELINE = 100


def examples(usual: int) -> int:
    forced = os.environ.get("PARLEY_EXAMPLES")
    if forced:
        return max(1, int(forced) * usual // BASELINE)
    return max(1, usual * settings.default.max_examples // BASELINE)
