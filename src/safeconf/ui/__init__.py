"""The desktop interface (PySide6): thin widgets over the services in `safeconf.app`."""
