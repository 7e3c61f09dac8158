# Two entry points, both working on a fresh machine with Python 3.11, pip, make and git:
#   make demo   - virtual environment + package, then validate and score the bundled examples
#   make test   - virtual environment + dev extras, then pytest under coverage (failing below
#                 95 % branch coverage of src/, 98 % of src/dancoso/scoring/), mypy, ruff and
#                 the docs build; `make pytest` runs the tests alone, without coverage
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test venv dev lint typecheck docs pytest coverage bench fuzz mutation clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.core: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.core

venv: $(VENV)/.core
dev: $(VENV)/.dev

demo: venv
	$(BIN)/python -m dancoso summary examples/
	$(BIN)/python -m dancoso score examples/

pytest: dev
	$(BIN)/python -m pytest

# The whole suite under coverage, with the `python -m dancoso` subprocesses measured too
# (pyproject.toml, [tool.coverage.run]); both thresholds are checked before failing.
coverage: dev
	rm -rf build/coverage  # the data of earlier runs ([tool.coverage.run] data_file)
	$(BIN)/python -m coverage run -m pytest
	$(BIN)/python -m coverage combine --quiet
	status=0; \
	$(BIN)/python -m coverage report --fail-under=95 || status=$$?; \
	echo "src/dancoso/scoring/ (at least 98 %):"; \
	$(BIN)/python -m coverage report --include='src/dancoso/scoring/*' --fail-under=98 \
	  --format=total || status=$$?; \
	exit $$status

typecheck: dev
	$(BIN)/python -m mypy

lint: dev
	$(BIN)/python -m ruff check src tests benchmarks fuzz
	$(BIN)/python -m ruff format --check src tests benchmarks fuzz

docs: dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict --site-dir build/site

test: coverage typecheck lint docs

bench: venv
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_score.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_improve.py

# Every loader on 200,000 random inputs (a few minutes per core), then atheris where it
# installs; see fuzz/run.py. Not part of `make test`, which runs a small smoke run.
fuzz: dev
	$(BIN)/python -m pip install --quiet -e ".[fuzz]" || echo "atheris did not install: fuzzing goes on without it"
	$(BIN)/python fuzz/run.py --count 200000

# Mutation testing of the scoring core with mutmut: the files mutated and the tests run
# against each mutant are set in [tool.mutmut] of pyproject.toml, the survivors explained
# in tests/mutants/SURVIVORS.md. Prints the counts and the kill rate and fails below
# MUTATION_MIN percent. Not part of `make test`: about 2,000 mutants, most of an hour on two
# shared cores.
# Every run starts afresh (mutmut would keep the verdicts of unchanged code even when the
# tests changed).
MUTATION_MIN ?= 90
MUTATION_JOBS ?= 2
mutation: dev
	$(BIN)/python -m pip install --quiet -e ".[mutation]"
	rm -rf mutants
	PYTHONPATH=$(CURDIR)/tests/mutants $(BIN)/mutmut run --max-children $(MUTATION_JOBS)
	$(BIN)/python tests/mutants/kill_rate.py --min $(MUTATION_MIN)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants
