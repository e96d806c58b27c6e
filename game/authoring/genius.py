"""GENIUS/ANAC negotiation domains in and out of the scenario format.

The public face of three modules, split by purpose:

- :mod:`.genius_read` reads the XML: a domain's issues and values, a profile's weights,
  evaluations, reservation value and discount factor, with located errors;
- :mod:`.genius_import` turns a domain and two profiles into a scenario that scores every
  outcome as GENIUS does (``parley import-genius``). What the format cannot cite it
  declares: ``source`` names the files, the main demands cite them with ``said_by: game``,
  and the briefings say the scenario is an imported model, not a news story;
- :mod:`.genius_export` writes the reverse (``parley export-genius``): a domain and one
  profile per actor. GENIUS has no red lines, ratification, tactics or events; those are
  left out and reported as notes.
"""

from __future__ import annotations

from .genius_export import Export, export_genius
from .genius_import import ROUNDS, actor_names, domain_name, import_genius, scenario_data, scenario_yaml
from .genius_read import Domain, DomainIssue, GeniusError, Profile, read_domain, read_profile

__all__ = [
    "ROUNDS",
    "Domain",
    "DomainIssue",
    "Export",
    "GeniusError",
    "Profile",
    "actor_names",
    "domain_name",
    "export_genius",
    "import_genius",
    "read_domain",
    "read_profile",
    "scenario_data",
    "scenario_yaml",
]
