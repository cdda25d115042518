# Tasks of selfeval. `make` lists them; `make test` is what CI runs (.ci/run).
.DEFAULT_GOAL := help
CARGO ?= cargo
PORT ?= 8000
FIXTURE := tests/fixtures/000_7b7c0afb335e079f.txt
FUZZ_TIME ?= 600
FUZZ_TARGETS ?= check xlsx docx ods file

.PHONY: help serve try test corpus codes node-deps test-deps lint bench bench-page fuzz pkg page shots

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

serve: page ## Build the page if its sources changed, then serve it at http://127.0.0.1:8000/www/#example
	node scripts/serve.mjs $(PORT)

page: node-deps ## Rebuild pkg/ (wasm and the self-contained pkg/selfeval.html) when its sources changed
	@if [ "$$(scripts/pkg-source.sh)" = "$$(cat pkg/BUILT_FROM 2>/dev/null)" ]; then node scripts/bundle.mjs; else scripts/build-wasm.sh; fi

try: ## Build and check the fixture with the native command
	$(CARGO) run --release --locked --quiet -- check $(FIXTURE) || [ $$? -eq 1 ]

corpus: ## The corpus of real forms and the mistakes planted in them; ends with the one line that measures both
	@mkdir -p target; status=0; $(CARGO) test --release --locked --quiet --test corpus corpus_forms_give -- --nocapture \
	  >target/corpus.txt 2>&1 || status=$$?; \
	  grep -E '^([0-9]+_[a-z]|form )' target/corpus.txt; \
	  grep -E '^corpus: ' target/corpus.txt || { tail -n 30 target/corpus.txt; exit 1; }; exit $$status

codes: ## Every finding code with its severity, title and basis (依据)
	$(CARGO) run --release --locked --quiet -- codes

test: lint test-deps ## Run every test (unit, checks, snapshots, CLI, properties, docs, pkg/ in Node, the page in Chromium)
	$(CARGO) test --release --locked
	node --test --test-concurrency=1 tests/js/ tests/browser/ tests/firefox/
	python3 scripts/peers.py

node-deps: ## Install Node.js, npm and the npm packages (playwright-core, binaryen) where they are missing
	command -v node >/dev/null && command -v npm >/dev/null || { apt-get update && apt-get install -y nodejs npm; }
	[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

test-deps: node-deps ## Also Debian's Chromium and Firefox ESR for the browser tests and LibreOffice (Calc, Writer) for the Excel export's test and the peers, where missing
	[ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || { apt-get update && apt-get install -y chromium; }
	[ -x "$${FIREFOX:-/usr/bin/firefox-esr}" ] || { apt-get update && apt-get install -y firefox-esr; }
	command -v soffice >/dev/null || { apt-get update && apt-get install -y libreoffice-calc-nogui; }
	dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1 || { apt-get update && apt-get install -y libreoffice-writer-nogui; }

peers: test-deps ## Our readers against LibreOffice on ../shared/peer-files (calamine's and python-docx's own test files), cell by cell as shown
	$(CARGO) build --release --locked --bin selfeval
	python3 scripts/peers.py

pkg: node-deps ## Build the wasm package pkg/ (installs the wasm toolchain when missing)
	scripts/build-wasm.sh

lint: node-deps ## Formatting, clippy and ESLint, warnings as errors
	$(CARGO) fmt --check
	$(CARGO) clippy --release --locked --all-targets -- -D warnings
	node_modules/.bin/eslint --max-warnings 0 .

shots: test-deps ## Screenshots of the page (desktop, narrow, tooltip, new form, A4 print PDF) in target/shots/
	fc-list :lang=zh | grep -q . || { apt-get update && apt-get install -y fonts-wqy-microhei; }
	node scripts/shots.mjs

bench: ## Natively: MB/s and sheets/s on the fixture and on 10,000 sheets; what hostile files cost, beside the fixture; the peer files read by ours and by calamine
	$(CARGO) bench --locked --bench throughput
	$(CARGO) bench --locked --bench hostile
	cd benches/calamine && CARGO_TARGET_DIR=../../target/calamine $(CARGO) run --release --locked

bench-page: test-deps ## The page in Chromium: wasm size, file:// ready, paste → drawn, edit → redrawn, wasm vs native
	node scripts/bench-page.mjs

fuzz: ## Fuzz every reader for FUZZ_TIME seconds each (600): check (text, HTML), xlsx, docx, ods, file (xls, containers, MHT)
	command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t; \
	  $(CARGO) +nightly fuzz run $$t fuzz/corpus/$$t $$(case $$t in check) echo fuzz/seeds/check tests/corpus;; file) echo tests/fixtures/office;; *) echo fuzz/seeds/$$t;; esac) -- \
	    -max_total_time=$(FUZZ_TIME) -max_len=65536 -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 -print_final_stats=1 >target/fuzz-$$t.log 2>&1; \
	  echo "$$t: $$(grep -h '^stat::number_of_executed_units' target/fuzz-$$t.log)"; \
	done
	! grep -l -E '^(==[0-9]+==ERROR|SUMMARY: )' $(FUZZ_TARGETS:%=target/fuzz-%.log)
	for t in $(FUZZ_TARGETS); do grep -q '^stat::number_of_executed_units' target/fuzz-$$t.log || { echo "$$t did not run: target/fuzz-$$t.log"; exit 1; }; done
