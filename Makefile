# PatronCare: `make run` to try it, `make test` to check it. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STAMP := $(VENV)/.installed

.PHONY: run install system-packages directory-packages browser-tools mail-servers test test-browser lint worker demo-code messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstalls whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python directory-packages
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Debian's pango, which WeasyPrint uses to lay out PDF letters and cards.
system-packages:
	@ldconfig -p | grep -q libpangoft2-1.0 || { echo "Installing Debian's pango for PDF documents"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; }

# Debian's OpenLDAP: libldap's headers for python-ldap (django-auth-ldap builds on it), and slapd with its tools,
# which the sign-on tests start as a normal process on a free port (the service Debian starts is not used).
directory-packages:
	@{ test -f /usr/include/ldap.h && test -f /usr/include/sasl/sasl.h && test -x /usr/sbin/slapd; } || { \
	  echo "Installing Debian's OpenLDAP (libldap headers and slapd)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  gcc libldap2-dev libsasl2-dev slapd ldap-utils; }

install: $(STAMP) system-packages
	@mkdir -p var
	$(BIN)/python manage.py compiletranslations

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	@echo "PatronCare is at http://127.0.0.1:$(PORT)/  (stop with Ctrl+C)"
	@# Without a broker, the scheduled jobs (reminders, digests, retention) run beside the server.
	$(BIN)/python manage.py run_schedule & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests (never a downloaded browser), and from the npm registry axe-core and
# oidc-provider (the OpenID provider the sign-on tests run with Node.js, Debian's nodejs).
browser-tools:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@command -v node >/dev/null || { echo "Installing Debian's Node.js"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	@{ test -f node_modules/axe-core/axe.min.js && test -f node_modules/oidc-provider/package.json; } || \
	  npm ci --no-audit --no-fund --loglevel=error

# Debian's Dovecot for the mail tests: started by the tests themselves on a free port with their own
# configuration (patroncare/testing/mailservers.py), never as a system service.
mail-servers:
	@test -x /usr/sbin/dovecot || { echo "Installing Debian's dovecot-imapd for the mail tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  --no-install-recommends dovecot-imapd; }

test: install browser-tools mail-servers
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

test-browser: install browser-tools mail-servers
	$(BIN)/pytest -m browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# A Celery worker for the task engine, when CELERY_BROKER_URL points at a broker.
worker: install
	$(BIN)/celery -A config worker --beat --loglevel=INFO

demo-code: install
	@$(BIN)/python manage.py demo_code $(EMAIL)

# Refresh the Spanish catalogues after changing strings (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l es --ignore=.venv --ignore=node_modules --ignore=patroncare
	for app in patroncare/*/; do if [ -d $$app/locale ]; then (cd $$app && ../../$(BIN)/django-admin makemessages -l es); fi; done

clean:
	rm -rf $(VENV) var node_modules
