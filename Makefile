# phusong — the two commands of README.md:
#   make demo   install dependencies, build, generate the demo scenario, run `phusong analyze`
#   make test   install dependencies, build, run the test suite (also under ASan + UBSan)
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Debian's Python (numpy + GDAL bindings), not whichever python3 comes first on PATH.
PYTHON ?= /usr/bin/python3
CTEST_ARGS ?=

.PHONY: all deps configure build demo demo-data test test-suite test-sanitize fuzz clean

all: build

deps:
	@sh scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

datasets/demo/generated/terrain.tif: datasets/demo/make_demo.py
	@$(PYTHON) datasets/demo/make_demo.py datasets/demo/generated

demo-data: deps datasets/demo/generated/terrain.tif

demo: build demo-data
	$(BUILD_DIR)/bin/phusong analyze

# The suite, then the suite again under AddressSanitizer + UndefinedBehaviorSanitizer (what CI runs).
test: test-suite test-sanitize

test-suite: build demo-data
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# The whole suite (but the notebooks, which test no phusong code of their own) under
# AddressSanitizer + UndefinedBehaviorSanitizer, in build-asan/. Leaks in third-party caches are
# suppressed by tests/lsan.supp.
test-sanitize: deps demo-data
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPHUSONG_SANITIZE=address,undefined -DPHUSONG_BUILD_BENCH=OFF >/dev/null
	@cmake --build build-asan -j $(JOBS)
	cd build-asan && UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    ctest --output-on-failure -j $(JOBS) -LE notebooks $(CTEST_ARGS)

# Each libFuzzer target for FUZZ_SECONDS (default 600), see scripts/fuzz.sh.
fuzz: deps
	sh scripts/fuzz.sh $(or $(FUZZ_SECONDS),600)

clean:
	rm -rf $(BUILD_DIR) build-asan build-fuzz phusong-out datasets/demo/generated
