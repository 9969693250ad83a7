# Two commands on a fresh machine: `make build` (the sample column into site/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# ProperDocs, the maintained drop-in fork of MkDocs 1.6: a second host, tested.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS := properdocs==1.6.7
# Debian packages the browser tests need: a real Chromium and CJK fonts to render Chinese;
# pango for WeasyPrint (政策包 PDFs), poppler-utils (pdftotext) and libzbar0 (QR decoding) to check them;
# LibreOffice's Writer (headless) for `policy-column import` of old binary .doc files: of antiword,
# catdoc and LibreOffice, only LibreOffice keeps Word's automatic 一、（一）1. numbering.
SYSTEM_PACKAGES := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 poppler-utils libzbar0 \
	libreoffice-writer-nogui
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
BUILD_FLAGS := $(if $(AS_OF),--as-of $(AS_OF)) $(if $(SITE_URL),--site-url $(SITE_URL))
# The tests on every core (up to four), a test file per worker: its session fixtures (the built
# sample, the portal build with its PDFs) are made once per worker that needs them. Much of the
# suite waits on Chromium, MkDocs and Pagefind, so two workers help even on two cores.
# PYTEST_ARGS="-n 0 tests/test_split.py" runs one file in this process.
PYTEST_ARGS ?= -n auto --maxprocesses 4 --dist loadfile

.PHONY: build packages serve preview bench check test lint system-deps clean

build: $(VENV)/.installed
	$(BIN)/policy-column build --strict $(BUILD_FLAGS)

# The column plus every 政策包 as an A4 PDF (WeasyPrint, CJK fonts embedded).
packages: $(VENV)/.installed system-deps
	$(BIN)/policy-column build --strict --packages-pdf $(BUILD_FLAGS)

serve: $(VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

# One document's pages with the real theme, in seconds however large the column:
# make preview FILE=policies/sources/mzbh-2024-33.yml
preview: $(VENV)/.installed
	$(BIN)/policy-column preview $(FILE) $(if $(AS_OF),--as-of $(AS_OF))

# Our full build against plain Material + its Chinese search at 1 000 and 10 000 items
# (minutes; not part of make test). BENCH_FLAGS=--sizes 200 for a quick look.
bench: $(VENV)/.installed-test system-deps
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python -m benchmarks.build_bench $(BENCH_FLAGS)

# Search: what a first query downloads (Pagefind) against Material's lunr index of the same
# pages, and the index time, for the sample and 10 000 items. SEARCH_BENCH_FLAGS=--items 2000.
.PHONY: bench-search
bench-search: $(VENV)/.installed-test system-deps
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python -m benchmarks.search_bench $(SEARCH_BENCH_FLAGS)

# Search relevance at scale: the relevance table (tests/search_relevance.py, also in make test on
# the sample) typed into the search page of 10 000 synthetic items plus the sample (minutes).
# RELEVANCE_FLAGS=--items 2000 for a quicker look, --site DIR for a column already built,
# --bytes for what each query's first search downloads (cache cold).
.PHONY: bench-relevance
bench-relevance: $(VENV)/.installed-test system-deps
	$(BIN)/python -m benchmarks.relevance_bench $(RELEVANCE_FLAGS)

check: $(VENV)/.installed
	$(BIN)/policy-column check --strict

test: $(VENV)/.installed-test $(PROPERDOCS_VENV)/.installed system-deps
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# The second host the tests build with (tests/test_hosts.py), in an environment of its own.
.PHONY: properdocs-venv
properdocs-venv: $(PROPERDOCS_VENV)/.installed
$(PROPERDOCS_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/pip install --quiet --upgrade pip
	$(PROPERDOCS_VENV)/bin/pip install --quiet "$(PROPERDOCS)" -e .
	touch $@

system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK" \
		|| ! command -v pdftotext >/dev/null || ! ldconfig -p | grep -q "libzbar.so.0" \
		|| ! command -v soffice >/dev/null \
		|| ! ldconfig -p | grep -q "libpangoft2-1.0.so.0"; then \
		echo "installing $(SYSTEM_PACKAGES) from Debian"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi

# A staging folder whose lock a live build holds (host/sitedir.py) is left to that build.
clean:
	rm -rf site .site-old
	@for folder in .site-building-*; do \
		[ -d "$$folder" ] || continue; \
		flock -n "$${folder%-search}.lock" rm -rf "$$folder" || echo "$$folder: a build is writing there; left"; \
	done
	@for lock in .site-building-*.lock; do [ ! -e "$$lock" ] || flock -n "$$lock" rm -f "$$lock" || true; done
