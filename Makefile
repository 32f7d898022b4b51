# jixu — build, test, run. See README.md. Every target installs what it needs first, so a fresh
# Debian 12 machine needs nothing but `make run` / `make test`.
SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
DB ?= jixu.db

# Debian 12 packages the build, the tests and the benchmarks need.
APT_PACKAGES := build-essential cmake ninja-build pkg-config ccache git \
  python3 libsqlite3-dev sqlite3 libpq-dev postgresql libtomlplusplus-dev nlohmann-json3-dev \
  libgtest-dev libgmock-dev libbenchmark-dev libsodium-dev libssl-dev libjemalloc-dev wrk \
  libcairo2-dev libpango1.0-dev fonts-wqy-zenhei libqrencode-dev libzip-dev libexpat1-dev \
  libxlsxwriter-dev poppler-utils zbar-tools \
  libboost1.81-dev libboost-context1.81-dev zlib1g-dev libcli11-dev \
  clang libclang-rt-14-dev \
  chromium chromium-driver

.PHONY: all deps build web test test-sqlite test-postgres fuzz run demo bench bench-postgres bench-pages clean

all: build

# Installs only what is missing (dpkg -s is quick), so repeated runs cost nothing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@# The web UI needs Node.js (Debian 12 ships 18, which is enough) and npm; install them only
	@# when missing so a Node.js installed another way is left alone.
	@SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	if ! command -v node >/dev/null; then \
	  echo "installing: nodejs"; $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs; fi; \
	if ! command -v npm >/dev/null; then \
	  echo "installing: npm"; DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm; fi

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)
	@echo "built $(BUILD_DIR)/jixu"
	@$(MAKE) --no-print-directory web

# The web UI (web/, served by `jixu serve` at /): `npm ci` when the lock file changed, then
# `npm run build` (locale check, type check, Vite, first-page size budget) when a source changed.
WEB_SOURCES := $(shell find web/src web/locales web/scripts web/index.html web/vite.config.ts \
  web/tsconfig.json web/package.json -type f 2>/dev/null)

web/node_modules/.ci-stamp: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web/dist/index.html: web/node_modules/.ci-stamp $(WEB_SOURCES)
	cd web && npm run build

web: deps web/dist/index.html

test: build
	scripts/run-tests.sh $(BUILD_DIR)

# One backend only: SQLite without starting PostgreSQL (its instances report SKIPPED), or the
# whole suite with the PostgreSQL instances required to run.
test-sqlite: build
	JIXU_TEST_POSTGRES=0 scripts/run-tests.sh $(BUILD_DIR)

test-postgres: build
	scripts/run-tests.sh $(BUILD_DIR)

# The libFuzzer harnesses (tests/fuzz/README.md), built with clang in build-fuzz, each run for
# FUZZ_SECONDS after its seeds. `make test` runs them for 10 s each.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

run: build
	scripts/run-demo.sh $(BUILD_DIR) $(DB)

demo: run

bench: build
	scripts/run-bench.sh $(BUILD_DIR)

# The PostgreSQL benchmarks (bench/postgres) on a private durable cluster started and removed by
# scripts/run-bench.sh; results in bench/out/postgres-results.md.
bench-postgres: build
	scripts/run-bench.sh $(BUILD_DIR) --postgres

# Every GET page of `jixu serve` as every demo role, median and p99 per route (issue 16):
# JIXU_BENCH_PERSONS (default 1,000,000), JIXU_BENCH_REPS, JIXU_BENCH_BACKEND=sqlite|postgresql|both
# (bench/pages/bench_pages.py). Results in bench/out/pages-<backend>.md.
bench-pages: build
	bench/pages/bench_pages.py $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) build-fuzz
