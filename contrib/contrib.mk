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

# contrib.mk: the scheduling examples (a crontab, systemd user units and
# the weekly digest's script), included from Makefile.am.  Installed as
# examples for people to copy, never enabled: a weekly review mailed to
# oneself is a personal choice.
# tests/contrib.sh checks them.

examplesdir = $(docdir)/examples
dist_examples_DATA = contrib/crontab
dist_examples_SCRIPTS = contrib/rapport-digest

examples_systemddir = $(examplesdir)/systemd
dist_examples_systemd_DATA = \
	contrib/systemd/rapport-prompt.service \
	contrib/systemd/rapport-prompt.timer \
	contrib/systemd/rapport-review.service \
	contrib/systemd/rapport-review.timer
