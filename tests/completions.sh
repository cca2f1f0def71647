#!/bin/sh
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
#
# completions.sh: the completions of completions/, driven in the real
# shells: bash with bash-completion, zsh with compinit in a
# pseudo-terminal, and fish.  Each case is a command line and the
# candidates the shell must offer after a Tab at its end.  A shell that is
# missing skips its cases.

. "${top_srcdir:-.}/tests/lib.sh"

comp=$top_srcdir/completions
PATH=$CMDDIR:$PATH
TIP_PATH=$top_srcdir/data/tips
PROMPT_PATH=$top_srcdir/data/prompts
export PATH TIP_PATH PROMPT_PATH
unset JOURNAL_NOW VISUAL EDITOR BASH_COMPLETION_USER_DIR XDG_DATA_DIRS

# bash-completion's main script, where Debian and a /usr/local install
# put it.
bashcomp=
for f in "$(pkg-config --variable=datadir bash-completion 2>/dev/null)/bash-completion/bash_completion" \
    /usr/share/bash-completion/bash_completion \
    /usr/local/share/bash-completion/bash_completion; do
	[ -f "$f" ] && { bashcomp=$f; break; }
done

# The shells to drive, with the reason each other one is skipped.
shells= skipped=
if command -v bash >/dev/null 2>&1 && [ -n "$bashcomp" ]; then
	shells="$shells bash"
else
	skipped="$skipped bash"
fi
if command -v zsh >/dev/null 2>&1 &&
    zsh -fc 'zmodload zsh/zpty zsh/zselect zsh/datetime' 2>/dev/null; then
	shells="$shells zsh"
else
	skipped="$skipped zsh"
fi
if command -v fish >/dev/null 2>&1; then
	shells="$shells fish"
else
	skipped="$skipped fish"
fi
[ -n "$shells" ] || skip_all "none of bash with bash-completion, zsh and fish"
for s in $shells; do
	case $s in
	bash) echo "# $(bash --version | head -n 1), bash-completion in $bashcomp" ;;
	zsh) echo "# $(zsh --version)" ;;
	fish) echo "# $(fish --version)" ;;
	esac
done

# bash: the words are split as readline splits them, at blanks and around
# the characters of COMP_WORDBREAKS that matter here, and the completion
# is loaded as bash-completion loads it, by the command's name.
cat >"$T/drive.bash" <<'EOF'
. "$BASHCOMP" || exit 1
line=$1
COMP_WORDS=()
w= brk=
for ((k = 0; k < ${#line}; k++)); do
	c=${line:k:1}
	if [[ $c == [[:blank:]] ]]; then
		[[ -n $w ]] && COMP_WORDS+=("$w")
		w= brk=
	elif [[ $c == [=:] ]]; then
		[[ -n $w && -z $brk ]] && { COMP_WORDS+=("$w"); w=; }
		w+=$c brk=1
	else
		[[ -n $brk ]] && { COMP_WORDS+=("$w"); w=; }
		w+=$c brk=
	fi
done
COMP_WORDS+=("$w")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
COMP_TYPE=9
COMP_KEY=9
__load_completion "${COMP_WORDS[0]}" || { echo "no completion" >&2; exit 1; }
spec=$(complete -p "${COMP_WORDS[0]}") || exit 1
[[ $spec =~ -F\ ([^ ]+) ]] || exit 1
COMPREPLY=()
"${BASH_REMATCH[1]}" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" \
    "${COMP_WORDS[COMP_CWORD - 1]}"
((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}"
EOF

# zsh: an interactive zsh in a pseudo-terminal is sent each line and a
# Tab, bound to a widget that completes and then marks the end; its
# compadd writes every match it adds to a file, which the driver waits on.
# compinit keeps its dump in the file named, one per directory.
cat >"$T/drive.zsh" <<'EOF'
zmodload zsh/zpty zsh/zselect zsh/datetime || exit 1
out=$1 dir=$2 dump=$3 line=$4
: >$out
zpty z zsh -f -i
zpty -w z "PS1='' PS2='' RPS1=''; fpath=(${(q)dir} \$fpath)"
zpty -w z "autoload -Uz compinit && compinit -u -d ${(q)dump}"
zpty -w z 'unsetopt AUTO_LIST AUTO_MENU LIST_BEEP BEEP; bindkey -e'
zpty -w z "__out=${(q)out}"
zpty -w z 'compadd() {
	if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
		builtin compadd "$@"
		return
	fi
	local -a __hits __apre __hpre
	builtin compadd -A __hits "$@"
	zparseopts -E P:=__apre p:=__hpre
	local __h
	for __h in $__hits; do
		print -r -- "$IPREFIX$__apre[2]$__hpre[2]$__h" >>$__out
	done
	builtin compadd "$@"
}'
zpty -w z '__capture() { zle complete-word; print -r -- "<<end>>" >>$__out }'
zpty -w z 'zle -N __capture; bindkey "^I" __capture'
zpty -w -n z "$line"$'\t'
start=$EPOCHREALTIME
until grep -qx '<<end>>' $out; do
	while zpty -rt z junk 2>/dev/null; do :; done
	if (( EPOCHREALTIME - start > 30 )); then
		print -r -- "zsh gave no answer" >&2
		exit 1
	fi
	zselect -t 2
done
zpty -d z
EOF

# fish: its own complete -C, with the directory first in
# fish_complete_path.
cat >"$T/drive.fish" <<'EOF'
set -p fish_complete_path $argv[1]
complete -C $argv[2]
EOF

# candidates SHELL DIR LINE: the candidates in $OUT, sorted, without
# descriptions or the --option= before a value.
candidates() {
	case $1 in
	bash)
		BASH_COMPLETION_USER_DIR=${2%/completions} BASHCOMP=$bashcomp \
		    bash --norc --noprofile "$T/drive.bash" "$3" \
		    >"$T/raw" 2>"$ERR" </dev/null
		RC=$?
		;;
	zsh)
		zsh -f "$T/drive.zsh" "$T/zout" "$2" \
		    "$T/zdump.$(printf %s "$2" | cksum | cut -d ' ' -f 1)" \
		    "$3" >/dev/null 2>"$ERR" </dev/null
		RC=$?
		grep -vx '<<end>>' "$T/zout" >"$T/raw"
		;;
	fish)
		fish "$T/drive.fish" "$2" "$3" >"$T/raw" 2>"$ERR" </dev/null
		RC=$?
		;;
	esac
	sed -e 's/	.*//' -e 's/^--[a-z-]*=//' "$T/raw" | LC_ALL=C sort -u >"$OUT"
}

