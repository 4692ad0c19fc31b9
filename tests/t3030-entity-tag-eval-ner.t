#!/bin/sh
# scripts/eval-ner: span-level P/R/F1 of entity-tag on a small IOB2 file
# written here (gold tokens aligned onto '# text', byte spans compared).
. "$(dirname "$0")/tap.sh"
plan 6

cat >t.iob2 <<'X'
# newdoc id = d1
# sent_id = d1-1
# text = Acme Widgets hired Maria in Ruritania.
1	Acme	B-ORG	-	a
2	Widgets	I-ORG	-	a
3	hired	O	-	-
4	Maria	B-PER	-	a
5	in	O	-	-
6	Ruritania	B-LOC	-	a
7	.	O	-	-

# sent_id = d1-2
# text = Dr. Ines Okafor didn't visit Acme.
1	Dr.	O	-	-
2	Ines	B-PER	-	a
3	Okafor	I-PER	-	a
4	did	O	-	-
5	n't	O	-	-
6	visit	O	-	-
7	Acme	B-ORG	-	a
8	.	O	-	-

# sent_id = d1-3
# text = Nobody saw Zed Corp there.
1	Nobody	O	-	-
2	saw	O	-	-
3	Zed	B-LOC	-	a
4	Corp	I-LOC	-	a
5	there	O	-	-
6	.	O	-	-
X
L="-n -l $TEST_LEXICONS/entity-gaz.tsv -l $TEST_LEXICONS/entity-cues.tsv"
eval-ner t.iob2 $L >out 2>err
ok "exit 0" test $? = 0 -a ! -s err
# gold: ORG 2, PER 2, LOC 2; predicted: Acme Widgets, Acme, Zed Corp (ORG),
# Maria, Ines Okafor (PER), Ruritania (LOC)
ok "PER: all right" grep -q '^PER  *2  *2  *2  P 1.000  R 1.000  F1 1.000$' out
ok "ORG: a wrong type is wrong" grep -q '^ORG  *2  *3  *2  P 0.667  R 1.000  F1 0.800$' out
ok "LOC: and a miss" grep -q '^LOC  *2  *1  *1  P 1.000  R 0.500  F1 0.667$' out
ok "micro average" grep -q '^micro  *6  *6  *5  P 0.833  R 0.833  F1 0.833$' out
eval-ner -v t.iob2 $L >out
ok "-v lists misses and spurious entities" \
    sh -c 'grep -q "^missed   LOC \"Zed Corp\"" out && grep -q "^spurious ORG \"Zed Corp\"" out'
