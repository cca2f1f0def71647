#
# Copyright (c) 2026 The rapport authors
#
# Permission to use, copy, modify, and distribute this software for any
# purpose with or without fee is hereby granted, provided that the above
# copyright notice and this permission notice appear in all copies.
#
# THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
# WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
# MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
# ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
# WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
# ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
# OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.

# make check-valgrind: every shell test again, each run of tip, prompt,
# journal and score under valgrind memcheck.  tests/lib.sh does it when
# RAPPORT_VALGRIND is set: the commands become scripts that exec valgrind
# with --error-exitcode, --leak-check=full and
# --errors-for-leak-kinds=definite, and each script ends with a test that
# every valgrind log is empty.  So any memory error or block definitely
# lost fails a test, and the logs are kept in tests/valgrind/SCRIPT/, one
# a process.  VALGRIND names the valgrind to run.

VALGRIND = valgrind

check-valgrind: all
	@command -v $(VALGRIND) >/dev/null 2>&1 || { \
	    echo "check-valgrind: $(VALGRIND) is not installed" >&2; exit 1; }
	@rm -rf tests/valgrind
	@$(MKDIR_P) tests/valgrind
	@RAPPORT_VALGRIND='$(VALGRIND)'; \
	RAPPORT_VALGRIND_LOGS='$(abs_top_builddir)/tests/valgrind'; \
	export RAPPORT_VALGRIND RAPPORT_VALGRIND_LOGS; \
	$(MAKE) $(AM_MAKEFLAGS) check-TESTS TESTS='$(SH_TESTS)'; rc=$$?; \
	runs=`find tests/valgrind -type f | wc -l`; \
	bad=`find tests/valgrind -type f -size +0 | wc -l`; \
	echo "check-valgrind: "$$runs" processes under valgrind," \
	    $$bad" with a report (in tests/valgrind)"; \
	exit $$rc

clean-valgrind:
	-rm -rf tests/valgrind

clean-local: clean-valgrind

.PHONY: check-valgrind clean-valgrind