# check SHELL DIR KIND LINE WORDS: after LINE and a Tab, SHELL offers
# exactly the WORDS (only), at least them (has), none of them (lacks) or
# nothing (none).
check() {
	_sh=$1 _dir=$2 _kind=$3 _line=$4 _words=$5
	case $_kind in
	only) _what="offers exactly: $_words" ;;
	has) _what="offers: $_words" ;;
	lacks) _what="does not offer: $_words" ;;
	none) _what="offers nothing" ;;
	esac
	# The test directory as \$T, so that the names stay the same.
	_desc=$(printf '%s' "$_sh: '$_line<TAB>' $_what" | sed "s|$T|\$T|g")
	candidates "$_sh" "$_dir" "$_line"
	printf '%s\n' $_words | LC_ALL=C sort -u >"$T/want"
	case $_kind in
	only)
		cmp -s "$T/want" "$OUT" ;;
	has)
		[ -z "$(LC_ALL=C comm -23 "$T/want" "$OUT")" ] ;;
	lacks)
		[ -z "$(LC_ALL=C comm -12 "$T/want" "$OUT")" ] ;;
	none)
		! [ -s "$OUT" ] ;;
	esac
	if [ $? -eq 0 ] && [ "$RC" -eq 0 ] && ! [ -s "$ERR" ]; then
		pass "$_desc"
	else
		fail "$_desc" "wanted: $(echo $_words)"
	fi
}

# Two journals, the one of JOURNAL_FILE and one named with -f, and one in
# the home directory, each with its own tags.
J1=$T/j1 J2=$T/j2 JH=$HOME/jh
JOURNAL_FILE=$J1
export JOURNAL_FILE
journal -f "$J1" -t checkin -t dinner 'We cooked together' &&
    journal -f "$J1" -t checkin 'A long walk' &&
    journal -f "$J1" 'Phones away' &&
    journal -f "$J2" -t walk 'Rain on the roof' &&
    journal -f "$J2" -t talk -t walk 'An evening talk' &&
    journal -f "$JH" -t home 'At home' || exit 99
ids() { journal list -f "$1" --format tsv | cut -f 1 | tr '\n' ' '; }
ids1=$(ids "$J1") ids2=$(ids "$J2") idsh=$(ids "$JH")
mkdir "$T/files"
: >"$T/files/other.journal"
: >"$T/files/instrument"
: >"$T/files/answers"
F=$T/files

