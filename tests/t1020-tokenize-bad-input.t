#!/bin/sh
# tokenize: hostile input is reported and nothing is lost.
. "$(dirname "$0")/tap.sh"
plan 16

D=$TESTDATA/tokenize
tokenize "$D/badutf8.txt" >out 2>err
ok "invalid UTF-8 is not fatal" test $? = 0
ok "one warning per document, with the byte offset" \
    test "$(cat err)" = "tokenize: $D/badutf8.txt: invalid UTF-8 at byte offset 4; replaced with U+FFFD"
ok "bad bytes become U+FFFD tokens" grep -q "	4	5	symbol	$(printf '\357\277\275')	" out
ok "the offsets still point into the original bytes" \
    grep -q '	slash	slash$' out
ok "a truncated sequence at the end of the file" \
    test "$(tail -n 1 out | cut -f4,5)" = "$(printf '55\t57')"

tokenize "$D/bom.txt" >out
ok "a BOM is skipped, offsets count it" test "$(sed -n 2p out | cut -f4,7)" = "$(printf '3\tThe')"
tokenize "$D/crlf.txt" >out
ok "CRLF: a blank line ends the headline" test "$(column_of sent out | sort -un | tail -n 1)" = 3
tokenize "$D/cr.txt" >out
ok "CR-only line ends work the same" test "$(column_of sent out | sort -un | tail -n 1)" = 3

ok_program "a NUL byte marks a binary file" 1 "binary file (NUL byte at byte 9)" \
    tokenize "$D/nul.bin"
ok "a binary file is emitted as an empty document" \
    test "$(sed -n 2p out)" = "$(printf '%s\t0\t0\t0\t0\tempty\t\t' "$D/nul.bin")"

tokenize "$D/empty.txt" >out
ok "an empty file is one empty-document row" \
    test "$(sed -n 2p out)" = "$(printf '%s\t0\t0\t0\t0\tempty\t\t' "$D/empty.txt")"

ok_program "a missing file among many is reported" 1 "missing.txt: No such file" \
    tokenize "$D/wrapped.txt" missing.txt "$D/bom.txt"
ok "the others are still processed, in order, each a document" \
    test "$(column_of doc out | uniq | tr '\n' ' ')" = "$D/wrapped.txt missing.txt $D/bom.txt "
mkdir folder
ok_program "a folder says to use a glob or label-articles" 1 "label-articles" \
    tokenize folder

# A 10 MB file with no line break at all: cut into blocks, nothing lost.
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "word%d ", i % 10 }' >huge.txt
tokenize huge.txt >out 2>err
ok "a 10 MB line is tokenised" test $? = 0
ok "every one of its million tokens is there" test "$(($(wc -l <out) - 1))" = 1000000
