# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := src/sitroom/sample
DB ?= sample.db

.PHONY: install run test eval bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## run: set up, ingest the bundled sample corpus into $(DB) and show what it holds
run: $(STAMP)
	$(BIN)/sitroom ingest $(SAMPLE) --db $(DB)
	$(BIN)/sitroom documents --db $(DB)
	$(BIN)/sitroom events --db $(DB) --limit 25
	$(BIN)/sitroom quotes --db $(DB) --limit 10
	$(BIN)/sitroom actors --db $(DB) --limit 15
	$(BIN)/sitroom stories --db $(DB) --limit 10
	@echo "Open the situation room: .venv/bin/sitroom serve --db $(DB)  (then http://127.0.0.1:8000/)"

## test: set up (Python packages, and system packages the tests need when root) and run the tests
test: $(STAMP)
	@scripts/system_packages.sh
	$(BIN)/python -m pytest -q

## eval: score on ../shared/data and fail below the pinned floors
eval: $(STAMP)
	$(BIN)/sitroom eval --check eval-floors.json

## bench: throughput against the bare spaCy pipeline
bench: $(STAMP)
	$(BIN)/sitroom bench --docs 200

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
