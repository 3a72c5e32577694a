"""The frozen `safeconf-hq` program: the same entry point as the installed script."""

from safeconf.hq.cli import main

raise SystemExit(main())
