"""The SIP process's entry point: ``python -m kccdesk.sip.process``.

Where pjsua2 cannot be imported (no wheel for this platform or Python), it
says so in one message and exits with EXIT_NO_PJSUA2, so that the app shows
the reason instead of restarting the process in vain. When the computer's
network address changes while no call is on the line, the process exits with
EXIT_MOVED and the app starts it again at once.
"""

from __future__ import annotations

import sys

from kccdesk.sip.protocol import EXIT_NO_PJSUA2, encode


def main() -> int:
    try:
        from kccdesk.sip import child
    except ImportError as error:
        sys.stdout.buffer.write(encode({"kind": "fatal", "reason": str(error)}))
        sys.stdout.flush()
        return EXIT_NO_PJSUA2
    return child.main()


if __name__ == "__main__":
    sys.exit(main())
