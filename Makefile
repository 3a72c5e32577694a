# safeconf — `make run` starts the desktop app, `make test` runs the whole suite.
# Both create .venv and install what is missing first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench clean system-deps-run system-deps-test translations \
	translations-update screenshots bench-gui bench-checkin bench-disclosure bench-console bench-revisions \
	package package-test package-install-test system-deps-package

run: $(STAMP) system-deps-run translations
	$(PY) -m safeconf

# Both cores (at most four): most tests wait on processes, disks and sockets, not the CPU.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

test: $(STAMP) system-deps-test lint translations
	$(PY) -m pytest -n $(TEST_WORKERS)

lint: $(STAMP)
	$(PY) -m ruff check src tests bench packaging
	$(PY) -m mypy src/safeconf/domain src/safeconf/vault src/safeconf/sync src/safeconf/hq

bench: $(STAMP)
	$(PY) bench/vault.py

# Interface translations: the .ts (Qt Linguist) is the source, the .qm a build product.
TS := resources/i18n/safeconf_es.ts
QM := $(TS:.ts=.qm)

translations: $(QM)

$(QM): $(TS) | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

# After changing interface texts: refresh the .ts, translate in Qt Linguist, commit the .ts.
translations-update: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $(shell find src/safeconf/ui -name "*.py" | sort) -ts $(TS) -target-language es -no-obsolete

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py
	$(PY) tools/console_screenshots.py docs/screenshots

bench-gui: $(STAMP) translations
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(PY) bench/gui.py

# Interactions to check in and acknowledge a room of six, counted on the real widgets.
bench-checkin: $(STAMP) translations
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(PY) bench/checkin.py

# Disclosure-policy decisions per second (goal >= 10,000/s), with a baseline.
bench-disclosure: $(STAMP)
	$(PY) bench/disclosure.py

bench-console: $(STAMP)
	$(PY) bench/console.py

# What each note save costs on disk and on the wire, against a full copy per save (issue #12).
bench-revisions: $(STAMP)
	$(PY) bench/revisions.py

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

system-deps-run:
	@tools/system-deps.sh run

system-deps-test:
	@tools/system-deps.sh test
	@$(PYTHON) tools/fetch-axe.py >/dev/null  # axe-core for the console's accessibility checks

# Installers for IT (packaging/README.md): PyInstaller bundles of the app and of HQ, then one
# .deb each, into dist/. package-test checks them (desktop-file-validate, appstreamcli,
# systemd-analyze, lintian) and builds the bundles a second time to compare every file; CI
# runs it. package-install-test installs the .debs into a brand-new Debian 12 root, over the
# app's package of an earlier commit (UPGRADE_FROM: the last one with vault schema 8), and
# uses them; it needs the fresh-root tool (FRESH).
DIST ?= dist
BUNDLES := build/package/bundles
PACKAGE_STAMP := $(VENV)/.package-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
FRESH ?= ../shared/tools/fresh/run.sh
UPGRADE_FROM ?= c6652e1

package: $(PACKAGE_STAMP) system-deps-package translations
	$(PY) packaging/build_bundles.py --out $(BUNDLES)
	$(PY) packaging/deb/build_debs.py --bundles $(BUNDLES) --out $(DIST)

# The second build and the checks (mostly lintian) each keep one core busy: run side by side.
package-test: package
	@$(PY) packaging/compare_builds.py --first $(BUNDLES) > build/package/compare.log 2>&1 & \
	rebuilt=$$!; $(PY) packaging/check_packages.py --debs $(DIST); checked=$$?; \
	wait $$rebuilt; compared=$$?; cat build/package/compare.log; \
	[ $$checked -eq 0 ] && [ $$compared -eq 0 ]

package-install-test: package
	$(PY) packaging/build_previous.py --rev $(UPGRADE_FROM) --bundles $(BUNDLES) --out $(DIST)/previous
	FRESH=$(FRESH) packaging/install-test/run.sh $(DIST) $(DIST)/previous/*.deb

$(PACKAGE_STAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[test,package]'
	touch $@

system-deps-package:
	@tools/system-deps.sh package

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
