"""kccdesk: desktop companion for the agents of a municipal contact centre (KCC)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kccdesk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"
