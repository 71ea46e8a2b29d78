# SPDX-License-Identifier: MIT
#
# The two commands:  make demo   (build, run the examples)
#                    make check  (build, run the whole test suite)
# and more:          make check-tsan, make check-asan, make coverage,
#                    make bench [QUICK=1], make install [PREFIX=/usr/local]

BUILD   ?= build
PREFIX  ?= /usr/local
MESON   ?= meson
NINJA   ?= ninja

.PHONY: all demo check check-tsan check-asan coverage bench install clean

all: $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD)

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --prefix=$(PREFIX)

demo: all
	./$(BUILD)/examples/demo
	./$(BUILD)/examples/worker

check: all
	./tests/run-suite $(BUILD)

build-tsan/build.ninja:
	$(MESON) setup build-tsan -Db_sanitize=thread -Dbench=false -Db_lundef=false

build-asan/build.ninja:
	$(MESON) setup build-asan -Db_sanitize=address,undefined -Dbench=false -Db_lundef=false

check-tsan: build-tsan/build.ninja
	$(NINJA) -C build-tsan
	UKT_TEST_JOBS=1 TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ./tests/run-suite build-tsan

check-asan: build-asan/build.ninja
	$(NINJA) -C build-asan
	UKT_TEST_JOBS=1 ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
		./tests/run-suite build-asan

build-coverage/build.ninja:
	$(MESON) setup build-coverage -Db_coverage=true -Dbench=false

# The suite on an instrumented build, then line coverage per source file
# of src/ (gcovr); tools/coverage-report names the files under 80%.
coverage: build-coverage/build.ninja
	$(NINJA) -C build-coverage
	find build-coverage -name '*.gcda' -delete
	./tests/run-suite build-coverage
	./tools/coverage-report build-coverage

bench: all
	./bench/run $(BUILD) $(if $(QUICK),--quick,)

install: all
	$(MESON) install -C $(BUILD)

clean:
	rm -rf $(BUILD) build-tsan build-asan build-coverage
