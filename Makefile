PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean browser path messages

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)
	@$(MAKE) --no-print-directory path

# Where the command is, and how to put it on the PATH.
path:
	@echo "selon is installed as $(CURDIR)/$(BIN)/selon; to type 'selon', run: source $(BIN)/activate"

run: $(STAMP)
	$(BIN)/selon analyze src/selon/demo/*.txt src/selon/demo/*.html
	@$(MAKE) --no-print-directory path

# The web interface's browser tests drive Debian's Chromium (never a downloaded browser)
# and run axe-core, the npm package pinned in tools/axe/package.json, in every page.
AXE := tools/axe/node_modules/axe-core/axe.min.js

browser: $(AXE)
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	    >/dev/null 2>&1 || echo "chromium could not be installed: browser tests will be skipped"; }

$(AXE): tools/axe/package.json
	@if command -v npm >/dev/null 2>&1 && (cd tools/axe && npm install --no-audit --no-fund \
	    --no-package-lock --silent) && test -f $(AXE); then touch $(AXE); \
	  else echo "axe-core could not be installed with npm: accessibility checks will be skipped"; fi

test: $(STAMP) browser
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The interface's catalogues: extract every message of the templates and web modules, then
# add the new ones to the English and French .po files (translate them there). The server
# reads the .po files directly: there is nothing to compile.
LOCALE := src/selon/web/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F $(LOCALE)/babel.cfg -k N_ -k gettext -k ngettext:1,2 \
	  --no-location --sort-output --omit-header -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) --no-fuzzy-matching -w 100

bench: $(STAMP)
	$(BIN)/python bench/analyze.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
