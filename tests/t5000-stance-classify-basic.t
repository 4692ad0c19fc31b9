#!/bin/sh
# stance-classify: labels, evidence, empty documents, negation, targets,
# structure, --explain, on hand-made token streams and a test topic.
. "$(dirname "$0")/tap.sh"
plan 22

TOPIC="--no-default-lexicons --topic $TEST_LEXICONS/topic-test.tsv"

# stream FILE: turns lines "doc<TAB>sentence" into a token stream with the
# columns of tokenize | stem | entity-tag | sentiment-score.  A word is its
# own stem; "word/ID" carries an entity id, "word:1.5" a polarity.  A doc
# with an empty sentence is an empty document.
stream() {
    awk -F'\t' 'BEGIN { OFS = "\t"
        print "doc", "sent", "tok", "start", "end", "type", "token", "norm",
              "stem", "entity", "entity_id", "valence", "polarity" }
    {
        if ($1 != doc) { doc = $1; sent = 0; off = 0 }
        if ($2 == "") { print doc, 0, 0, 0, 0, "empty", "", "", "", "", "", "", ""; next }
        sent++; n = split($2, w, " ")
        for (i = 1; i <= n; i++) {
            id = ""; pol = ""; t = w[i]
            if (t ~ /:[-0-9.]+$/) { pol = t; sub(/.*:/, "", pol); sub(/:[-0-9.]+$/, "", t) }
            if (t ~ /\/[A-Z_]+$/) { id = t; sub(/.*\//, "", id); sub(/\/[A-Z_]+$/, "", t) }
            type = (t ~ /^[[:punct:]]$/) ? "punct" : "word"
            print doc, sent, i, off, off + length(t), type, t, t, t,
                  (id == "" ? "O" : "B-ORG"), id, "", pol
            off += length(t) + 1
        }
    }' "$1"
}

printf 'a\tacme make a breakthrough .\na\tmore word here .\n' >in.txt
printf 'b\tthey fall behind .\nb\tand smuggl chip .\n' >>in.txt
printf 'c\t\n' >>in.txt
stream in.txt >in.tsv
stance-classify $TOPIC in.tsv >out 2>err
ok "exit 0" test $? = 0
printf 'doc\tlabel\tscore\tconfidence\ttokens\tsentences\tevidence\n' >want
ok "header" test "$(head -n 1 out)" = "$(cat want)"
ok "one line per document, the empty one too" test "$(column_of doc out | tr '\n' ' ')" = "a b c "
ok "optimistic" test "$(column_of label out | sed -n 1p)" = optimistic
ok "skeptical" test "$(column_of label out | sed -n 2p)" = skeptical
ok "an empty document is neutral with 0 tokens and sentences" \
    test "$(sed -n 4p out | cut -f2,5,6)" = "$(printf 'neutral\t0\t0')"
ok "evidence names the cues, strongest first" \
    test "$(column_of evidence out | sed -n 2p)" = "fall behind(-3.00); smuggl(-2.50)"

printf 'n\tthey are not fall behind .\n' | { cat >n.txt; stream n.txt >n.tsv; }
ok "negation: not falling behind is optimistic" \
    test "$(stance-classify $TOPIC n.tsv | column_of label /dev/stdin)" = optimistic
printf 'f\tfar from close the gap , they stall .\n' >f.txt; stream f.txt >f.tsv
ok "far from closing the gap is skeptical" \
    test "$(stance-classify $TOPIC f.tsv | column_of label /dev/stdin)" = skeptical
printf 'u\tuntil they close the gap , nothing .\n' >u.txt; stream u.txt >u.tsv
ok "a clause opened by until does not claim its cue" \
    test "$(stance-classify $TOPIC u.tsv | column_of label /dev/stdin)" = skeptical

printf 't\tacme/ACME is great:3 .\nt\tthe ban fail:-2 .\n' >t.txt; stream t.txt >t.tsv
stance-classify $TOPIC t.tsv >out
ok "praise of a +1 target and failure of a -1 target are optimistic" \
    test "$(column_of label out)" = optimistic
ok "targets appear in the evidence" grep -q '@ACME(+1.50); the ban(+' out

{ printf 'w\theadline word\n'
  for i in 1 2 3 4 5 6; do printf 'w\tone two three four five six seven eight they fall behind .\n'; done
  printf 'w\t12 comment\n'
  for i in 1 2 3 4 5 6 7 8 9; do printf 'w\tbreakthrough breakthrough breakthrough !\n'; done
} >w.txt; stream w.txt >w.tsv
ok "reader comments after the body do not decide" \
    test "$(stance-classify $TOPIC w.tsv | column_of label /dev/stdin)" = skeptical

stance-classify $TOPIC --explain w.tsv >ex
ok "--explain: a line per sentence and one per document" test "$(wc -l <ex)" = $((1 + 17 + 1))
ok "--explain: header" test "$(head -n 1 ex)" = "$(printf 'doc\tsent\trole\tweight\tscore\tcontribution\tevidence\ttext')"
ok "--explain: furniture marked" test "$(awk -F'\t' '$3 == "furniture"' ex | wc -l)" = 10
ok "--explain: the document line" test "$(tail -n 1 ex | cut -f2,3)" = "$(printf -- '-\tskeptical')"
ok "--explain: cues with their values" grep -q 'cue:fall behind(-1.50)' ex

printf 'k\tcritic say they fall behind .\nk\ta breakthrough .\nk\tx x x x x x x x x x x x x x x x x x x x x x x x .\nk\tend .\n' >k.txt
stream k.txt >k.tsv
ok "attributed speech of the other side weighs less" \
    test "$(stance-classify $TOPIC k.tsv | column_of label /dev/stdin)" = optimistic

{ cat in.tsv; cat in.tsv; } >twice.tsv
ok "a repeated header is skipped (cat a b | stance-classify)" \
    test "$(stance-classify $TOPIC twice.tsv | wc -l)" = 7
ok "empty input: no output, exit 0" test -z "$(stance-classify $TOPIC </dev/null)"
ok "--threshold makes weak evidence neutral" \
    test "$(stance-classify $TOPIC --threshold 100 in.tsv | column_of label /dev/stdin | sort -u)" = neutral
