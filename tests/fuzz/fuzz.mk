# tests/fuzz/fuzz.mk: libFuzzer harnesses for the parsers of lib/, an
# automake fragment included at the end of Makefile.am.  See
# tests/fuzz/README.
#
#	make fuzz			build, replay the regressions, then
#					fuzz each harness FUZZ_SECONDS
#	make fuzz FUZZ_SECONDS=600	longer
#	make fuzz FUZZ_HARNESSES=fuzz_date	one harness
#	make fuzz-build			only build them
#	make fuzz-regress		only replay tests/fuzz/regressions
#
# FUZZ_TIMEOUT is how long one input may run before it counts as a hang,
# FUZZ_RSS_MB the memory a harness may use, FUZZ_TMPDIR where the scratch
# corpus and the harnesses' files go (/dev/shm where it can be written).
#
# The harnesses and the library under them are built with clang's
# -fsanitize=fuzzer,address,undefined, whatever CC configure found, into
# tests/fuzz/ of the build tree, apart from the objects of the commands.

FUZZ_SECONDS = 60
FUZZ_TIMEOUT = 10
FUZZ_RSS_MB = 2048
FUZZ_TMPDIR =
FUZZ_CC = clang
FUZZ_SANITIZE = -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer -Wall -Wextra $(FUZZ_SANITIZE)
FUZZ_CPPFLAGS = $(DEFS) -I. -I$(srcdir) -I$(top_srcdir)/lib \
	$(LIBBSD_CFLAGS) $(ZLIB_CFLAGS)
FUZZ_LIBS = $(LIBBSD_LIBS) $(ZLIB_LIBS) $(SODIUM_LIBS) $(KEYUTILS_LIBS) $(LIBM)

FUZZ_HARNESSES = \
	fuzz_answers \
	fuzz_colindex \
	fuzz_configfile \
	fuzz_date \
	fuzz_history \
	fuzz_instrument \
	fuzz_journal \
	fuzz_journal_roundtrip \
	fuzz_jrnl \
	fuzz_keyfile \
	fuzz_prompt \
	fuzz_recfile \
	fuzz_review \
	fuzz_rewrite \
	fuzz_sealcache \
	fuzz_sealed \
	fuzz_searchpath \
	fuzz_selection \
	fuzz_strfile \
	fuzz_strfile_roundtrip

# The library as the commands have it, each source built again with the
# fuzzer's instrumentation and the sanitizers.
FUZZ_LIB_SRCS = $(filter %.c,$(lib_librapport_a_SOURCES))
FUZZ_LIB_OBJS = $(FUZZ_LIB_SRCS:lib/%.c=tests/fuzz/lib/%.o)
FUZZ_LIB_HDRS = \
	$(addprefix $(srcdir)/,$(filter %.h,$(lib_librapport_a_SOURCES)))
FUZZ_LIB = tests/fuzz/lib/librapport-fuzz.a
FUZZ_PROGS = $(FUZZ_HARNESSES:%=tests/fuzz/%)

# What the harnesses share (tests/fuzz/fuzzutil.h), linked into each.
FUZZ_UTIL = tests/fuzz/fuzzutil.o
FUZZ_UTIL_HDR = $(srcdir)/tests/fuzz/fuzzutil.h

$(FUZZ_LIB_OBJS): tests/fuzz/lib/%.o: $(srcdir)/lib/%.c $(FUZZ_LIB_HDRS) \
    config.h
	@$(MKDIR_P) tests/fuzz/lib
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	$(AM_V_AR)rm -f $@ && $(AR) $(ARFLAGS) $@ $(FUZZ_LIB_OBJS) && \
	    $(RANLIB) $@

$(FUZZ_UTIL): $(srcdir)/tests/fuzz/fuzzutil.c $(FUZZ_UTIL_HDR) \
    $(FUZZ_LIB_HDRS) config.h
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ \
	    $(srcdir)/tests/fuzz/fuzzutil.c

$(FUZZ_PROGS): tests/fuzz/%: $(srcdir)/tests/fuzz/%.c $(FUZZ_UTIL) \
    $(FUZZ_LIB) $(FUZZ_UTIL_HDR) $(FUZZ_LIB_HDRS)
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -o $@ $< \
	    $(FUZZ_UTIL) $(FUZZ_LIB) $(FUZZ_LIBS)

# A clear word, rather than a link error, where clang or libFuzzer is
# missing (on Debian: clang and libclang-rt-dev).
fuzz-check-cc:
	@$(MKDIR_P) tests/fuzz
	@c=tests/fuzz/cc-check; \
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
	    '{ return d == NULL && n > 0; }' > $$c.c; \
	if $(FUZZ_CC) $(FUZZ_SANITIZE) -o $$c $$c.c >/dev/null 2>&1; then \
		rm -f $$c $$c.c; \
	else \
		rm -f $$c $$c.c; \
		echo "make fuzz needs $(FUZZ_CC) with libFuzzer and the" \
		    "sanitizers (Debian: clang libclang-rt-dev)" >&2; \
		exit 1; \
	fi

fuzz-build: fuzz-check-cc
	@$(MAKE) $(AM_MAKEFLAGS) --no-print-directory fuzz-progs

