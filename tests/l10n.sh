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


# l10n.sh: collections in the user's language.  A collection directory
# may hold language directories (de, pt_BR); the first of LANGUAGE,
# LC_ALL, LC_MESSAGES and LANG that is set and not empty names the
# language, and its directory, where there is one, replaces the
# collection.  Language directories are never categories.

. "$top_srcdir/tests/lib.sh"

: "${PROMPT:=$top_builddir/cmd/prompt}"
XDG_DATA_HOME=$T/data
XDG_STATE_HOME=$T/state
export XDG_DATA_HOME XDG_STATE_HOME
unset TIP_PATH PROMPT_PATH LANGUAGE LC_ALL LC_MESSAGES LANG
U=$XDG_DATA_HOME/rapport
mkdir -p "$U/tips/de" "$U/tips/pt_BR" "$U/prompts/care" "$U/prompts/de/care"
printf 'An English tip.\n%%\n' >"$U/tips/kind"
printf 'Ein deutscher Tipp.\n%%\n' >"$U/tips/de/freundlich"
printf 'Uma dica brasileira.\n%%\n' >"$U/tips/pt_BR/gentil"
printf 'What made you smile today?\n%%\n' >"$U/prompts/care/1"
printf 'Was hat dich heute froh gemacht?\n%%\n' >"$U/prompts/de/care/1"

cats() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@" \
	    "$TIP" --list-categories | tr '\n' ' '
}

run env LANG=de_DE.UTF-8 "$TIP" --list-categories
is_out "freundlich" "LANG=de_DE.UTF-8: the German collection replaces it"
ok_if "LANG=de: the same" [ "$(cats LANG=de)" = "freundlich " ]
ok_if "LANG=pt_BR.UTF-8: the Brazilian one" \
    [ "$(cats LANG=pt_BR.UTF-8)" = "gentil " ]
ok_if "LANG=pt_PT.UTF-8: no pt_PT nor pt directory, the collection" \
    [ "$(cats LANG=pt_PT.UTF-8)" = "kind " ]
ok_if "LANG=C.UTF-8: the collection, its language directories no category" \
    [ "$(cats LANG=C.UTF-8)" = "kind " ]
ok_if "LANG=POSIX: the collection" [ "$(cats LANG=POSIX)" = "kind " ]
ok_if "LANGUAGE=fr:de: the first language that has a directory" \
    [ "$(cats LANGUAGE=fr:de LANG=C)" = "freundlich " ]
ok_if "LC_ALL before LANG" \
    [ "$(cats LC_ALL=pt_BR.UTF-8 LANG=de_DE.UTF-8)" = "gentil " ]
ok_if "LC_MESSAGES before LANG" \
    [ "$(cats LC_MESSAGES=de_DE.UTF-8 LANG=pt_BR.UTF-8)" = "freundlich " ]
ok_if "an empty LANGUAGE does not count" \
    [ "$(cats LANGUAGE= LANG=de_DE.UTF-8)" = "freundlich " ]
ok_if "an empty LC_ALL does not count" \
    [ "$(cats LC_ALL= LANG=pt_BR.UTF-8)" = "gentil " ]
run env LANG=de_DE.UTF-8 "$TIP"
is_out "Ein deutscher Tipp." "tip in German"
run env LANG=de_DE.UTF-8 "$PROMPT" --no-history
is_out "Was hat dich heute froh gemacht?" "prompt in German"
run env LANG=en_GB.UTF-8 "$PROMPT" --no-history --list-categories
is_out "care" "prompt: the language directory is no category"

echo "1..$tap_n"
