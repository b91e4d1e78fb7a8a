# One-command set-up: `make run` and `make test` build the virtual environment on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install index run test test-fast lint bench clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "OnRecord needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/onrecord index

run: index
	$(BIN)/onrecord run

lint: install
	$(BIN)/ruff check .

test: install lint
	$(BIN)/pytest -q

# the inner loop: everything but the end-to-end tests marked slow
test-fast: install lint
	$(BIN)/pytest -q -m "not slow"

bench: install
	$(BIN)/python benchmarks/search_bench.py

clean:
	rm -rf $(VENV) var .pytest_cache
