from safeconf.cli import main

raise SystemExit(main())
