# voices: build, demo and test. `make demo` and `make test` install what is missing first
# (scripts/setup.sh), so both work on a fresh machine.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

PORT ?= 8000
PKG := www/pkg
WASM_OPT := node_modules/.bin/wasm-opt
WASM_TARGET := wasm32-unknown-unknown
# The CLI's dependencies stay out of every wasm build.
WASM_FEATURES := --no-default-features
# The wasm build's profile: opt-level 2 (native builds use 3; "s" and "z" were 1.3x and 3x
# slower, 3 is over the size budget) with LLVM's inlining threshold at 150 rather than 225
# (1 KB gzipped less, no measurable time), and keeping the target_features section so
# wasm-bindgen and wasm-opt see the enabled wasm features (the release profile's strip = true
# drops it); wasm-opt strips the rest.
WASM_PROFILE := CARGO_PROFILE_RELEASE_STRIP=debuginfo CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C llvm-args=-inline-threshold=150"

# wasm-bindgen tests run through wasm-bindgen-test-runner (what `wasm-pack test` uses), on
# the library's tests only: `wasm-pack test` would also build every native-only test in tests/.
WASM_TEST := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --target $(WASM_TARGET) --lib $(WASM_FEATURES)
BROWSER_ENV := WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=scripts/webdriver.json

.PHONY: all setup setup-test build size demo test test-native check-wasm test-wasm-browser \
	test-wasm-node test-e2e bench fuzz clean setup-python python-install test-python \
	test-examples

all: build

setup:
	@bash scripts/setup.sh build

setup-test:
	@bash scripts/setup.sh test

# Release wasm and its ES-module glue into www/pkg (git-ignored), then npm binaryen's wasm-opt.
build: setup
	$(WASM_PROFILE) wasm-pack build --target web --release --mode no-install --no-pack --out-dir $(PKG) . -- $(WASM_FEATURES)
	$(WASM_OPT) -Oz --converge --strip-debug --strip-producers --strip-target-features \
		$(PKG)/voices_bg.wasm -o $(PKG)/voices_bg.wasm
	@bash scripts/size.sh $(PKG)

size:
	@bash scripts/size.sh $(PKG)

demo: build
	node scripts/serve.mjs www $(PORT)

# -k: one failing suite does not hide the results of the others; make still fails at the end.
test: setup-test
	$(MAKE) --no-print-directory -k test-native check-wasm test-wasm-browser test-wasm-node test-e2e \
		test-python

test-native:
	cargo test --no-fail-fast

check-wasm:
	$(WASM_PROFILE) cargo build --target $(WASM_TARGET) --lib --release $(WASM_FEATURES)

test-wasm-browser:
	@mkdir -p target
	$(BROWSER_ENV) $(WASM_TEST) 2>&1 | tee target/wasm-browser-test.log
	@grep -q '^Running headless tests in Chrome' target/wasm-browser-test.log && \
		grep -Eq '^test result: ok\. [1-9][0-9]* passed' target/wasm-browser-test.log || \
		{ echo "wasm-bindgen browser tests: no test ran in Chromium" >&2; exit 1; }

test-wasm-node:
	@mkdir -p target
	$(WASM_TEST) 2>&1 | tee target/wasm-node-test.log
	@grep -Eq '^test result: ok\. [1-9][0-9]* passed' target/wasm-node-test.log || \
		{ echo "wasm-bindgen node tests: no test ran" >&2; exit 1; }

test-e2e: build
	node --test tests/e2e/

# Python (python/, see README "Corpora in Python, Dask and Spark"): a venv in target/pyenv
# (scripts/setup.sh python, reinstalled only when python/requirements-test.txt changes), the
# package built by pip with the venv's maturin (no build isolation, so nothing is fetched per
# run; cargo keeps python/target warm), then pytest. The tests compare with the debug CLI,
# which test-native has built already.
PYENV := target/pyenv
PYTHON := $(PYENV)/bin/python
PYTEST := $(PYTHON) -m pytest -p no:cacheprovider

