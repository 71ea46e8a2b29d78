# SPDX-License-Identifier: MIT
#
# The two commands:  make demo   (set up, build, run examples/demo.c)
#                    make check  (set up, build, run the whole test suite)
# and more:          make examples, make check-tsan, make check-asan,
#                    make coverage, make torture [DURATION=600], make torture-tsan,
#                    make check-valgrind,
#                    make check-models, make lint, make bench [QUICK=1],
#                    make install [PREFIX=/usr/local] [DESTDIR=...],
#                    make uninstall, make deb, make clean
#
# Each target first runs tools/setup-deps, which installs the Debian
# packages that are missing (once; silent when nothing is) or says which
# to install and stops.  SETUP=0 skips it.  tools/configure sets up the
# build directory, or reuses it, or sets it up again when another meson
# or compiler made it.

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
MESON   ?= meson
NINJA   ?= ninja
SETUP   ?= 1
export MESON

setup = $(if $(filter 1,$(SETUP)),./tools/setup-deps $(1),true)

.PHONY: all demo examples check check-tsan check-asan coverage torture torture-tsan check-valgrind check-models \
	lint check-thread-safety check-tidy check-cppcheck bench install uninstall deb clean

all:
	@$(call setup,check)
	./tools/configure $(BUILD) --prefix=$(PREFIX)
	$(NINJA) -C $(BUILD)

# Builds only what the demo needs, so the first `make demo` is quick.
demo:
	@$(call setup,check)
	./tools/configure $(BUILD) --prefix=$(PREFIX)
	$(NINJA) -C $(BUILD) examples/demo
	./$(BUILD)/examples/demo

# The pattern examples of examples/, each run once.
examples: all
	meson test -C $(BUILD) --no-rebuild --suite examples --print-errorlogs

check: all
	./tests/run-suite $(BUILD)

check-tsan:
	@$(call setup,check)
	./tools/configure build-tsan -Db_sanitize=thread -Dbench=false -Db_lundef=false
	$(NINJA) -C build-tsan
	UKT_TEST_JOBS=1 TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ./tests/run-suite build-tsan

check-asan:
	@$(call setup,check)
	./tools/configure build-asan -Db_sanitize=address,undefined -Dbench=false -Db_lundef=false
	$(NINJA) -C build-asan
	UKT_TEST_JOBS=1 ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
		./tests/run-suite build-asan

# The suite on an instrumented build, then line coverage per source file
# of src/ (gcovr); tools/coverage-report names the files under 80%.
coverage:
	@$(call setup,check)
	./tools/configure build-coverage -Db_coverage=true -Dbench=false
	$(NINJA) -C build-coverage
	find build-coverage -name '*.gcda' -delete
	./tests/run-suite build-coverage
	./tools/coverage-report build-coverage

# Random operations on every API from 4 threads, invariants checked as it
# goes and at the end; prints its seed (--seed N replays it).
DURATION ?= 600
torture: all
	./$(BUILD)/tests/torture/torture --seconds $(DURATION) --threads 4

# The torture test under ThreadSanitizer (after make check-tsan built it).
torture-tsan:
	UKT_TORTURE_HANG=90 TSAN_OPTIONS="halt_on_error=1" ./build-tsan/tests/torture/torture \
		--seconds $(DURATION) --threads 4

# The unit and stress suites under valgrind memcheck: no invalid access,
# no definite or possible leak (tools/check-valgrind).
check-valgrind: all
	./tools/check-valgrind $(BUILD)

# The Promela models of the core handshakes, each also broken on purpose.
check-models:
	@$(call setup,lint)
	./tools/check-models

# clang -Wthread-safety over the lock annotations, clang-tidy (.clang-tidy)
# and cppcheck (tools/cppcheck.suppress); each fails on any finding.
lint: check-thread-safety check-tidy check-cppcheck
check-thread-safety:
	@$(call setup,lint)
	./tools/check-thread-safety build-thread-safety
check-tidy:
	@$(call setup,lint)
	./tools/check-tidy build-lint
check-cppcheck:
	@$(call setup,lint)
	./tools/check-cppcheck build-lint

bench:
	@$(call setup,check bench)
	./tools/configure $(BUILD) --prefix=$(PREFIX)
	./bench/run $(BUILD) $(if $(QUICK),--quick,)

# The library (.so with its SONAME, .a), the headers, the compat headers,
# both .pc files and the man pages, under $(DESTDIR)$(PREFIX).
install:
	@$(call setup,build)
	./tools/configure $(BUILD) --prefix=$(PREFIX)
	$(NINJA) -C $(BUILD)
	$(MESON) install -C $(BUILD) --no-rebuild $(if $(DESTDIR),--destdir "$(abspath $(DESTDIR))",)

# What the last install from $(BUILD) put in place.
uninstall:
	$(NINJA) -C $(BUILD) uninstall

# libukthread0 and libukthread-dev in build-deb/, built from a copy of the
# tree, checked with lintian.
deb:
	@$(call setup,deb)
	./tools/build-deb build-deb

clean:
	rm -rf $(BUILD) build-tsan build-asan build-coverage build-deb build-thread-safety build-lint
