"""Load a scenario file safely and report every problem with its file position.

``load(path)`` never raises for bad input: it returns the scenario (when valid) and a list
of :class:`Diagnostic`. Anything unexpected inside is caught and reported as a diagnostic
too, because an author must never see a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .checks import SeedLibrary, check_scenario
from .diagnostics import Diagnostic, PathKey, ScenarioError, Severity, field_path
from .errors import translate
from .models import Scenario
from .yamlsafe import Document, Position, YamlProblem, decode, parse, read_text

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_SCENARIOS = PROJECT_ROOT / "scenarios"
BUNDLED_SEEDS = PROJECT_ROOT / "seeds"


@dataclass
class Loaded:
    """The outcome of loading one file."""

    name: str
    scenario: Scenario | None = None
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def add(self, severity: Severity, path: PathKey, message: str, position: Position | None = None) -> None:
        if position is None:
            position = self.document.position(path) if self.document else Position(1, 1)
        self.diagnostics.append(
            Diagnostic(self.name, position.line, position.col, severity, field_path(path), message)
        )


def seed_folders(path: Path | None) -> list[Path]:
    """Where citations of a scenario at ``path`` are looked up: next to it, then the bundled seeds."""
    folders: list[Path] = []
    if path is not None:
        here = path.resolve().parent
        folders += [here / "seeds", here.parent / "seeds"]
    folders.append(BUNDLED_SEEDS)
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def load(path: str | Path, seeds: Sequence[Path] | None = None) -> Loaded:
    """Load and fully validate the scenario file at ``path``."""
    path = Path(path)
    result = Loaded(str(path))
    try:
        text = read_text(path)
    except YamlProblem as problem:
        result.add("error", (), problem.message, problem.position)
        return result
    return _load_text(text, result, seeds if seeds is not None else seed_folders(path))


def load_text(text: str | bytes, name: str = "<scenario>", seeds: Sequence[Path] | None = None) -> Loaded:
    """Validate scenario text that is not (or not yet) a file, e.g. in tests or editors."""
    result = Loaded(name)
    try:
        # Text goes through the same byte checks as a file, so the size limit holds for it too.
        if isinstance(text, str):
            try:
                text = text.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise YamlProblem(
                    f"text is not valid Unicode (a lone surrogate U+{ord(exc.object[exc.start]):04X})"
                ) from None
        text = decode(text)
    except YamlProblem as problem:
        result.add("error", (), problem.message, problem.position)
        return result
    return _load_text(text, result, seeds if seeds is not None else seed_folders(None))


def _load_text(text: str, result: Loaded, seeds: Sequence[Path]) -> Loaded:
    # The parser sits inside the catch-all too: libyaml can fail in ways PyYAML does not wrap
    # in YAMLError (e.g. a lone surrogate in a ``str`` cannot be encoded for it).
    try:
        try:
            document = parse(text)
        except YamlProblem as problem:
            result.add("error", (), problem.message, problem.position)
            return result
        result.document = document
        if not isinstance(document.data, dict):
            result.add("error", (), "a scenario is a YAML mapping of fields (`id:`, `title:`, ...) at the top level")
            return result
        try:
            scenario = Scenario.model_validate(document.data)
        except ValidationError as exc:
            for path, message in translate(exc, Scenario):
                result.add("error", path, message)
            result.diagnostics.sort(key=lambda d: (d.line, d.col))
            return result
        for severity, path, message in check_scenario(scenario, SeedLibrary(list(seeds))):
            result.add(severity, path, message)
        result.diagnostics.sort(key=lambda d: (d.line, d.col, d.severity))
        if not result.errors:
            result.scenario = scenario
    except RecursionError:
        result.add("error", (), "the document is nested too deeply to check")
    except Exception as exc:  # an author must never see a traceback
        result.add("error", (),
                   f"internal error while checking this file ({type(exc).__name__}: {exc}); please report it")
    return result


def load_or_raise(path: str | Path) -> Scenario:
    """Load a scenario that must be valid (bundled files, tests); raise ScenarioError otherwise."""
    loaded = load(path)
    if not loaded.ok or loaded.scenario is None:
        raise ScenarioError(loaded.errors or loaded.diagnostics)
    return loaded.scenario


def bundled_paths() -> list[Path]:
    """The bundled scenario files, in file-name order."""
    if not BUNDLED_SCENARIOS.is_dir():
        return []
    return sorted(BUNDLED_SCENARIOS.glob("*.yaml"))
