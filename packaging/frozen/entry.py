"""The frozen app's entry point (packaging/frozen/kccdesk.spec).

The same executable is kccdesk and its SIP process: the app starts the SIP
process as ``<interpreter> -m kccdesk.sip.process``, and in a frozen app
the interpreter is this executable, so those two arguments are read here as
Python would read them.
"""

import sys

if sys.argv[1:3] == ["-m", "kccdesk.sip.process"]:
    del sys.argv[1:3]
    from kccdesk.sip.process import main
else:
    from kccdesk.cli import main

sys.exit(main())
