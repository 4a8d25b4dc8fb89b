"""Sub-commands of the ``kccdesk`` command line, one module each.

Each module has ``register(subparsers)`` that adds its parser and sets
``handler`` (a function taking the parsed arguments and returning an exit
code) as the parser's default.
"""
