# fish completion for journal(1)
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
# Tags and entry ids come from the command itself, run under the name the
# line being completed gives it, so that the file serves an installed
# rapport-journal as well: make install renames the file and rewrites
# the name in the complete lines.  A journal named with -f on the line is
# the one asked.

# The command of the line: the first word, or the third after -f file;
# "-" where a command may come next; "add" when the words are an entry.
function __rapport_journal_cmd
    set -l t (commandline -opc)
    set -l cmds add check compact decrypt delete edit encrypt export import key list \
        lock merge merge-driver show stats tags unlock
    if test (count $t) -ge 2; and contains -- $t[2] $cmds
        echo $t[2]
    else if test (count $t) -ge 4; and contains -- $t[2] -f --file; and contains -- $t[4] $cmds
        echo $t[4]
    else if test (count $t) -eq 1
        echo -
    else if test (count $t) -eq 3; and contains -- $t[2] -f --file
        echo -
    else
        echo add
    end
end

function __rapport_journal_in --description 'Is the command of the line one of these?'
    contains -- (__rapport_journal_cmd) $argv
end

# Is the word the first operand of the command, where an id or a file
# goes?
function __rapport_journal_first_operand
    set -l t (commandline -opc)
    set -l i 2
    if contains -- $t[2] -f --file
        set i 4
    end
    set -l n 0
    for w in $t[(math $i + 1)..-1]
        if set -q skip[1]
            set -e skip
            continue
        end
        switch $w
            case -f --file -t --tag -T --not-tag --any-tag --untag -d --date -r --rating \
                -g --grep -n --count --format --on --since --until --from --template \
                --cost --for --passphrase-fd
                set skip 1
            case '-*'
            case '*'
                set n (math $n + 1)
        end
    end
    test $n -eq 0
end

# Run the journal of the command line, on the journal named with -f.
function __rapport_journal_run
    set -l t (commandline -opc)
    set -l cmd $t[1]
    string match -q -- '~/*' $cmd; and set cmd $HOME(string sub -s 2 -- $cmd)
    set -l file
    set -l i 2
    while test $i -le (count $t)
        switch $t[$i]
            case -f --file
                set i (math $i + 1)
                test $i -le (count $t); and set file $t[$i]
            case '--file=*'
                set file (string replace -- --file= '' $t[$i])
            case '-f?*'
                set file (string sub -s 3 -- $t[$i])
        end
        set i (math $i + 1)
    end
    string match -q -- '~/*' $file; and set file $HOME(string sub -s 2 -- $file)
    set -l sub $argv[1]
    set -e argv[1]
    if test -n "$file"
        $cmd $sub -f $file $argv 2>/dev/null
    else
        $cmd $sub $argv 2>/dev/null
    end
end

# "     10 checkin": the tag, described by its count, after any @.
function __rapport_journal_tags
    set -l at (string match -r -- '^@' (commandline -ct))
    __rapport_journal_run tags |
        string replace -r -- '^\s*1 (.*)$' "$at\$1\t1 entry" |
        string replace -r -- '^\s*(\d+) (.*)$' "$at\$2\t\$1 entries"
end

# The newest entries, newest first: listing every id of a large journal
# takes about a second per hundred thousand entries.  Each is described
# by the start of its text.
function __rapport_journal_ids
    set -l ids
    __rapport_journal_run list -n 500 --format tsv | while read -l -d \t id ts star tags ratings text
        set -l first (string replace -r -- '\\\\n.*' '' $text)
        set -p ids (printf '%s\t%s' $id (string sub -l 60 -- $first))
    end
    printf '%s\n' $ids
end

set -l dates today yesterday "'this week'" "'last week'" "'this month'" "'last month'"

complete -c journal -f
complete -c journal -s f -l file -r -F -d 'The journal'

complete -c journal -l passphrase-fd -x -d 'Read the passphrase from this file descriptor'

