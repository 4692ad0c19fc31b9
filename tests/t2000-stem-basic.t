#!/bin/sh
# stem: the stem column, columns by name, pass-through, replace in place,
# empty documents, options, errors and exit codes.
. "$(dirname "$0")/tap.sh"
plan 24

H='doc	sent	tok	start	end	type	token	norm'
printf '%s\n' "$H" \
    'a	1	1	0	7	word	Running	running' \
    'a	1	2	8	13	word	chips	chips' \
    'a	1	3	13	14	punct	,	,' \
    'a	1	4	15	19	number	1990	1990' \
    'a	1	5	20	31	word	Connections	connections' \
    'b	0	0	0	0	empty		' >in.tsv

stem in.tsv >out
ok "exit 0" test $? = 0
ok "the header gains a stem column" \
    test "$(head -1 out)" = "$H	stem"
printf '%s\n' run chip , 1990 connect '' >want
column_of stem out >got
ok "words are stemmed, other tokens keep their norm" test_cmp want got
cut -f1-8 out >got
ok "every other column passes through unchanged" test_cmp in.tsv got
ok "the empty document row passes through" \
    test "$(tail -1 out)" = 'b	0	0	0	0	empty			'

stem out >again
ok "re-running replaces the stem column in place" test_cmp out again

# Columns found by name: another order, an extra column, no type column.
awk -F'\t' 'BEGIN { OFS = "\t" } { print $8, "x" NR, $1 }' in.tsv >odd.tsv
stem odd.tsv >out
ok "columns are found by name" test "$(head -1 out)" = 'norm	x1	doc	stem'
ok "  an unknown column passes through in place" \
    test "$(sed -n 3p out)" = 'chips	x3	a	chip'
ok "  with no type column every token is stemmed" \
    test "$(sed -n 2p out | cut -f4)" = run

printf 'doc\tnorm\ttype\na\tx\\ty\tpunct\na\tfoo\\\\s\tword\n' >esc.tsv
stem esc.tsv >out
ok "escaped fields stay escaped" test "$(column_of stem out | head -1)" = 'x\ty'

: >empty.tsv
stem empty.tsv >out
ok "empty input: no output, exit 0" test $? = 0 -a ! -s out
printf '%s\n' "$H" >hdr.tsv
stem hdr.tsv >out
ok "header-only input: the header" test "$(cat out)" = "$H	stem"

stem in.tsv in.tsv >out
ok "two inputs: one header" test "$(grep -c '^doc' out)" = 1
ok "  and all their rows" test "$(wc -l <out)" = 13
ok_program "a missing file is reported, the others processed" 1 \
    "nosuch.tsv: No such file" stem nosuch.tsv in.tsv
ok "  and its rows are still written" test "$(wc -l <out)" = 7

cut -f1-7 in.tsv >nonorm.tsv
ok_program "no norm column: run tokenize first" 1 \
    "input has no 'norm' column; run tokenize first" stem nonorm.tsv
printf '%s\na\t1\n' "$H" >short.tsv
ok_program "a short row is a data error with file:line" 1 "short.tsv:2:" \
    stem short.tsv

printf 'doc\ttype\tnorm\na\tword\tchevaux\n' >fr.tsv
ok "--language french" test "$(stem --language french fr.tsv | column_of stem -)" = cheval
stem --list-languages >out
ok "--list-languages lists english and porter" \
    sh -c 'grep -qx english out && grep -qx porter out'
ok_program "an unknown language is a usage error" 2 "unknown language 'klingon'" \
    stem --language klingon in.tsv

stem --help >out 2>err
ok "--help: exit 0, stdout" test $? = 0 -a -s out -a ! -s err
ok_program "an unknown option is a usage error" 2 "Try 'stem --help'" \
    stem --bogus
if [ -w /dev/full ]; then
    stem in.tsv >/dev/full 2>err
    ok "a failed write is exit 1" test $? = 1
else
    skip "a failed write is exit 1" "no /dev/full"
fi
