# Impact CMS: `make run` to try it, `make test` to check it. Both set themselves up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
BROWSER_TOOLS := node_modules/.installed

.PHONY: run test e2e lint format setup browser-tools migrate demo bench clean load editing-day audit lock

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py rebuild_search_index --missing
	$(PY) manage.py ensure_admin
	@# A link to the demo participant's own pages (/my/), made fresh each time.
	-@$(PY) manage.py demo_participant_link
	@echo "Serving Impact CMS on http://127.0.0.1:8000 (Ctrl-C stops it)"
	@# The worker that sends emails runs beside the server and stops with it (without
	@# reloading: templates are read when an email is queued, by the server).
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# Every core (pytest-xdist); each worker has its own test database, media folder and live
# server. `load` gives each worker its tests in pytest-django's order: those that commit
# (the browser tests) empty the database as they end, so they must run last on each
# worker, which `loadfile` breaks. `make test PYTEST_ARGS="-n 0 tests/x.py"` runs serially.
PARALLEL ?= -n auto --dist load

test: setup browser-tools
	$(PY) manage.py makemigrations --check --dry-run
	@$(SAY_WHAT_IS_SKIPPED)
	$(PY) -m pytest $(PARALLEL) --durations=20 $(PYTEST_ARGS)

# The browser, accessibility and HTML tests alone (also part of `make test`).
e2e: setup browser-tools
	@$(SAY_WHAT_IS_SKIPPED)
	$(PY) -m pytest $(PARALLEL) tests/e2e $(PYTEST_ARGS)

# The browser tests need Debian's chromium, the HTML checker needs Java; without
# them those tests are skipped (never under CI, where .ci/run installs them).
SAY_WHAT_IS_SKIPPED = command -v chromium >/dev/null 2>&1 || test -n "$$CHROMIUM" || \
	echo "*** Chromium not found: the browser and accessibility tests will be SKIPPED (apt-get install chromium)"; \
	command -v java >/dev/null 2>&1 || \
	echo "*** Java not found: the HTML validity tests will be SKIPPED (apt-get install default-jre-headless)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

setup: $(INSTALLED)

# Reinstall only when the dependencies change. The versions are those in
# requirements.lock (`make lock` writes it anew from pyproject.toml's ranges).
$(INSTALLED): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $(INSTALLED)

lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	{ echo "# Every package \`make setup\` installs, at the version it installs: \`make lock\` renews it."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable --all | grep -v -E '^(pip|setuptools|wheel)=='; } > requirements.lock
	rm -rf .lock-venv

# Known vulnerabilities in the locked versions (pip-audit, PyPI's advisory data).
# Where that data cannot be reached, it says so and fails only under AUDIT_REQUIRED.
audit: setup
	@if $(PY) -c "import urllib.request as u; u.urlopen('https://pypi.org/pypi/pip/24.0/json', timeout=15)" 2>/dev/null; then \
		$(VENV)/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off -r requirements.lock; \
	else \
		echo "*** pip-audit could not run: PyPI's vulnerability data (pypi.org/pypi/NAME/VERSION/json) is not reachable from this machine"; \
		test -z "$$AUDIT_REQUIRED"; \
	fi

# axe-core and the Nu HTML Checker, from the npm registry; their install scripts
# are not run (vnu-jar's would download a Java runtime: the machine's Java serves).
browser-tools: $(BROWSER_TOOLS)

$(BROWSER_TOOLS): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@ || \
		{ test -z "$$CI" || exit 1; \
		  echo "*** npm ci failed: the accessibility and HTML tests will be SKIPPED"; }; \
	else \
		echo "*** npm not found: the accessibility and HTML tests will be SKIPPED (install Node.js)"; \
	fi

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles test-artifacts

# The benchmark: `make bench`, or `make bench BENCH_ARGS=--quick` for a fast look.
bench: setup
	$(PY) -m bench.run $(BENCH_ARGS)

# Readers and editors at once, then a check that no edit was lost: `make load`,
# or `make load LOAD_ARGS=--quick`. PostgreSQL when DATABASE_URL names one.
load: setup
	$(PY) -m bench.load $(LOAD_ARGS)

# Readers alone, then while contributors save drafts, then while editors save published
# stories: p50/p99 and the share served from the cache in each (`LOAD_ARGS=--quick`).
editing-day: setup
	$(PY) -m bench.editing_day $(LOAD_ARGS)

# Two app servers on loopback sharing one PostgreSQL, one Redis and one bucket (moto's
# S3): what an editor does through one shows at once through the other, and two editors
# saving one story through both lose nothing. PostgreSQL and Redis as `.ci/run` has them;
# `make cluster-bench` adds requests per second, two instances against one.
.PHONY: cluster-test cluster-bench
cluster-test: setup
	$(PY) -m bench.cluster $(CLUSTER_ARGS)

cluster-bench: setup
	$(PY) -m bench.cluster --measure $(CLUSTER_ARGS)
