from kccdesk.cli import main

raise SystemExit(main())