complete -c journal -n '__rapport_journal_in -' -a add -d 'Write an entry'
complete -c journal -n '__rapport_journal_in -' -a check -d 'Check the journal for damage'
complete -c journal -n '__rapport_journal_in -' -a compact -d 'Rewrite without superseded and deleted entries'
complete -c journal -n '__rapport_journal_in -' -a decrypt -d 'Turn a sealed journal back into plain text'
complete -c journal -n '__rapport_journal_in -' -a delete -d 'Delete entries by id or by filter'
complete -c journal -n '__rapport_journal_in -' -a edit -d 'Edit an entry, or the entries the filters pass'
complete -c journal -n '__rapport_journal_in -' -a encrypt -d 'Seal a plain journal to its key'
complete -c journal -n '__rapport_journal_in -' -a export -d 'Print entries for another program'
complete -c journal -n '__rapport_journal_in -' -a import -d 'Append the entries of a journal of jrnl'
complete -c journal -n '__rapport_journal_in -' -a key -d 'Make the key of a sealed journal, or change it'
complete -c journal -n '__rapport_journal_in -' -a list -d 'List the entries'
complete -c journal -n '__rapport_journal_in -' -a lock -d 'Forget the key that unlock kept'
complete -c journal -n '__rapport_journal_in -' -a merge -d 'Append the records of another copy'
complete -c journal -n '__rapport_journal_in -' -a merge-driver -d 'Merge three versions of a journal for git'
complete -c journal -n '__rapport_journal_in -' -a show -d 'Print an entry'
complete -c journal -n '__rapport_journal_in -' -a stats -d 'Count entries, days and tags'
complete -c journal -n '__rapport_journal_in -' -a tags -d 'Count the entries of each tag'
complete -c journal -n '__rapport_journal_in -' -a unlock -d 'Keep the unlocked key in the keyring for a while'
complete -c journal -n 'test (count (commandline -opc)) -eq 1' -s h -l help -d 'Print the usage'
complete -c journal -n 'test (count (commandline -opc)) -eq 1' -s V -l version -d 'Print the version'

# Writing an entry.
complete -c journal -n '__rapport_journal_in - add' -s d -l date -x -a "$dates" -d 'Date the entry'
complete -c journal -n '__rapport_journal_in - add' -s e -l edit -d 'Open the editor even when the input is not a terminal'
complete -c journal -n '__rapport_journal_in - add' -l future -d 'Allow a date in the future'
complete -c journal -n '__rapport_journal_in - add' -l template -x -d 'Open the editor on a template'
complete -c journal -n '__rapport_journal_in - add' -s r -l rating -x -d 'Rate the entry: key=value'
complete -c journal -n '__rapport_journal_in - add' -s s -l star -d 'Star the entry'
complete -c journal -n '__rapport_journal_in - add' -s t -l tag -x -a '(__rapport_journal_tags)' -d 'Tag the entry'

# The filters of list, which edit, delete and export take too; edit's -t
# and --rating give a tag or a rating rather than filter.
complete -c journal -n '__rapport_journal_in list edit delete export' -l anniversary -d 'Only entries of this day in earlier years'
complete -c journal -n '__rapport_journal_in list edit delete export' -l any-tag -x -a '(__rapport_journal_tags)' -d 'Only entries with any of these tags'
complete -c journal -n '__rapport_journal_in list edit delete export' -s g -l grep -x -d 'Only entries whose text matches'
complete -c journal -n '__rapport_journal_in list edit delete export' -s i -l ignore-case -d 'Let the pattern of -g ignore case'
complete -c journal -n '__rapport_journal_in list edit delete export' -s I -l case-sensitive -d 'Let case differ in the pattern of -g'
complete -c journal -n '__rapport_journal_in list edit delete export' -s T -l not-tag -x -a '(__rapport_journal_tags)' -d 'Only entries not tagged this'
complete -c journal -n '__rapport_journal_in list edit delete export' -l on -x -a "$dates" -d 'Only entries of this date'
complete -c journal -n '__rapport_journal_in list delete export' -l rating -x -d 'Only entries with a rating such as listen<=2'
complete -c journal -n '__rapport_journal_in list edit delete export' -l since -x -a "$dates" -d 'Only entries from this date on'
complete -c journal -n '__rapport_journal_in list delete export' -s t -l tag -x -a '(__rapport_journal_tags)' -d 'Only entries with this tag'
complete -c journal -n '__rapport_journal_in list edit delete export' -l until -x -a "$dates" -d 'Only entries up to the end of this date'
complete -c journal -n '__rapport_journal_in list delete export' -s s -l starred -d 'Only starred entries'

