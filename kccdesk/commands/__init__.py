"""Sub-commands of the ``kccdesk`` command line, one module each.

Each module has ``register(subparsers)`` that adds its parser and sets
``handler`` (a function taking the parsed arguments and returning an exit
code) as the parser's default. The command line imports a module only when
its command is run or its own help is asked for; ``COMMANDS`` names every
command and says in one line what it does, for ``kccdesk --help``.
"""

from kccdesk.i18n import N_

COMMANDS = {
    "dashboard": N_("show the supervisor's dashboard: the team's figures and charts"),
    "knowledge": N_("import and search the municipality's answers, products and colleagues"),
    "line": N_("test the SIP line, or watch what happens on it"),
    "news": N_("publish, list or withdraw news and work instructions for the agents"),
    "outbox": N_("show, retry or export registrations that are not delivered yet"),
    "provision": N_("set up this workstation from a profile (a TOML file)"),
    "records": N_("import caller records, look a number up, make demo records"),
    "script": N_("check call scripts"),
    "secret": N_("keep the SIP password and the API token in the system's password store"),
    "stats": N_("show the team's figures against the KCC norms for a period"),
}
