"""Where call scripts come from: the ones shipped with kccdesk, and a folder
of the municipality's own in the settings folder (``scripts/``), where a file
with the same name replaces the shipped one. Subject scripts live in a
``onderwerpen/`` folder in either place. A broken file of the municipality's
is reported and left out; the shipped scripts keep working. Scripts are read
with their titles, guidance and checklists in the screen's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kccdesk.content.scripts import ScriptError, load_script, load_subject_script
from kccdesk.core.script import CallScript, SubjectScript
from kccdesk.i18n import _

SUBJECTS = "onderwerpen"


@dataclass
class ScriptLibrary:
    folders: list[Path]  # shipped first, the municipality's last: later ones win
    problems: list[ScriptError] = field(default_factory=list)
    language: str | None = None  # of the screen; None: the one in use

    def path(self, name: str) -> Path:
        """The file of script set ``name``: the municipality's own, else the shipped one."""
        for folder in reversed(self.folders):
            candidate = folder / f"{name}.toml"
            if candidate.is_file():
                return candidate
        return self.folders[0] / f"{name}.toml"

    def main_script(self, name: str) -> CallScript:
        """Script set ``name``; a broken own file falls back to the shipped one
        (the problem is kept in ``problems``). Raises ScriptError when no
        usable file is left."""
        own = self.path(name)
        try:
            return load_script(own, self.language)
        except ScriptError as error:
            shipped = self.folders[0] / f"{name}.toml"
            if own == shipped or not shipped.is_file():
                raise
            self.problems.append(error)
            return load_script(shipped, self.language)

    def subjects(self) -> dict[str, SubjectScript]:
        """Every usable subject script, by its title on screen; the municipality's win."""
        found: dict[str, SubjectScript] = {}
        by_file: dict[str, Path] = {}
        for folder in self.folders:
            for path in sorted((folder / SUBJECTS).glob("*.toml")):
                by_file[path.name] = path
        for path in by_file.values():
            try:
                subject = load_subject_script(path, self.language)
            except ScriptError as error:
                self.problems.append(error)
                continue
            found[subject.title] = subject
        return dict(sorted(found.items(), key=lambda item: item[0].casefold()))

    def problem_text(self) -> str:
        return "\n".join(
            _("{path} is left out: {problem}").format(path=p.path, problem=p.problem) for p in self.problems
        )
