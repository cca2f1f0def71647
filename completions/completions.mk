# completions.mk: the completions of the commands for bash, zsh and fish,
# included by Makefile.am; configure.ac sets the directories.
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

# Each file is installed under its command's installed name, as
# --program-prefix, --program-suffix or --program-transform-name make it
# (rapport-tip, _rapport-tip, rapport-tip.fish), with the line that binds
# it to the command rewritten for that name: bash-completion loads a
# completion by the name of its file, zsh binds it by its #compdef line
# and fish by its complete lines.  The completions run the commands under
# the names typed on the line, so nothing else in them changes.  rapport
# keeps its name, as its command does (see Makefile.am).

COMPLETION_COMMANDS = journal prompt rapport score tip

EXTRA_DIST += \
	completions/journal completions/prompt completions/rapport \
	completions/score completions/tip \
	completions/_journal completions/_prompt completions/_rapport \
	completions/_score completions/_tip \
	completions/journal.fish completions/prompt.fish \
	completions/rapport.fish completions/score.fish completions/tip.fish

completion_shells =
if WANT_BASHCOMP
completion_shells += bash
endif
if WANT_ZSHCOMP
completion_shells += zsh
endif
if WANT_FISHCOMP
completion_shells += fish
endif

# For shell $s and command $c installed as $n: the source file, the
# directory and the installed file.
completion_names = \
	case $$s in \
	bash) src=$$c dir='$(bashcompdir)' dst=$$n ;; \
	zsh) src=_$$c dir='$(zshcompdir)' dst=_$$n ;; \
	fish) src=$$c.fish dir='$(fishcompdir)' dst=$$n.fish ;; \
	esac

install-data-local: install-completions
uninstall-local: uninstall-completions
installdirs-local: installdirs-completions

install-completions:
	@set -e; $(MKDIR_P) completions; \
	for s in $(completion_shells); do \
	  for c in $(COMPLETION_COMMANDS); do \
	    n=`echo $$c | sed '$(transform)'`; \
	    test $$c != rapport || n=rapport; \
	    $(completion_names); \
	    $(MKDIR_P) "$(DESTDIR)$$dir"; \
	    sed -e "s/^#compdef $$c\$$/#compdef $$n/" \
	      -e "s/^\(complete -F _rapport_[a-z]*\) $$c\$$/\1 $$n/" \
	      -e "s/^complete -c $$c /complete -c $$n /" \
	      $(srcdir)/completions/$$src >completions/$$dst.tmp; \
	    echo " $(INSTALL_DATA) completions/$$src '$(DESTDIR)$$dir/$$dst'"; \
	    $(INSTALL_DATA) completions/$$dst.tmp "$(DESTDIR)$$dir/$$dst"; \
	    rm -f completions/$$dst.tmp; \
	  done; \
	done

installdirs-completions:
	@set -e; for s in $(completion_shells); do \
	  c= n=; $(completion_names); \
	  $(MKDIR_P) "$(DESTDIR)$$dir"; \
	done

uninstall-completions:
	@for s in $(completion_shells); do \
	  for c in $(COMPLETION_COMMANDS); do \
	    n=`echo $$c | sed '$(transform)'`; \
	    test $$c != rapport || n=rapport; \
	    $(completion_names); \
	    echo " rm -f '$(DESTDIR)$$dir/$$dst'"; \
	    rm -f "$(DESTDIR)$$dir/$$dst"; \
	  done; \
	done

.PHONY: install-completions installdirs-completions uninstall-completions
