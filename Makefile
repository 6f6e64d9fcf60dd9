# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export PATH := $(HOME)/.cargo/bin:$(HOME)/.local/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help run test build release release-build test-release test-rust test-e2e test-fuzz test-alerts soak bench tools tools-test services lint fmt clean-data

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: tools build ## build, migrate, seed demo data, start server + worker on http://127.0.0.1:3000
	scripts/run.sh

test: tools-test services build lint test-alerts test-release test-e2e test-fuzz test-rust ## everything: lint, alert rules, the release build, browser tests, API fuzzing, then all Rust tests on SQLite and PostgreSQL

build: ## compile the server, the worker and the hydration bundle
	cargo leptos build
	# The worker in the same invocation as the server: built alone, it would compile the
	# dependencies they share a second time, with the worker's features only.
	cargo build -p server -p worker

test-e2e: ## Playwright in Debian's Chromium against the built server + worker
	cd end2end && npx playwright test

test-alerts: ## the example Prometheus alert rules (docs/alerts.yml) parse and their expressions are valid
	promtool check rules docs/alerts.yml
	promtool test rules docs/alerts.test.yml

test-fuzz: ## schemathesis against /api/v1/openapi.json on SQLite and on PostgreSQL + Redis, then the invariant check
	scripts/fuzz-api.sh sqlite
	scripts/fuzz-api.sh postgres

test-rust: ## all Rust tests (needs PostgreSQL and Redis), then RELIABILITY.md from the fault suite
	scripts/drop-test-databases.sh
	rm -rf target/reliability
	cargo nextest run --workspace --no-fail-fast
	scripts/reliability-report.py

bench: tools services release ## benchmarks on SQLite and PostgreSQL + Redis with same-run baselines -> BENCHMARKS.md
	scripts/ensure-tools.sh bench
	bench/run.sh

release: release-build ## the production build: target/release/{server,worker} and the site in target/release-site (optimized wasm, hashed names, brotli + gzip), then checked
	scripts/check-release.sh

release-build: tools
	scripts/ensure-tools.sh release
	# Hashed names and a site directory of its own, so a development build never overwrites it.
	PATH="$(CURDIR)/tools/wasm-opt/node_modules/.bin:$$PATH" LEPTOS_HASH_FILES=true LEPTOS_SITE_ROOT=target/release-site \
	  cargo leptos build --release --precompress
	# cargo-leptos writes its .gz files with libflate, ~15 % larger than GNU gzip -9 for the wasm
	# (1.00 MiB against 0.84 MiB): they are written again, so a browser without brotli gets less.
	find target/release-site -name '*.gz' -print0 | while IFS= read -r -d '' gz; do gzip -9 -n -c "$${gz%.gz}" > "$$gz"; done
	# The worker beside it, with the features of the server build (which includes the worker):
	# built alone it would compile the shared dependencies a second time.
	cargo build --release -p server -p worker

test-release: tools-test release-build ## the release build answers every bundle file its pages name and hydrates in Chromium
	scripts/check-release.sh --browser

soak: services ## the fault suite with 30 s of load per phase, then RELIABILITY.md
	rm -rf target/reliability
	FAULT_LOAD_SECS=$${FAULT_LOAD_SECS:-30} cargo nextest run --workspace --no-fail-fast -E 'test(/^faults::/)'
	scripts/reliability-report.py

lint: ## formatting, clippy, and no two files of a crate using each other
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	scripts/module-loops.py

fmt:
	cargo fmt --all

tools:
	scripts/ensure-tools.sh build

tools-test:
	scripts/ensure-tools.sh test

services:
	scripts/ensure-services.sh

clean-data: ## delete the embedded database (it is recreated and reseeded at the next start)
	rm -rf data
