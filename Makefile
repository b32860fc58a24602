# rawi: the two commands the README starts with are `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench score score-dev clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Byte-compile the package (only what changed): where PYTHONDONTWRITEBYTECODE is set, as on
# this project's machines, every command would otherwise compile rawi's sources again at start.
setup: $(STAMP)
	@$(BIN)/python -m compileall -q rawi > /dev/null

# Set up, then run rawi on the bundled sample corpus (SQLite, no server to start).
demo: setup
	mkdir -p out
	$(BIN)/rawi ingest samples --db out/demo.db --no-progress
	$(BIN)/rawi timeline --db out/demo.db

# The whole test suite (CI runs exactly this through .ci/run).
test: setup
	bash .ci/ensure-postgres.sh >/dev/null || echo 'warning: PostgreSQL not reachable; its tests will skip and say so' >&2
	$(BIN)/ruff check rawi tests scripts benchmarks
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: setup
	$(BIN)/ruff check rawi tests scripts benchmarks

# Benchmarks print figures; nothing in them is a pass/fail test.
bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# The shared scorer on the gold annotations in ../shared.
score: setup
	$(PY) ../shared/eval/score.py ../shared/gold --cmd '$(BIN)/rawi extract {input} {published} --format json'

# The same scorer on the project's own development gold (samples/gold: the five Wikinews samples).
score-dev: setup
	$(PY) ../shared/eval/score.py samples/gold --cmd '$(BIN)/rawi extract {input} {published} --format json'

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
