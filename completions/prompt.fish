# fish completion for prompt(1)
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
# rapport-prompt as well: make install renames the file and rewrites the
# name in the complete lines.

function __rapport_prompt_run --description 'Run the prompt of the command line'
    set -l cmd (commandline -opc)[1]
    string match -q -- '~/*' $cmd; and set cmd $HOME(string sub -s 2 -- $cmd)
    $cmd $argv
end

function __rapport_prompt_path --description 'Is the word a path?'
    string match -q -- '*/*' (commandline -ct)
end

# A category, perhaps after a percentage: 30%play.
function __rapport_prompt_categories
    set -l pct (string match -r -- '^[0-9]+%' (commandline -ct))
    for c in (__rapport_prompt_run --list-categories 2>/dev/null)
        printf '%s%s\tcategory\n' "$pct" $c
    end
end

complete -c prompt -f
complete -c prompt -s c -l category -d 'Say the category and depth'
complete -c prompt -s d -l depth -x -a '1\tlight 2\tpersonal 3\tvulnerable 1-2\t"light or personal" 2-3\t"personal or vulnerable" 1-3\tany' -d 'Only prompts of this depth or range'
complete -c prompt -s f -l list -d 'List the categories and their prompts per depth'
complete -c prompt -l list-categories -d 'The category names, one per line'
complete -c prompt -s h -l help -d 'Print the help'
complete -c prompt -s m -l match -x -d 'Only prompts matching a pattern'
complete -c prompt -s n -l count -x -d 'Print this many different prompts'
complete -c prompt -s V -l version -d 'Print the version'
complete -c prompt -s x -l exclude -x -a '(__rapport_prompt_run --list-categories 2>/dev/null)' -d 'Leave a category out'
complete -c prompt -l daily -d 'The prompt of the day (--daily=YYYY-MM-DD)'
complete -c prompt -l seed -x -d 'A shared seed for --daily, or a reproducible pick'
complete -c prompt -l for -x -a 'partner friend family' -d 'The audience'
complete -c prompt -l session -d 'An evening of prompts, light to deep (--session=N)'
complete -c prompt -l no-history -d 'Neither read nor write the history'
complete -c prompt -l format -x -a 'text json mail' -d 'The output format'
complete -c prompt -l to -x -d 'The recipient for --format mail'
complete -c prompt -l subject -x -d 'The subject for --format mail'
complete -c prompt -n 'not __rapport_prompt_path' -a '(__rapport_prompt_categories)'
complete -c prompt -n __rapport_prompt_path -F