tipcats=$(tip --list-categories | tr '\n' ' ')
promptcats=$(prompt --list-categories | tr '\n' ' ')
jcmds='add check compact decrypt delete edit encrypt export import key list'
jcmds="$jcmds lock merge merge-driver show stats tags unlock"

# longopts FILE FROM: the long options of the first struct option table
# of FILE at or after the first line that matches FROM, as --name each,
# from the source itself, so that an option added there and not to the
# completions fails below.
longopts() {
	awk -v from="$2" '
	    $0 ~ from { seen = 1 }
	    seen && /struct option/ { on = 1; next }
	    on && /^[ \t]*}[ \t]*;/ { exit }
	    on && match($0, /\{ *"[a-z-]+"/) {
		o = substr($0, RSTART, RLENGTH)
		sub(/^\{ *"/, "", o)
		sub(/"$/, "", o)
		printf "%s--%s", sep, o
		sep = " "
	    }' "$top_srcdir/cmd/$1"
}

# The cases: KIND|LINE|WORDS.
cat >"$T/cases" <<EOF
only|tip ap|appreciation
only|tip |$tipcats
only|tip 30%hu|30%humor
has|tip --le|--length
only|tip --for |partner friend family
only|tip --for=fa|family
only|rapport |help journal prompt score tip which
only|rapport p|prompt
only|rapport help s|score
only|rapport tip ap|appreciation
only|rapport tip --for |partner friend family
only|rapport prompt -x in|intimacy
only|rapport journal sh|show
has|tip --index -|-o -r -x
only|tip $F/ot|$F/other.journal
only|prompt -x in|intimacy
only|prompt --exclude |$promptcats
only|prompt me|memories
lacks|prompt |humor listening
only|prompt --for |partner friend family
only|prompt --format |text json mail
only|prompt --format=j|json
has|prompt -d |1 2 3 1-2 2-3
has|prompt --no|--no-history
only|journal sh|show
only|journal |$jcmds
only|journal -f $J2 |$jcmds
has|journal -|--tag --star --date --rating
only|journal show |$ids1
only|journal edit |$ids1
only|journal delete |$ids1
only|journal -f $J2 show |$ids2
only|journal show -f $J2 |$ids2
only|journal --file $J2 delete |$ids2
only|journal edit --file=$J2 |$ids2
only|journal -f ~/jh show |$idsh
none|journal -f $T/missing show |
lacks|journal show ${ids1%% *} |$ids1
only|journal -t |checkin dinner
only|journal -f $J2 list -t |talk walk
only|journal list -f $J2 -t |talk walk
only|journal list -t @|@checkin @dinner
only|journal list --format |text raw json jsonl tsv
only|journal list --format=j|json jsonl
only|journal show --format |text raw json jsonl tsv
only|journal export --format |jrnl markdown json jsonl
only|journal import --from |jrnl
has|journal check --|--accept --repair --strict --yes
has|journal check -|-y
lacks|journal show --|--tag --repair
has|journal --|--help --version --passphrase-fd
has|journal add --|$(longopts journal-write.c 'write_opts') --passphrase-fd
has|journal list --|$(longopts journal-read.c 'list_opts') --passphrase-fd
has|journal list -|-g -i -I -n -s -t -T
has|journal show --|$(longopts journal-read.c 'show_opts') --passphrase-fd
has|journal edit --|$(longopts journal-edit.c 'edit_opts') --passphrase-fd
has|journal delete --|$(longopts journal-delete.c 'delete_opts') --passphrase-fd
has|journal delete -|-y -g -i -I -s -t -T
has|journal check --|$(longopts journal-check.c 'check_opts') --passphrase-fd
has|journal merge --|$(longopts journal-keep.c 'merge_opts') --passphrase-fd
has|journal import --|$(longopts journal-keep.c 'import_opts') --passphrase-fd
has|journal export --|$(longopts journal-read.c list_opts | sed 's/ --short//; s/ --no-pager//') --passphrase-fd
lacks|journal export --|--short --no-pager
has|journal key init --|$(longopts journal-seal.c 'cost_opts') --passphrase-fd
has|journal key passwd --|$(longopts journal-seal.c 'cost_opts') --passphrase-fd
has|journal key rotate --|$(longopts journal-seal.c 'file_opts') --passphrase-fd
lacks|journal key rotate --|--cost
has|journal encrypt --|$(longopts journal-seal.c 'file_opts') --passphrase-fd
has|journal decrypt --|$(longopts journal-seal.c 'file_opts') --passphrase-fd
has|journal lock --|$(longopts journal-seal.c 'file_opts') --passphrase-fd
has|journal unlock --|$(longopts journal-seal.c 'for_opts') --passphrase-fd
has|journal tags --|--file --passphrase-fd
lacks|journal tags --|--for --cost --format
only|journal key |init passwd rotate
only|journal key p|passwd
only|journal -f $J2 key |init passwd rotate
lacks|journal key init |init passwd rotate
only|journal key init --cost |interactive moderate sensitive
only|journal key passwd --cost=m|moderate
none|journal unlock --for |
none|journal list --passphrase-fd |
none|journal --passphrase-fd=|
none|journal unlock --passphrase-fd |
only|journal list -T |checkin dinner
only|journal list --any-tag |checkin dinner
only|journal edit --untag |checkin dinner
only|journal delete -f $J2 -t |talk walk
only|journal export --not-tag |checkin dinner
has|journal list --on |today yesterday
only|journal edit --unst|--unstar
only|journal delete ${ids1%% *} |$ids1
only|journal delete -y |$ids1
only|journal merge-driver $F/ot|$F/other.journal
only|journal merge-driver $F/other.journal $F/other.journal $F/ot|$F/other.journal
only|journal merge --con|--conflicts
only|journal merge $F/ot|$F/other.journal
only|score re|report
only|score |report compare
only|score report --format |text tsv json html mail
only|score report --format=h|html
only|score compare --format |text tsv json
none|score report --weeks |
none|score report --to |
none|score report --subject |
none|score --about |
none|score report --about |
none|score compare --about |
none|score --passphrase-fd |
none|score report --passphrase-fd=|
only|score report --color=|auto always never
only|score report --color=a|auto always
has|score --|$(longopts score.c '^cmd_checkin[(]') --passphrase-fd
has|score report --|$(longopts score.c '^cmd_report[(]') --passphrase-fd
has|score compare --|$(longopts score.c '^cmd_compare[(]') --passphrase-fd
lacks|score compare --|--color --to --subject --weeks --since --file
lacks|score --|--color --to --subject
has|score --|--items --weakest --answers --dry-run --instrument
lacks|score --|--format --weeks
has|score report --|--format --since --weeks
only|score -i $F/ins|$F/instrument
only|score --answers $F/an|$F/answers
only|score compare $F/ot|$F/other.journal
only|score report -f $F/ot|$F/other.journal
EOF

for s in $shells; do
	while IFS='|' read -r kind line words; do
		check "$s" "$comp" "$kind" "$line" "$words"
	done <"$T/cases"
done

# Installed under other names, as with --program-prefix=rapport-, the
# files are renamed and their binding lines rewritten as make install
# does (completions/completions.mk); each must then run the command by
# the name typed, here a wrapper that notes that it was run, and pass -f
# on to it.
mkdir -p "$T/renamed/completions" "$T/pbin"
for c in journal prompt score tip; do
	n=rapport-$c
	for f in "$c:$n" "_$c:_$n" "$c.fish:$n.fish"; do
		sed -e "s/^#compdef $c\$/#compdef $n/" \
		    -e "s/^\(complete -F _rapport_[a-z]*\) $c\$/\1 $n/" \
		    -e "s/^complete -c $c /complete -c $n /" \
		    "$comp/${f%%:*}" >"$T/renamed/completions/${f#*:}"
	done
	printf '#!/bin/sh\necho "$*" >>%s/ran-%s\nexec %s "$@"\n' \
	    "$T" "$n" "$CMDDIR/$c" >"$T/pbin/$n"
	chmod +x "$T/pbin/$n"
done
PATH=$T/pbin:$(echo "$PATH" | sed "s|^$CMDDIR:||")
cat >"$T/cases" <<EOF
only|rapport-tip ap|appreciation
only|rapport-prompt -x in|intimacy
only|rapport-journal sh|show
only|rapport-journal -f $J2 show |$ids2
only|rapport-journal -t |checkin dinner
only|rapport-score re|report
EOF
for s in $shells; do
	rm -f "$T"/ran-*
	while IFS='|' read -r kind line words; do
		check "$s" "$T/renamed/completions" "$kind" "$line" "$words"
	done <"$T/cases"
	ok_if "$s: the renamed completions ran rapport-tip --list-categories" \
	    grep -qx -- --list-categories "$T/ran-rapport-tip"
	ok_if "$s: the renamed completions ran rapport-journal list -f \$T/j2" \
	    grep -q -- "^list -f $J2 " "$T/ran-rapport-journal"
done

for s in $skipped; do
	skip "$s: the completions" "$s is not installed (or zsh lacks zpty)"
done
finish
