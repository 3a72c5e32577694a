"""The administrator's pages: devices, enrollment codes, workers and cases."""

MODULES = ["devices", "enrollment", "workers", "cases", "recovery"]
