"""kccdesk: desktop companion for the agents of a municipal contact centre (KCC).

The package's face: its version, and where the files it ships (call scripts,
translations, the style sheet) are: inside the wheel at kccdesk/resources, in
a source tree at the top level.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def __getattr__(name: str) -> str:
    """``__version__``, looked up on first use: reading the package's
    metadata takes longer than the rest of the start before the window."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("kccdesk")
    except PackageNotFoundError:  # running from a source tree that was not installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found


def resource_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("kccdesk's resources folder is missing; reinstall kccdesk")


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