setup-python:
	@bash scripts/setup.sh python

python-install: setup-python
	PATH="$(CURDIR)/$(PYENV)/bin:$$PATH" $(PYTHON) -m pip install -q --no-build-isolation \
		--force-reinstall --no-deps ./python

# The suite includes the Dask and Spark examples on a 1,000-article corpus (about 25 s of the
# run, most of it the JVM); test-examples runs those alone.
test-python: python-install
	cargo build --bin voices
	VOICES_CLI=target/debug/voices $(PYTEST) python/tests

test-examples: python-install
	cargo build --bin voices
	VOICES_CLI=target/debug/voices $(PYTEST) python/tests/test_examples.py

# Figures, not tests (see README, Benchmarks): the release wasm (the shipped build, into
# target/bench-pkg) and compromise side by side in one Node process, and the native library
# (bench/native, a crate of its own so nothing of it enters the wasm), on the seed articles, a
# 10 KB to 4 MB scaling series and the adversarial corpus. Prints Markdown tables and writes
# target/bench.json. BENCH_COMPROMISE_MAX_KB (default 640) caps the texts compromise runs on.
BENCH_DIR := target/bench
BENCH_PKG := target/bench-pkg

bench: setup
	$(MAKE) --no-print-directory build PKG=$(BENCH_PKG)
	cargo build --release --manifest-path bench/native/Cargo.toml --target-dir $(BENCH_DIR)
	$(BENCH_DIR)/release/voices-bench $(BENCH_DIR)
	node bench/bench.mjs $(BENCH_DIR) $(BENCH_PKG)

# Corpus throughput (README, Benchmarks; kept apart from `bench`: about three minutes, and it needs
# the Python venv, Java and spaCy): articles/s and per core on BENCH_ARTICLES synthetic articles
# (examples/make_corpus.py) for the release CLI's --jsonl (peak RSS at BENCH_SMALL and at
# BENCH_ARTICLES articles), analyse_many at 1 and 2 threads, the Dask and Spark examples end to
# end, and spaCy's en_core_web_sm (nlp.pipe, on the first SPACY_ARTICLES, in a venv of its own:
# scripts/setup.sh bench-corpus). Prints a Markdown table; adds the "corpus" key to target/bench.json.
BENCH_ARTICLES ?= 10000
BENCH_SMALL ?= 1000
SPACY_ARTICLES ?= 1000
BENCH_PYENV := target/bench-pyenv
.PHONY: bench-corpus
bench-corpus: python-install
	cargo build --release --bin voices
	@bash scripts/setup.sh bench-corpus $(BENCH_PYENV)
	$(PYTHON) bench/corpus/run.py --articles $(BENCH_ARTICLES) --small $(BENCH_SMALL) \
		--spacy-articles $(SPACY_ARTICLES) --cli target/release/voices \
		--spacy-python $(BENCH_PYENV)/bin/python

# The property tests at 100,000 cases each, optimised (about a minute on two cores).
fuzz:
	PROPTEST_CASES=100000 cargo test --release --test properties

clean:
	rm -rf $(PKG) node_modules
	cargo clean

# Accuracy and speed on PolNeAR (bench/polnear/README.md). POLNEAR is a local checkout of the
# public repository networkdynamics/PolNeAR (the data never enters this one); SPLIT is dev
# (default), train or test (the final figure only: never tune on it); SPEECH_ACTS=1 runs the
# analyser with --speech-acts. Times the wasm too when www/pkg is built. Not part of `make test`.
SPLIT ?= dev
.PHONY: polnear
polnear:
	@python3 bench/polnear/eval.py --check --polnear "$(POLNEAR)" --split "$(SPLIT)"
	cargo build --release
	python3 bench/polnear/eval.py --polnear "$(POLNEAR)" --split "$(SPLIT)" \
		--bin target/release/voices $(if $(wildcard $(PKG)/voices.js),--pkg $(PKG)) \
		$(if $(SPEECH_ACTS),--speech-acts)
