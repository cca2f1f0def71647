# fish completion for score(1)
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
# make install renames the file for an installed rapport-score and
# rewrites the name in the complete lines.

# The command of the line: report, compare, "-" where one may come next,
# or checkin.
function __rapport_score_cmd
    set -l t (commandline -opc)
    if test (count $t) -ge 2; and contains -- $t[2] report compare
        echo $t[2]
    else if test (count $t) -eq 1
        echo -
    else
        echo checkin
    end
end

function __rapport_score_in --description 'Is the command of the line one of these?'
    contains -- (__rapport_score_cmd) $argv
end

set -l dates today yesterday "'this week'" "'last week'" "'this month'" "'last month'"

complete -c score -f
complete -c score -n '__rapport_score_in -' -a report -d 'Review the weeks'
complete -c score -n '__rapport_score_in -' -a compare -d 'Compare two reports'
complete -c score -s h -l help -d 'Print the help'
complete -c score -s i -l instrument -r -F -d 'Another instrument, as checkin(5) says'
complete -c score -l about -x -d 'Whom the check-in is about, or whose to review'
complete -c score -l passphrase-fd -x -d 'Read the passphrase from this file descriptor'
complete -c score -n '__rapport_score_in - checkin report' -s f -l file -r -F -d 'The journal'

# The check-in.
complete -c score -n '__rapport_score_in - checkin' -s n -l dry-run -d 'Show the record, save nothing'
complete -c score -n '__rapport_score_in - checkin' -s V -l version -d 'Print the version'
complete -c score -n '__rapport_score_in - checkin' -l answers -r -F -d 'Answers as item=value lines (- for stdin)'
complete -c score -n '__rapport_score_in - checkin' -l items -d 'List the items, for an answers file'
complete -c score -n '__rapport_score_in - checkin' -l weakest -d 'The category of the dimension with most room to grow'

# The report and the comparison.
complete -c score -n '__rapport_score_in report' -l format -x -a 'text tsv json html mail' -d 'The output format'
complete -c score -n '__rapport_score_in compare' -l format -x -a 'text tsv json' -d 'The output format'
complete -c score -n '__rapport_score_in report' -l color -f -a 'auto always never' -d 'Colour the chart'
complete -c score -n '__rapport_score_in report' -l since -x -a "$dates" -d 'Report from this date'
complete -c score -n '__rapport_score_in report' -l subject -x -d 'The subject for --format mail'
complete -c score -n '__rapport_score_in report' -l to -x -d 'The recipient for --format mail'
complete -c score -n '__rapport_score_in report' -l weeks -x -d 'Report on this many weeks (1-520)'
complete -c score -n '__rapport_score_in report compare; and not string match -q -- "-*" (commandline -ct)' -F
