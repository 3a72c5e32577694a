"""HQ's web console: server-rendered pages for administrators, legal staff, supervisors and the
legal director, on the same services as the `safeconf-hq` command line."""
