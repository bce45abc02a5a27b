# One task runner for people and CI alike.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := .tools/bin/uv
UV_VERSION := 0.13.9
SHARED ?= ../shared

.PHONY: install demo test lint unit conformance chromium pdflibs bench bench-pages clean

install: $(VENV)/.installed node_modules/.installed pdflibs

node_modules/.installed: $(VENV)/.installed

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --quiet
	@# Byte-compile once: every CLI call then starts faster, even where the
	@# environment forbids writing bytecode at run time.
	$(PY) -m compileall -q -j 0 src $(VENV)/lib >/dev/null || true
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	DATABASE_URL=sqlite://:memory: $(PY) manage.py collectstatic --noinput -v 0
	touch $@

demo: install
	$(VENV)/bin/pathfinder demo

# Debian's Chromium for the browser tests (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The libraries WeasyPrint draws PDFs with (Pango, HarfBuzz) and a font, from Debian.
pdflibs:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi dejavu; } || { \
	  echo "installing Debian's Pango and fonts for the PDF board pack"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; }

lint: install
	$(VENV)/bin/ruff check src tests $(wildcard bench)
	$(VENV)/bin/ruff format --check src tests $(wildcard bench)
	DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run
	PATHFINDER_PRODUCTION=true SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64) \
	  ALLOWED_HOSTS=pathfinder.example.org $(PY) manage.py check --deploy --fail-level WARNING

unit: install chromium
	$(PY) -m pytest -q -p no:cacheprovider -n auto --dist loadscope --no-loadscope-reorder

conformance: install
	python3 $(SHARED)/tools/conformance.py --pathfinder $(VENV)/bin/pathfinder $(SHARED)/examples/east-2011

test: lint unit conformance

bench: install
	$(PY) bench/run.py

# Every page at national scale, as a national administrator and a consortium editor.
bench-pages: install
	$(PY) bench/pages.py --build-pack

clean:
	rm -rf $(VENV) .tools node_modules staticfiles
