# Tasks of selfeval. `make` lists them; `make test` is what CI runs (.ci/run).
.DEFAULT_GOAL := help
CARGO ?= cargo
FIXTURE := tests/fixtures/000_7b7c0afb335e079f.txt

.PHONY: help try test lint bench fuzz pkg

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-6s %s\n", $$1, $$2}'

try: ## Build and check the fixture with the native command
	$(CARGO) run --release --locked --quiet -- check $(FIXTURE) || [ $$? -eq 1 ]

test: lint ## Run every test (unit, checks, fixture snapshot, CLI, properties, doc examples, pkg/ in Node)
	$(CARGO) test --release --locked
	command -v node >/dev/null || { apt-get update && apt-get install -y nodejs; }
	node --test tests/js/

pkg: ## Build the wasm package pkg/ (installs the wasm toolchain when missing)
	scripts/build-wasm.sh

lint: ## Formatting and clippy, warnings as errors
	$(CARGO) fmt --check
	$(CARGO) clippy --release --locked --all-targets -- -D warnings

bench: ## Throughput natively: MB/s and sheets/s on the fixture and on 10,000 sheets
	$(CARGO) bench --locked --bench throughput

fuzz: ## Fuzz check_bytes for 10 minutes (cargo-fuzz on the nightly toolchain)
	command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	mkdir -p fuzz/corpus/check
	$(CARGO) +nightly fuzz run check fuzz/corpus/check fuzz/seeds -- -max_total_time=600 -max_len=16384 -print_final_stats=1
