#!/bin/sh
# stem: Snowball's own test vocabularies (Debian's snowball-data), word
# for word, and again with every word repeated a little later so that the
# second one comes from stem's cache.  Skips when the package is not
# installed.
. "$(dirname "$0")/tap.sh"

data=
for d in /usr/share/snowball/data /usr/share/snowball-data; do
    [ -r "$d/english/voc.txt" ] && data=$d && break
done
[ -n "$data" ] ||
    skip_all "snowball-data is not installed (apt-get install snowball-data)"
plan 4

for lang in english porter; do
    awk 'BEGIN { print "doc\ttype\tnorm" } { print "v\tword\t" $0 }' \
        "$data/$lang/voc.txt" >voc.tsv
    stem --language "$lang" voc.tsv | column_of stem - >got
    if cmp -s got "$data/$lang/output.txt"; then
        ok "$lang: $(wc -l <got) of $(wc -l <"$data/$lang/output.txt") stems match" true
    else
        diff "$data/$lang/output.txt" got | head -20 | sed 's/^/# /'
        ok "$lang: every stem matches Snowball's" false
    fi
    # word i is followed by word i-3 again: a cache hit unless evicted
    awk 'BEGIN { print "doc\ttype\tnorm" }
        { w[NR] = $0; print "v\tword\t" $0; if (NR > 3) print "v\tword\t" w[NR - 3] }' \
        "$data/$lang/voc.txt" >voc2.tsv
    awk '{ w[NR] = $0; print; if (NR > 3) print w[NR - 3] }' \
        "$data/$lang/output.txt" >want2
    stem --language "$lang" voc2.tsv | column_of stem - >got2
    ok "$lang: cached stems match too" cmp -s want2 got2
done
