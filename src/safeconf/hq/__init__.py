"""HQ: the certificate authority, the device registry and the sync server (`safeconf-hq`)."""
