#!/bin/sh
# sentiment-score at token level: the valence and polarity columns,
# pass-through, re-runs, repeated headers, empty documents.
. "$(dirname "$0")/tap.sh"
plan 9

ss() {
    sentiment-score --no-default-lexicons \
        -l "$TEST_LEXICONS/sentiment-vader.tsv" \
        -l "$TEST_LEXICONS/sentiment-modifiers.tsv" "$@"
}

printf 'The chips are not good.\nVERY good :)\n' >a.txt
tokenize a.txt >a.tok
ss a.tok >out
ok "valence and polarity are appended" \
    test "$(head -n 1 out)" = "$(printf 'doc\tsent\ttok\tstart\tend\ttype\ttoken\tnorm\tvalence\tpolarity')"
column_of valence out | tr '\n' ' ' >got
printf '    2   2 2  ' >want
ok "valence: the lexicon value on the word's token, empty elsewhere" test_cmp want got
column_of polarity out | tr '\n' ' ' >got
# not good: 2 * -0.74; VERY good: 2 + 0.293 + 0.733 (a capitalised booster
# among other words); ':)' is one word on its first token, and VERY two
# words before it adds (0.293 + 0.733) * 0.95
printf '    -1.4800   3.0260 2.9747  ' >want
ok "polarity: after negation, boosters and capitals" test_cmp want got

awk -F'\t' -v OFS='\t' '{ print $0, NR == 1 ? "extra" : "x" NR }' a.tok >b.tok
ss b.tok >out2
ok "other columns pass through, the new ones come last" \
    test "$(column_of extra out2 | tr -d '\n')" = "$(seq 2 $(wc -l <a.tok) | sed 's/^/x/' | tr -d '\n')" \
    -a "$(head -n 1 out2 | cut -f 9-)" = "$(printf 'extra\tvalence\tpolarity')"
ss out >out3
ok "running it again replaces its columns in place" test_cmp out out3
cat a.tok a.tok | ss >out4
ok "a repeated header is skipped" \
    test "$(grep -c '^doc' out4)" = 1 -a "$(wc -l <out4)" = $(($(wc -l <out) * 2 - 1))

: >empty.txt
tokenize empty.txt | ss >out5
ok "an empty document passes through" \
    test "$(sed -n 2p out5)" = "$(printf 'empty.txt\t0\t0\t0\t0\tempty\t\t\t\t')"

cut -f 1-7 a.tok >nonorm.tok
ok_program "a missing norm column names tokenize" 1 \
    "input has no 'norm' column; run tokenize first" ss nonorm.tok
ok "and nothing is written" test ! -s out
