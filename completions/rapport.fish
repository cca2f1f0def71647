# fish completion for rapport(1)
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
# After a command, the line is completed as that command's own, through
# complete -C, with the file that rapport runs (rapport which) in place
# of "rapport command", so that categories and tags come from that
# program.

function __rapport_first --description 'Is the command still to come?'
    test (count (commandline -opc)) -eq 1
end

function __rapport_of --description 'Is the command one of these?'
    set -l t (commandline -opc)
    test (count $t) -ge 2; and contains -- $t[2] $argv
end

function __rapport_rest --description 'Complete as the command rapport runs'
    set -l t (commandline -opc)
    set -l cmd $t[1]
    string match -q -- '~/*' $cmd; and set cmd $HOME(string sub -s 2 -- $cmd)
    set -l file ($cmd which $t[2] 2>/dev/null); or return
    complete -C (string join ' ' -- (string escape -- $file $t[3..-1]) (commandline -ct))
end

complete -c rapport -f
complete -c rapport -n __rapport_first -a journal -d 'Keep a private journal of reflections'
complete -c rapport -n __rapport_first -a prompt -d 'Print a conversation prompt'
complete -c rapport -n __rapport_first -a score -d 'Check in on your connection'
complete -c rapport -n __rapport_first -a tip -d 'Print a tip about connecting'
complete -c rapport -n __rapport_first -a help -d "List the commands, or print a command's help"
complete -c rapport -n __rapport_first -a which -d 'Print the file a command runs'
complete -c rapport -n '__rapport_of help which; and test (count (commandline -opc)) -eq 2' -a 'journal prompt score tip'
complete -c rapport -n '__rapport_of journal prompt score tip' -a '(__rapport_rest)'
