#!/bin/sh
# label-articles interrupted (SIGINT to its process group, as ^C does;
# SIGTERM to the script alone, as kill does): no output file, no temporary
# file, no process left behind.
#
# No sleeps: one "document" is a fifo.  tokenize opens it for reading, and
# our open for writing returns only then, so we know the run is under way
# when the signal goes; nothing is ever written to the fifo, so the run
# cannot finish by itself.
. "$(dirname "$0")/tap.sh"
. "$SRC/tests/t6-label-articles-lib.sh"

command -v perl >/dev/null 2>&1 || skip_all "perl is needed to probe the fifo"
plan 12
make_tree || bail "cannot build the test tree"
make_corpus || bail "cannot write the corpus"

# has_reader FIFO: does some process still hold FIFO open for reading?
has_reader() {
    perl -MFcntl -e 'exit(sysopen(my $f, $ARGV[0], O_WRONLY | O_NONBLOCK) ? 0 : 1)' "$1"
}

# interrupt SIGNAL WHO: run label-articles -o over the corpus and the fifo,
# send SIGNAL once tokenize has the fifo open, to the process group
# (WHO=group) or to the script only (WHO=script); sets $status
interrupt() {
    rm -rf results runtmp
    mkdir results runtmp
    rm -f slow.txt
    mkfifo slow.txt || return 1
    # in its own process group, whose id is its pid, with SIGINT back to
    # its default (sh ignores it in background jobs)
    # shellcheck disable=SC2086
    TMPDIR=$TMP/runtmp perl -e '$SIG{INT} = "DEFAULT"; setpgrp(0, 0); exec @ARGV' \
        "$LA" $LEXOPTS -j 2 -o results/table.tsv corpus slow.txt >out 2>err &
    pid=$!
    exec 5>slow.txt         # returns once tokenize has opened the fifo
    if [ "$2" = group ]; then kill -s "$1" -- "-$pid"; else kill -s "$1" "$pid"; fi
    { wait "$pid"; } 2>/dev/null
    status=$?
    exec 5>&-
}

interrupt INT group
ok "SIGINT to the group: the script dies of SIGINT" test "$status" = 130
ok "no output file" test ! -e results/table.tsv
ok "no temporary file beside it" test -z "$(ls -A results)"
ok "no temporary file in TMPDIR" test -z "$(ls -A runtmp)"
if has_reader slow.txt; then reader=yes; else reader=no; fi
ok "no filter left reading the fifo" test $reader = no
ok "nothing on stdout" test ! -s out

interrupt TERM script
ok "SIGTERM to the script: it dies of SIGTERM" test "$status" = 143
ok "no output file" test ! -e results/table.tsv
ok "no temporary file beside it" test -z "$(ls -A results)"
ok "no temporary file in TMPDIR" test -z "$(ls -A runtmp)"
if has_reader slow.txt; then reader=yes; else reader=no; fi
ok "its workers were stopped too" test $reader = no
ok "nothing on stdout" test ! -s out
