# `make run` and `make test` do all the set-up: a .venv from the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_VAULT := .demo/demo.rjvault
DEMO_RU_VAULT := .demo-ru/demo.rjvault
DEMO_PASSPHRASE := demo vault

.PHONY: run demo demo-ru test quick lint check bench kill-matrix clean-venv dist dist-check wheel-check deb deb-check system-run system-test

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	@echo "Setting up $(VENV) from the pinned requirements (first run only)..."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# pip's and setuptools' chatter goes to a log, shown only when something fails. The lock has
	@# hashes (every package, the app's too), so the project itself goes in by a second command.
	@$(PY) -m pip install --disable-pip-version-check -r requirements-dev.txt > $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; exit 1; }
	@$(PY) -m pip install --disable-pip-version-check --no-deps -e . >> $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

# The translations gettext reads: each catalogue (.po) compiled to its .mo by Babel whenever the
# .po is newer (tools/messages.py --compile; setup.py's compile_catalogues). The .mo is
# git-ignored; the wheel's is compiled by setup.py, the bundle's by build.spec.
CATALOGUES := $(wildcard recovery_journal/resources/i18n/*.po)
COMPILED := $(CATALOGUES:.po=.mo)

$(COMPILED): %.mo: %.po | $(STAMP)
	@$(PY) tools/messages.py --compile

# The system libraries Qt needs (and, for the tests, Xvfb, a window manager, AT-SPI...): installed
# when missing, asking for the administrator password only then (tools/system-packages.sh).
system-run:
	@bash tools/system-packages.sh run

system-test:
	@bash tools/system-packages.sh test

run: system-run $(STAMP) $(COMPILED)
	@$(PY) -m recovery_journal

# The demo is made once, in the app window's language, with fourteen months of history up to now
# (delete the folder for a fresh one); demo-ru keeps a Russian one beside it.
demo: system-run $(STAMP) $(COMPILED)
	@test -e $(DEMO_VAULT) || RECOVERY_JOURNAL_PASSPHRASE='$(DEMO_PASSPHRASE)' $(PY) -m recovery_journal demo --vault $(DEMO_VAULT)
	@echo "Demo vault: $(DEMO_VAULT)  passphrase: $(DEMO_PASSPHRASE)"
	@$(PY) -m recovery_journal --vault $(DEMO_VAULT)

demo-ru: system-run $(STAMP) $(COMPILED)
	@test -e $(DEMO_RU_VAULT) || RECOVERY_JOURNAL_PASSPHRASE='$(DEMO_PASSPHRASE)' $(PY) -m recovery_journal demo --language ru --vault $(DEMO_RU_VAULT)
	@echo "Demo vault: $(DEMO_RU_VAULT)  passphrase: $(DEMO_PASSPHRASE)"
	@LANGUAGE=ru LC_ALL=ru_RU.UTF-8 $(PY) -m recovery_journal --vault $(DEMO_RU_VAULT)

test: system-test $(STAMP) $(COMPILED)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The quick loop while working: everything but the slow files and the journeys (tests/conftest.py).
quick: $(STAMP) $(COMPILED)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow and not journey"

lint: $(STAMP)
	$(VENV)/bin/ruff check recovery_journal tests tools setup.py
	$(VENV)/bin/ruff format --check recovery_journal tests tools setup.py
	$(VENV)/bin/mypy

check: lint test

bench: $(STAMP) $(COMPILED)
	QT_QPA_PLATFORM=offscreen $(PY) tools/bench.py $(BENCH_ARGS)

# Every storage operation killed at random moments and at each of its own renames, links, fsyncs,
# writes... with the promises checked after each kill (tools/kill_matrix.py; strace needed for
# the exact kills): about 5 minutes here, 634 runs. KILL_MATRIX_ARGS=--quick: about a minute.
kill-matrix: $(STAMP) $(COMPILED)
	QT_QPA_PLATFORM=offscreen PYTHONPATH=$(CURDIR) $(PY) tools/kill_matrix.py $(KILL_MATRIX_ARGS)

# The one-folder app in dist/recovery-journal/ (build.spec; docs/BUILDING.md), then a run of it
# outside the source tree and the venv.
dist: $(STAMP) $(COMPILED)
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

dist-check:
	bash tools/check_dist.sh

# The Python distribution as pip or pipx would have it: the sdist, the wheel built from it, installed
# with the locked requirements into a fresh venv outside the tree, and the command line and the
# window run from there with a fresh HOME (tools/check_wheel.sh; about a minute).
wheel-check: $(STAMP)
	bash tools/check_wheel.sh

# A .deb of that built app, in dist/ (packaging/linux/build-deb.sh: the folder in
# /usr/lib/recovery-journal, the menu entry, icons and metainfo named by the app ID, Depends
# from dpkg-shlibdeps; docs/BUILDING.md).
deb:
	bash packaging/linux/build-deb.sh

# lintian (no errors), then the .deb installed with apt on a minimal Debian of this release that
# has never seen the project (a chroot made once with debootstrap, kept in ~/.cache), started,
# and purged with nothing left behind (packaging/linux/check-deb.sh; needs root).
deb-check:
	bash packaging/linux/check-deb.sh

clean-venv:
	rm -rf $(VENV)