# Listing and showing entries.
complete -c journal -n '__rapport_journal_in list show' -l format -x -a 'text raw json jsonl tsv' -d 'The output format'
complete -c journal -n '__rapport_journal_in list export' -s n -l count -x -d 'Only the last entries'
complete -c journal -n '__rapport_journal_in list' -l no-pager -d 'Never page'
complete -c journal -n '__rapport_journal_in list' -l short -d 'One line per entry'
complete -c journal -n '__rapport_journal_in show edit; and __rapport_journal_first_operand' -k -a '(__rapport_journal_ids)'
complete -c journal -n '__rapport_journal_in delete' -k -a '(__rapport_journal_ids)'

# Editing and deleting.
complete -c journal -n '__rapport_journal_in edit' -s d -l date -x -a "$dates" -d 'Move the entry to this date'
complete -c journal -n '__rapport_journal_in edit' -l future -d 'Allow a date in the future'
complete -c journal -n '__rapport_journal_in edit' -s r -l rating -x -d 'Give the entry this rating: key=value'
complete -c journal -n '__rapport_journal_in edit' -s s -l star -d 'Star the entry'
complete -c journal -n '__rapport_journal_in edit' -s t -l tag -x -a '(__rapport_journal_tags)' -d 'Add a tag'
complete -c journal -n '__rapport_journal_in edit' -l unstar -d 'Take the star away'
complete -c journal -n '__rapport_journal_in edit' -l untag -x -a '(__rapport_journal_tags)' -d 'Take a tag away'
complete -c journal -n '__rapport_journal_in delete' -s y -l yes -d 'Do not ask'

# Checking, merging, importing and exporting.
complete -c journal -n '__rapport_journal_in check' -l accept -d 'Keep the entries edited by hand, after showing them'
complete -c journal -n '__rapport_journal_in check' -l repair -d 'Move damaged records aside and rewrite the journal'
complete -c journal -n '__rapport_journal_in check' -l strict -d 'Count unknown records and future entries as problems'
complete -c journal -n '__rapport_journal_in check' -s y -l yes -d 'With --accept, keep without asking'
complete -c journal -n '__rapport_journal_in merge' -l conflicts -d 'Merge the conflict copies a file synchroniser left'
complete -c journal -n '__rapport_journal_in merge import; and __rapport_journal_first_operand' -F
complete -c journal -n '__rapport_journal_in merge-driver' -F
complete -c journal -n '__rapport_journal_in import' -l from -x -a jrnl -d 'The format of the file'
complete -c journal -n '__rapport_journal_in export' -l format -x -a 'jrnl markdown json jsonl' -d 'The output format'

# Sealing the journal.
complete -c journal -n '__rapport_journal_in key; and __rapport_journal_first_operand' -a init -d 'Make the key with a new passphrase'
complete -c journal -n '__rapport_journal_in key; and __rapport_journal_first_operand' -a passwd -d 'Change the passphrase'
complete -c journal -n '__rapport_journal_in key; and __rapport_journal_first_operand' -a rotate -d 'Start a new key pair'
complete -c journal -n '__rapport_journal_in key; and __fish_seen_subcommand_from init passwd' -l cost -x -a 'interactive moderate sensitive' -d 'What a guess at the passphrase costs'
complete -c journal -n '__rapport_journal_in unlock' -l for -x -d 'How long to keep the key, as 30m or 2h'
