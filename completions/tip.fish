# fish completion for tip(1)
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
# Categories come from the command itself, run under the name the line
# being completed gives it, so that the file serves an installed
# rapport-tip as well: make install renames the file and rewrites the
# name in the complete lines.

function __rapport_tip_run --description 'Run the tip of the command line'
    set -l cmd (commandline -opc)[1]
    string match -q -- '~/*' $cmd; and set cmd $HOME(string sub -s 2 -- $cmd)
    $cmd $argv
end

function __rapport_tip_index --description 'Is this tip --index?'
    set -l t (commandline -opc)
    test (count $t) -ge 2; and test "$t[2]" = --index
end

function __rapport_tip_path --description 'Is the word a path?'
    string match -q -- '*/*' (commandline -ct)
end

# A category, perhaps after a percentage: 30%humor.
function __rapport_tip_categories
    set -l pct (string match -r -- '^[0-9]+%' (commandline -ct))
    for c in (__rapport_tip_run --list-categories 2>/dev/null)
        printf '%s%s\tcategory\n' "$pct" $c
    end
end

complete -c tip -f
complete -c tip -n 'not __rapport_tip_index' -s c -l category -d 'Say which category the tip came from'
complete -c tip -n 'not __rapport_tip_index' -s e -l equal -d 'Give every category the same chance'
complete -c tip -n 'not __rapport_tip_index' -s f -l list -d 'List the categories and their chances'
complete -c tip -n 'not __rapport_tip_index' -l list-categories -d 'The category names, one per line'
complete -c tip -n 'not __rapport_tip_index' -s h -l help -d 'Print the help'
complete -c tip -n 'not __rapport_tip_index' -s i -l ignore-case -d 'Match the -m pattern ignoring case'
complete -c tip -n 'not __rapport_tip_index' -s l -l long -d 'Only tips longer than the length'
complete -c tip -n 'not __rapport_tip_index' -s m -l match -x -d 'Print every tip matching a pattern'
complete -c tip -n 'not __rapport_tip_index' -s n -l length -x -d 'The length for -l and -s'
complete -c tip -n 'not __rapport_tip_index' -s s -l short -d 'Only tips no longer than the length'
complete -c tip -n 'not __rapport_tip_index' -s V -l version -d 'Print the version'
complete -c tip -n 'not __rapport_tip_index' -s w -l wait -d 'Wait after the tip'
complete -c tip -n 'not __rapport_tip_index' -l daily -d 'The same tip all day (--daily=YYYY-MM-DD)'
complete -c tip -n 'not __rapport_tip_index' -l seed -x -d 'A reproducible pick'
complete -c tip -n 'not __rapport_tip_index' -l for -x -a 'partner friend family' -d 'The audience'
complete -c tip -n 'test (count (commandline -opc)) -eq 1' -l index -d 'Index a collection file as strfile(8) does, or a directory'
complete -c tip -n 'not __rapport_tip_index; and not __rapport_tip_path' -a '(__rapport_tip_categories)'
complete -c tip -n 'not __rapport_tip_index; and __rapport_tip_path' -F

# tip --index: strfile(8)'s options and files.
complete -c tip -n __rapport_tip_index -s c -x -d 'Use this character as the delimiter'
complete -c tip -n __rapport_tip_index -s i -d 'With -o, ignore case when sorting'
complete -c tip -n __rapport_tip_index -s o -d 'Sort the tips by their text'
complete -c tip -n __rapport_tip_index -s r -d 'Shuffle the tips'
complete -c tip -n __rapport_tip_index -s s -d 'Print no summary'
complete -c tip -n __rapport_tip_index -s x -d 'Set the rotated flag'
complete -c tip -n __rapport_tip_index -F
