# The two commands: `make run` sets everything up and serves http://localhost:8000; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := bff

TEST_POSTGRES_URL ?= postgresql://127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_ARGS ?=

.PHONY: run setup build db test lint test-sqlite test-postgres test-pwa test-e2e check-logs audit bench bench-load clean

run: setup ## set up, then start web (:8000), worker and the core sandbox (:8001)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile.dev

setup: $(VENV)/.installed pwa/node_modules/.installed build db

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

pwa/node_modules/.installed: pwa/package.json pwa/package-lock.json
	npm --prefix pwa ci --no-audit --no-fund
	touch $@

build: pwa/node_modules/.installed
	npm --prefix pwa run build

db: $(VENV)/.installed
	$(BIN)/flask db upgrade

# Every process of the test run appends its logs here; the last step checks them for personal data.
TEST_LOG := $(CURDIR)/test-results/logs.jsonl
test: export LOG_FILE := $(TEST_LOG)

test: setup ## lint, pytest on SQLite then PostgreSQL+Redis, PWA unit tests, browser tests, log check
	bash scripts/ensure-chromium.sh
	mkdir -p test-results && rm -f $(TEST_LOG)
	$(MAKE) lint audit test-sqlite test-postgres test-pwa test-e2e check-logs

audit: ## known vulnerabilities in the pinned dependencies (pip-audit, npm audit)
	$(BIN)/python scripts/audit_dependencies.py

check-logs:
	$(BIN)/python scripts/check_logs.py $(TEST_LOG)

lint: ## ruff, and the import-linter contracts of the rooms (setup.cfg, docs/architecture.md)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test-sqlite:
	$(BIN)/pytest -m "not e2e" $(PYTEST_ARGS)

test-postgres:
	@if $(BIN)/python scripts/reachable.py $(TEST_POSTGRES_URL) && $(BIN)/python scripts/reachable.py $(TEST_REDIS_URL); then \
	  TEST_DATABASE_URL=$(TEST_POSTGRES_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -m "not e2e" $(PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then \
	  echo "PostgreSQL ($(TEST_POSTGRES_URL)) or Redis ($(TEST_REDIS_URL)) is not reachable, and CI needs both" >&2; exit 1; \
	else \
	  echo "SKIPPED: the PostgreSQL + Redis pass (no server at $(TEST_POSTGRES_URL) / $(TEST_REDIS_URL))" >&2; \
	fi

test-pwa:
	npm --prefix pwa test

test-e2e:
	$(BIN)/pytest -m e2e tests/e2e $(PYTEST_ARGS)

bench: setup ## print the figures measured against the budgets in the design (a few minutes)
	$(BIN)/python bench/pwa_size.py --no-build
	$(BIN)/python bench/nearest.py
	$(BIN)/python bench/offices_http.py
	$(BIN)/python bench/push_throughput.py
	$(BIN)/python bench/push_latency.py
	$(BIN)/python bench/brief_memory.py
	$(BIN)/python bench/brief_throughput.py

# Load with faults (bench/load/run.py, about 4 minutes): 200 simulated citizens against gunicorn, the worker,
# PostgreSQL and Redis while a web worker is killed, PostgreSQL restarted, Redis stopped and the core taken
# down; then checks that no brief or push was lost or doubled. PostgreSQL and Redis are private servers the run
# starts on free ports and removes afterwards, so its faults disturb nothing else on the machine. Not part of
# `make test` (it takes minutes and prints figures rather than passing or failing a unit).
bench-load: $(VENV)/.installed
	$(BIN)/python bench/load/run.py

clean:
	rm -rf $(VENV) pwa/node_modules pwa/dist