fuzz-progs: $(FUZZ_PROGS)

# Every input that once failed a harness, run once each: regression tests
# that need no fuzzing time.  What failed is shown with the harness's
# message or the sanitizer's, and the log kept in tests/fuzz/.
fuzz-regress: fuzz-build
	@scratch=`mktemp -d "$${TMPDIR:-/tmp}/rapport-fuzz.XXXXXX"` || exit 1; \
	trap 'rm -rf "$$scratch"' EXIT; \
	fail=0; pass=0; \
	for h in $(FUZZ_HARNESSES); do \
		for f in $(srcdir)/tests/fuzz/regressions/$$h/*; do \
			test -f "$$f" || continue; \
			log=tests/fuzz/$$h-regress.log; \
			if TMPDIR=$$scratch tests/fuzz/$$h \
			    -timeout=$(FUZZ_TIMEOUT) "$$f" > "$$log" 2>&1; \
			then \
				pass=`expr $$pass + 1`; \
				continue; \
			fi; \
			fail=`expr $$fail + 1`; \
			echo "FAIL: $$h $$f"; \
			grep -e '^==[0-9]*==ERROR' -e 'runtime error' \
			    -e '^[^ ]*\.c:[0-9]*: ' -e '^SUMMARY' \
			    -e '#[0-9].*/lib/[a-z_]*\.c:' \
			    -e '#[0-9].*/tests/fuzz/[a-z_]*\.c:' "$$log" | \
			    sed -n '1,12p'; \
			cp "$$log" "tests/fuzz/$$h-`basename $$f`.log"; \
		done; \
	done; \
	echo "fuzz-regress: $$pass passed, $$fail failed"; \
	test $$fail -eq 0

# Each harness for FUZZ_SECONDS over a scratch copy of its corpus, so that
# what it finds stays out of the checked-in corpus; a crash leaves its
# input in tests/fuzz/artifacts/ and fails the target, after all have run.
# The scratch files, and those the harnesses write (the journal's are
# flushed to disk at every append), go to a tmpfs where there is one.
fuzz: fuzz-regress
	@$(MKDIR_P) tests/fuzz/artifacts; \
	tmp=$(FUZZ_TMPDIR); \
	if test -z "$$tmp"; then \
		tmp=$${TMPDIR:-/tmp}; \
		test -d /dev/shm && test -w /dev/shm && tmp=/dev/shm; \
	fi; \
	scratch=`mktemp -d "$$tmp/rapport-fuzz.XXXXXX"` || exit 1; \
	trap 'rm -rf "$$scratch"' EXIT; \
	pass=0; fail=0; \
	for h in $(FUZZ_HARNESSES); do \
		mkdir "$$scratch/$$h" || exit 1; \
		cp $(srcdir)/tests/fuzz/corpus/$$h/* "$$scratch/$$h/" \
		    2>/dev/null; \
		log=tests/fuzz/$$h.log; \
		if TMPDIR=$$scratch tests/fuzz/$$h \
		    -max_total_time=$(FUZZ_SECONDS) \
		    -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=$(FUZZ_RSS_MB) \
		    -print_final_stats=1 \
		    -artifact_prefix=tests/fuzz/artifacts/$$h- \
		    "$$scratch/$$h" > "$$log" 2>&1; then \
			result=PASS; \
			pass=`expr $$pass + 1`; \
		else \
			result=FAIL; \
			fail=`expr $$fail + 1`; \
		fi; \
		runs=`sed -n 's/^stat::number_of_executed_units: *//p' \
		    "$$log"`; \
		rate=`sed -n 's/^stat::average_exec_per_sec: *//p' "$$log"`; \
		cov=`sed -n 's/.* cov: \([0-9]*\) .*/\1/p' "$$log" | \
		    tail -n 1`; \
		echo "$$result: $$h: $(FUZZ_SECONDS) s, $${runs:-?} runs," \
		    "$${rate:-?}/s, $${cov:-?} edges"; \
		if test $$result = FAIL; then \
			grep -e '^==[0-9]*==ERROR' -e 'runtime error' \
			    -e '^[^ ]*\.c:[0-9]*: ' -e '^SUMMARY' \
			    -e '#[0-9].*/lib/[a-z_]*\.c:' \
			    -e '#[0-9].*/tests/fuzz/[a-z_]*\.c:' \
			    -e 'Test unit written' "$$log" | sed -n '1,14p'; \
		fi; \
		rm -rf "$$scratch/$$h"; \
	done; \
	echo "fuzz: $$pass passed, $$fail failed"; \
	test $$fail -eq 0

.PHONY: fuzz fuzz-build fuzz-check-cc fuzz-progs fuzz-regress

CLEANFILES += $(FUZZ_PROGS) $(FUZZ_LIB) $(FUZZ_UTIL) tests/fuzz/lib/*.o \
	tests/fuzz/*.log tests/fuzz/artifacts/*

EXTRA_DIST += \
	$(FUZZ_HARNESSES:%=tests/fuzz/%.c) \
	tests/fuzz/README \
	tests/fuzz/corpus \
	tests/fuzz/fuzz.mk \
	tests/fuzz/fuzzutil.c \
	tests/fuzz/fuzzutil.h \
	tests/fuzz/regressions
