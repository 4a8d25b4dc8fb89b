"""Scripts edited on disk are picked up without a restart. A file that no
longer reads keeps the last good script on screen, and the status bar says
which file is broken and where."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kccdesk.content.script_library import SUBJECTS, ScriptLibrary
from kccdesk.content.scripts import ScriptError, load_script

SETTLE_MS = 300  # an editor writes a file in steps; read it once it is quiet


class ScriptWatcher(QObject):
    reloaded = Signal(object, object)  # CallScript, dict of SubjectScript by title
    broken = Signal(str)  # which file, where, and what is wrong

    def __init__(self, folders: list[Path], set_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folders = folders
        self.set_name = set_name
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.reload)
        self._watch()

    def _watch(self) -> None:
        """Watch the folders and every script in them (an editor that saves by
        replacing a file drops the old watch, so this runs after each change)."""
        paths = []
        for folder in self.folders:
            for place in (folder, folder / SUBJECTS):
                if place.is_dir():
                    paths.append(str(place))
                    paths += [str(p) for p in sorted(place.glob("*.toml"))]
        old = set(self._watcher.files()) | set(self._watcher.directories())
        new = [p for p in paths if p not in old]
        if new:
            self._watcher.addPaths(new)

    def _changed(self, _path: str) -> None:
        self._settle.start()

    def reload(self) -> None:
        self._watch()
        library = ScriptLibrary(self.folders)
        path = library.path(self.set_name)
        try:
            script = load_script(path)  # no fallback here: the last good script stays
        except ScriptError as error:
            self.broken.emit(str(error))
            return
        subjects = library.subjects()
        if library.problems:
            self.broken.emit(library.problem_text())
        self.reloaded.emit(script, subjects)
