"""Legal requests: the per-case dialog, the form to log one, and the deadlines."""
