"""The frozen app's entry point (packaging/frozen/kccdesk.spec).

The same executable is kccdesk and its SIP process: the app starts the SIP
process as ``<interpreter> -m kccdesk.sip.process``, and in a frozen app
the interpreter is this executable, so those two arguments are read here as
Python would read them.

On Windows the app is a window program, which has no console of its own:
started from a console (``kccdesk --version``, ``kccdesk provision …``), it
writes to that console.
"""

import sys

if sys.platform == "win32" and sys.stdout is None:
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # the console it was started from, if any
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", buffering=1)  # noqa: PTH123, SIM115 - for the whole run
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", buffering=1)  # noqa: PTH123, SIM115

if sys.argv[1:3] == ["-m", "kccdesk.sip.process"]:
    del sys.argv[1:3]
    from kccdesk.sip.process import main
else:
    from kccdesk.cli import main

sys.exit(main())
