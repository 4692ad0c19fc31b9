#!/bin/sh
# entity-tag: BIO tags and ids from a gazetteer, patterns and guesses;
# columns by name, pass-through, replace in place, empty documents.
. "$(dirname "$0")/tap.sh"
plan 19

L="-n -l $TEST_LEXICONS/entity-gaz.tsv -l $TEST_LEXICONS/entity-patterns.tsv -l $TEST_LEXICONS/entity-cues.tsv"

# "token/TAG/ID" for each token of the output, one a line.
tags() {
    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        { print $c["token"] "/" $c["entity"] "/" $c["entity_id"] }' "$1"
}

printf 'Acme Widgets’s Widgetron 9 costs $4.5bn at 7 nm, said Dr. Ines Okafor of Ruritania.\n' >a.txt
tokenize a.txt >tok.tsv
entity-tag $L tok.tsv >out
ok "exit 0" test $? = 0
ok "the header gains entity and entity_id" \
    test "$(head -1 out)" = "$(head -1 tok.tsv)	entity	entity_id"
cat >want <<'W'
Acme/B-ORG/ACME
Widgets/I-ORG/ACME
’s/O/
Widgetron/B-PRODUCT/WIDGETRON_9
9/I-PRODUCT/WIDGETRON_9
costs/O/
$/B-MONEY/
4.5bn/I-MONEY/
at/O/
7/B-NODE/
nm/I-NODE/
,/O/
said/O/
Dr/O/
./O/
Ines/B-PER/
Okafor/I-PER/
of/O/
Ruritania/B-LOC/RU_LAND
./O/
W
tags out >got
ok "gazetteer, clitic, patterns and a guessed PER" test_cmp want got
cut -f1-8 out >got
ok "the input columns pass through unchanged" test_cmp tok.tsv got
entity-tag $L out >again
ok "re-running replaces both columns in place" test_cmp out again

printf 'The U.S. and the US, not us. The widget rule binds Maria, Wu Lan and Brigadier Stone.\n' >b.txt
tokenize b.txt | entity-tag $L >out
tags out | grep -v '/O/$' >got
cat >want <<'W'
U.S/B-LOC/US
./I-LOC/US
US/B-LOC/US
widget/B-LAW/WIDGET_RULE
rule/I-LAW/WIDGET_RULE
Maria/B-PER/
Wu/B-PER/
Lan/I-PER/
Stone/B-PER/
W
ok "aliases, the case rule, and cues from a cue file" test_cmp want got

tokenize a.txt | entity-tag $L --no-guess --no-patterns >out
ok "--no-guess --no-patterns leave only the gazetteer" \
    test "$(tags out | grep -c '/[BI]-')" = 5

# Columns by name: another order, an extra column, no offsets or type.
awk -F'\t' 'BEGIN { OFS = "\t" } { print $8, $1, "x", $2, $7 }' tok.tsv >odd.tsv
entity-tag $L odd.tsv >out
ok "columns are found by name" \
    test "$(head -1 out)" = 'norm	doc	x	sent	token	entity	entity_id'
ok "  and the gazetteer still matches" \
    test "$(sed -n 2p out | cut -f6-)" = 'B-ORG	ACME'
ok "  and patterns see tokens spaced apart without offsets" \
    test "$(sed -n 11p out | cut -f5-)" = '7	B-NODE	'

: >empty.txt
tokenize empty.txt | entity-tag $L >out
ok "an empty document's row passes through as O" \
    test "$(sed -n 2p out)" = 'empty.txt	0	0	0	0	empty			O	'

: >nothing.tsv
entity-tag $L nothing.tsv >out
ok "empty input: no output, exit 0" test $? = 0 -a ! -s out
head -1 tok.tsv >hdr.tsv
entity-tag $L hdr.tsv >out
ok "header-only input: the header" \
    test "$(cat out)" = "$(head -1 tok.tsv)	entity	entity_id"

printf 'Acme.\n\nAcme again.\n' | tokenize | entity-tag $L >out
ok "each sentence is tagged on its own" \
    test "$(column_of entity out | tr '\n' ' ')" = 'B-ORG O B-ORG O O '

tokenize a.txt >one.tsv
tokenize b.txt >two.tsv
entity-tag $L one.tsv two.tsv >out
ok "two inputs: one header" test "$(grep -c '^doc' out)" = 1
ok "  and every row" test "$(wc -l <out)" = $(( $(wc -l <one.tsv) + $(wc -l <two.tsv) - 1 ))
ok_program "a missing input is reported, the others still tagged" 1 \
    "nosuch.tsv: No such file" entity-tag $L nosuch.tsv one.tsv
ok "  and written" test "$(wc -l <out)" = "$(wc -l <one.tsv)"

# The bundled lexicons, from the source tree.
printf 'Huawei’s Ascend 910C, made by SMIC on its N+2 node, rivals the H20.\n' >c.txt
tokenize c.txt | entity-tag -n -L "$SRC/lexicons" >out
tags out | grep -v '/O/$' >got
cat >want <<'W'
Huawei/B-ORG/HUAWEI
Ascend/B-PRODUCT/ASCEND_910C
910C/I-PRODUCT/ASCEND_910C
SMIC/B-ORG/SMIC
N/B-NODE/
+/I-NODE/
2/I-NODE/
H20/B-PRODUCT/H20
W
ok "the bundled gazetteer and patterns" test_cmp want got
