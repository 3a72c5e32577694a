"""No core dumps while a vault may be open: the CLI's entry and the desktop app's start both
turn them off before anything else happens, seen from inside a real child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    from safeconf.app.process_guard import is_dumpable

    before = {"core": resource.getrlimit(resource.RLIMIT_CORE), "dumpable": is_dumpable()}
    if sys.argv[1] == "cli":
        from safeconf.cli import main
        code = main(["--data-dir", sys.argv[2], "check"])
    else:
        from safeconf.ui.main import run_app
        from safeconf.vault.device_secret import SystemKeyring
        code = run_app(Path(sys.argv[2]), SystemKeyring())
    print(json.dumps({"before": before, "code": code,
                      "core": resource.getrlimit(resource.RLIMIT_CORE),
                      "dumpable": is_dumpable()}))
    """
)


def guarded_child(entry: str, data_dir) -> dict:
    # No display and no passphrase: both entries stop early, after the guard has run.
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
           and not k.startswith("SAFECONF_")}
    done = subprocess.run([sys.executable, "-c", CHILD, entry, str(data_dir)], env=env,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl and RLIMIT_CORE")
@pytest.mark.parametrize("entry", ["cli", "gui"])
def test_the_cli_and_the_desktop_app_turn_core_dumps_off_first(entry, tmp_path):
    result = guarded_child(entry, tmp_path / "no-vault-here")
    assert result["before"]["dumpable"] is True  # the guard, not the test set-up, did it
    assert result["code"] == 1  # no vault / no display: stopped where expected
    assert result["core"] == [0, 0]
    assert result["dumpable"] is False

