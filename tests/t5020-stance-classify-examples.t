#!/bin/sh
# stance-classify: the bundled topics load, and the full pipeline labels
# the bundled example articles (examples/*/labels.tsv) as labelled.
. "$(dirname "$0")/tap.sh"
plan 4

LEX="--no-default-lexicons -L $SRC/lexicons"
H='doc	sent	tok	start	end	type	token	norm	stem	entity	entity_id	valence	polarity'
printf '%s\n' "$H" >in.tsv
for topic in china-chips ev-transition; do
    stance-classify $LEX -t $topic in.tsv >out 2>err
    ok "bundled topic $topic loads" test $? = 0 -a ! -s err
done

for p in entity-tag sentiment-score; do
    if [ ! -x "$BIN/$p" ]; then
        skip "examples/china-chips labelled right" "$p not built yet"
        skip "examples/ev-transition labelled right" "$p not built yet"
        exit 0
    fi
done
for topic in china-chips ev-transition; do
    tokenize "$SRC"/examples/$topic/*.txt | stem | entity-tag $LEX |
        sentiment-score $LEX | stance-classify $LEX -t $topic >res 2>err
    evaluate "$SRC/examples/$topic/labels.tsv" res >ev
    sed 's/^/# /' ev | grep -v '^# $' | tail -n 4
    ok "examples/$topic labelled right" grep -q '^accuracy 1.000' ev
done
