"""Exporting a scenario as a GENIUS/ANAC domain and one utility profile per side.

GENIUS has no red lines, ratification, tactics or events; those are left out and reported
as notes, so the author knows what the export cannot carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from game.scenario.models import Scenario

from .genius_import import actor_names
from .genius_read import GeniusError
from .names import unique_slugs

# -- export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    """The files of a GENIUS export (name -> text) and notes on what GENIUS cannot hold."""

    files: dict[str, str]
    notes: list[str]

    @property
    def names(self) -> list[str]:
        return list(self.files)


def _num(value: float) -> str:
    return repr(float(value))


def _file_names(s: Scenario) -> list[str]:
    """The original file names for an imported scenario (so a re-import matches), else ``<id>_...``."""
    if s.source is not None and s.source.kind == "genius" and len(s.source.files) == 3:
        domain, *profiles = s.source.files
        names = actor_names([Path(p).stem for p in profiles])
        if [a.name for a in s.actors] == names and [a.id for a in s.actors] == unique_slugs(names, "side", "p"):
            return [domain, *profiles]
    return [f"{s.id}_domain.xml", *(f"{s.id}_{a.id}.xml" for a in s.actors)]


def export_genius(s: Scenario) -> Export:
    """A GENIUS domain and one profile per actor that score every package as the scenario does.

    GENIUS divides each evaluation by the issue's largest; where an actor's best option of
    an issue is worth less than 1, its weight is multiplied by that best value, which keeps
    every utility up to one common factor (the reservation value is divided by it too), so
    the Pareto frontier and the Nash point stay the same packages.
    """
    names = _file_names(s)
    notes: list[str] = []
    issues_xml = []
    for n, issue in enumerate(s.issues, start=1):
        items = "\n".join(
            f"        <item index=\"{k}\" value={quoteattr(o.label)} cost=\"0\" "
            f"description={quoteattr(o.description)}>\n        </item>"
            for k, o in enumerate(issue.options, start=1)
        )
        issues_xml.append(
            f"    <issue etype=\"discrete\" index=\"{n}\" name={quoteattr(issue.name)} type=\"discrete\" "
            f"vtype=\"discrete\">\n{items}\n    </issue>"
        )
    domain = (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<negotiation_template>\n"
        f"<utility_space number_of_issues=\"{len(s.issues)}\">\n"
        f"<objective description=\"\" etype=\"objective\" index=\"0\" name={quoteattr(s.id)} type=\"objective\">\n"
        + "\n".join(issues_xml)
        + "\n</objective>\n</utility_space>\n</negotiation_template>\n"
    )
    files = {names[0]: domain}
    for actor, file_name in zip(s.actors, names[1:], strict=True):
        prefs = s.preferences[actor.id]
        tops = [max(prefs[i.id].values.values()) for i in s.issues]
        raw = [prefs[i.id].weight for i in s.issues]
        if all(t == 1.0 for t in tops):
            weights, scale = raw, 1.0
        else:
            weights = [w * t for w, t in zip(raw, tops, strict=True)]
            total = sum(raw)
            scale = sum(weights) / total if total > 0 else 0.0
            notes.append(
                f"{actor.name}: some issue's best option is worth less than 1, and GENIUS rescales every "
                f"issue to a best of 1; weights and the reservation value were rescaled (utilities / {scale:.4g}) "
                "so that the same packages are efficient"
            )
        if scale <= 0:
            raise GeniusError(s.id, f"{actor.name} values every option at 0; GENIUS cannot express that")
        reservation = min(1.0, actor.reservation / scale)
        issue_xml = []
        for n, (issue, top) in enumerate(zip(s.issues, tops, strict=True), start=1):
            values = prefs[issue.id].values
            items = "\n".join(
                f"<item index=\"{k}\" value={quoteattr(o.label)} "
                f"evaluation=\"{_num(values[o.id] if top > 0 else 1.0)}\">\n</item>"
                for k, o in enumerate(issue.options, start=1)
            )
            issue_xml.append(
                f"<issue index=\"{n}\" etype=\"discrete\" type=\"discrete\" vtype=\"discrete\" "
                f"name={quoteattr(issue.name)}>\n{items}\n</issue>"
            )
        weight_xml = "\n".join(
            f"<weight index=\"{n}\" value=\"{_num(w)}\">\n</weight>" for n, w in enumerate(weights, start=1)
        )
        discount = (
            f"<discount_factor value=\"{_num(actor.patience)}\">\n</discount_factor>\n"
            if 0.0 < actor.patience < 1.0 else ""
        )
        files[file_name] = (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<utility_space>\n"
            f"    <reservation value=\"{_num(reservation)}\" />\n"
            f"<objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name={quoteattr(s.id)}>\n"
            + "\n".join(issue_xml) + "\n" + weight_xml + "\n</objective>\n" + discount + "</utility_space>\n"
        )
    lost = []
    if any(s.red_lines.values()):
        lost.append("red lines")
    if any(a.tactics for a in s.actors):
        lost.append("tactics")
    if s.events:
        lost.append("events")
    if s.source is None:
        lost.append("ratification, briefings and citations")
    if lost:
        notes.append("GENIUS has no " + ", ".join(lost) + "; they are not in the export")
    if any(actor.patience == 0.0 for actor in s.actors):
        notes.append("a patience of 0 has no GENIUS discount factor (0 means none there); it was left out")
    return Export(files, notes)
