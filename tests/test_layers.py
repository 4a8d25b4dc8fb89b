"""The layers beyond what `lint-imports` checks (the contracts in
pyproject.toml, run by the README's test command): the core imports only the
standard library, phonenumbers and itself, and the package's root holds only
its entry points; everything else lives in the package of its concern."""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

import kccdesk

CORE_MAY_IMPORT = set(sys.stdlib_module_names) | {"phonenumbers"}
ROOT_MODULES = {"__init__.py", "__main__.py", "cli.py"}


def test_the_core_imports_only_the_standard_library_phonenumbers_and_itself() -> None:
    graph = grimp.build_graph("kccdesk", include_external_packages=True)
    core = {"kccdesk.core", *graph.find_descendants("kccdesk.core")}
    outside = {
        (module, imported)
        for module in core
        for imported in graph.find_modules_directly_imported_by(module)
        if not imported.startswith("kccdesk.core") and imported.split(".")[0] not in CORE_MAY_IMPORT
    }
    assert outside == set()


def test_the_package_root_holds_only_its_entry_points() -> None:
    root = Path(kccdesk.__file__).parent
    assert {path.name for path in root.glob("*.py")} == ROOT_MODULES
