"""Cross-references of the intelligence estimates: known sides, issues and options."""

from __future__ import annotations

from collections.abc import Iterator

from .diagnostics import PathKey, Severity
from .models import Scenario

Finding = tuple[Severity, PathKey, str]


def check_intelligence(s: Scenario) -> Iterator[Finding]:
    """An estimate names a known observing side, the other side's issues and their options."""
    actors = [a.id for a in s.actors]
    issues = {i.id: i for i in s.issues}
    for observer, intel in s.intelligence.items():
        path: PathKey = ("intelligence", observer)
        if observer not in actors:
            yield ("error", path, f"unknown actor `{observer}`; actors are {', '.join(f'`{a}`' for a in actors)}")
            continue
        for issue_id in intel.weights:
            if issue_id not in issues:
                yield ("error", (*path, "weights", issue_id), f"unknown issue `{issue_id}`")
        if intel.weights and not any(intel.weights.values()):
            yield ("error", (*path, "weights"), "believed weights are all zero; give at least one issue a weight")
        for issue_id, values in intel.values.items():
            issue = issues.get(issue_id)
            if issue is None:
                yield ("error", (*path, "values", issue_id), f"unknown issue `{issue_id}`")
                continue
            known = {o.id for o in issue.options}
            for option_id in values:
                if option_id not in known:
                    yield ("error", (*path, "values", issue_id, option_id),
                           f"unknown option `{option_id}` of issue `{issue_id}`")
            missing = sorted(known - set(values))
            if missing:
                yield ("error", (*path, "values", issue_id),
                       f"no believed value for option(s) {', '.join(f'`{o}`' for o in missing)}; value every option")
