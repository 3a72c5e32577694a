#!/usr/bin/env bash
# /app/bin/safeconf inside the Flatpak. PySide6's wheel brings its own Qt; plugin paths set by
# the KDE runtime or the host would make it load plugins built against the runtime's Qt, two
# Qt libraries in one process. Only the wheel's own plugins are wanted.
set -euo pipefail
unset QT_PLUGIN_PATH QML_IMPORT_PATH QML2_IMPORT_PATH
exec python3 -m safeconf "$@"
