# The two commands of the README. Both set up everything from the project's own
# files: a virtual environment, the Python packages, Neo4j from Maven Central, and
# (for the tests) Debian's Chromium.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install neo4j browser clean lint

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

install: $(STAMP)

neo4j: install
	$(BIN)/kg neo4j install

# Main job: Neo4j up, schema, sample notices ingested, API + explorer on :8000.
run: neo4j
	$(BIN)/kg up

# Chromium from Debian for the browser tests (no browser download), and a CJK
# font so pages and screenshots show Chinese rather than empty boxes.
BROWSER_PKGS := chromium fonts-wqy-zenhei
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wenquanyi; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(BROWSER_PKGS) >/dev/null; \
	fi

test: neo4j browser
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check kg ingest api tests

clean:
	-$(BIN)/kg neo4j stop
	rm -rf $(VENV) .neo4j .neo4j-test
