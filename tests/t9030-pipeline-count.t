#!/bin/sh
# The document-count invariant: a mixed batch of good, empty, binary,
# broken and missing files through the whole pipeline gives one result
# line per input, in the order given, whatever went wrong with each.
. "$(dirname "$0")/tap.sh"

LX="-n -L $SRC/lexicons"
plan 17

printf 'Huawei shipped more chips than expected. Analysts were impressed.\n' >good1.txt
printf 'Export controls are hurting SMIC badly, and yields are poor.\n\nNobody expects a quick fix.\n' >good2.txt
: >empty.txt
printf '   \n\n\t\n' >blank.txt
printf 'PK\003\004\000\000binary\000junk' >archive.zip
head -c 3000 /dev/urandom >random.bin
printf 'ok \300\257 then \355\240\200 more \342\202' >badutf8.txt
printf '\357\273\277' >bom-only.txt
printf '!!! ... ??? ---\n' >punct.txt
printf 'Line one.\r\nLine two.\r\n' >crlf.txt
printf 'A name with a space.\n' >'with space.txt'
printf 'A name with a tab.\n' >"$(printf 'with\ttab.txt')"
printf 'A backslash name.\n' >'back\slash.txt'
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "chips %d ", i }' >noline.txt
mkdir folder

set -- good1.txt empty.txt archive.zip missing.txt badutf8.txt blank.txt \
    random.bin bom-only.txt punct.txt crlf.txt 'with space.txt' \
    "$(printf 'with\ttab.txt')" 'back\slash.txt' noline.txt folder \
    other-missing.txt good2.txt
n=$#
# the doc column each input should get: its name, TSV-escaped
for f in "$@"; do printf '%s\n' "$f"; done |
    sed 's/\\/\\\\/g; s/\t/\\t/g' >want

pipeline() {
    tokenize "$@" 2>tokenize.err | stem | entity-tag $LX |
        sentiment-score $LX | stance-classify $LX
}
pipeline "$@" >out 2>err
ok "the pipeline ends with exit 0" test $? = 0
ok "only tokenize complains" test ! -s err
ok "one result line per input" test "$(tail -n +2 out | wc -l)" = $n
cut -f1 out | tail -n +2 >got
ok "in the order given, names escaped" test_cmp want got
ok "a missing file is named" grep -q "missing.txt: No such file" tokenize.err
ok "a binary file is named" grep -q "archive.zip: binary file" tokenize.err
ok "a folder is named" grep -q "folder: is a directory" tokenize.err
ok "bad inputs get zero tokens" \
    test "$(awk -F'\t' '$1 ~ /missing|archive|empty|folder|bom-only|blank/ { print $5 }' out | sort -u)" = 0
ok "good inputs get tokens" \
    test "$(awk -F'\t' '$1 ~ /good/ && $5 > 0' out | wc -l)" = 2
ok "every label is one of three" \
    test "$(tail -n +2 out | cut -f2 | sort -u | grep -cv '^\(optimistic\|skeptical\|neutral\)$')" = 0

# reversed, the same holds
rev=
for f in "$@"; do rev="$f
$rev"; done
printf '%s' "$rev" | sed 's/\\/\\\\/g; s/\t/\\t/g' >want.rev
(
    set -f
    IFS='
'
    # shellcheck disable=SC2086
    set -- $rev
    unset IFS
    pipeline "$@" >out 2>/dev/null
)
cut -f1 out | tail -n +2 >got.rev
ok "reversed: one line per input, in order" test_cmp want.rev got.rev

# stage by stage through files gives the same as the pipe
tokenize "$@" 2>/dev/null >s1
stem s1 >s2 && entity-tag $LX s2 >s3 && sentiment-score $LX s3 >s4 &&
    stance-classify $LX s4 >s5
pipeline "$@" >out 2>/dev/null
ok "stage by stage equals the pipe" test_cmp s5 out

# two batches concatenated (cat a.tsv b.tsv | filter)
tokenize good1.txt empty.txt >b1 2>/dev/null
tokenize missing.txt good2.txt >b2 2>/dev/null
cat b1 b2 | stem | entity-tag $LX | sentiment-score $LX | stance-classify $LX >out
ok "two token streams concatenated: four results" test "$(tail -n +2 out | wc -l)" = 4

# The same file twice in a row is two inputs with one doc id: the filters
# tell them apart by sent and tok starting over (lib/docpos).
pipeline good1.txt good1.txt empty.txt empty.txt >out 2>/dev/null
ok "the same file twice in a row gives two results" \
    test "$(tail -n +2 out | wc -l)" = 4
ok "the two results are equal" \
    test "$(sed -n 2p out | cut -f2-)" = "$(sed -n 3p out | cut -f2-)"
tokenize good1.txt good1.txt 2>/dev/null | stem | entity-tag $LX | sentiment-score $LX --level doc >out
ok "sentiment-score --level doc: two lines, equal" \
    test "$(tail -n +2 out | wc -l)" = 2 -a "$(sed -n 2p out)" = "$(sed -n 3p out)"
tokenize good1.txt 2>/dev/null | stem | entity-tag $LX >once
tokenize good1.txt good1.txt 2>/dev/null | stem | entity-tag $LX >twice
{ cat once; tail -n +2 once; } >want
ok "entity-tag: each copy tagged as when alone" test_cmp want twice
