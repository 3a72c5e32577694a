"""Records and rules of safeconf: pure Python, no I/O, no Qt, no SQL."""
