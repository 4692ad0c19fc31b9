#!/bin/sh
# entity-tag with the bundled lexicons of this source tree: the shapes the
# patterns promise and the aliases the gazetteer promises.
. "$(dirname "$0")/tap.sh"
plan 5

# The entity spans of the text on stdin, one "TYPE|ID|surface" a line.
spans() {
    tokenize | entity-tag -n -L "$SRC/lexicons" | awk -F'\t' '
        NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        function out() { if (s != "") print s; s = "" }
        $c["entity"] ~ /^B-/ { out(); s = substr($c["entity"], 3) "|" $c["entity_id"] "|" $c["token"]; next }
        $c["entity"] ~ /^I-/ { s = s " " $c["token"]; next }
        { out() }
        END { out() }'
}

printf 'SMIC makes 7nm and 5-nanometre chips on its N+2 node, not 3 nm.\n' | spans >got
cat >want <<'W'
ORG|SMIC|SMIC
NODE||7nm
NODE||5 - nanometre
NODE||N + 2
NODE||3 nm
W
ok "process nodes" test_cmp want got

printf 'It cost $1bn, then US$1.5 billion, 47.5 billion yuan and RMB344bn; a $5 part rose 35%% or 4.5 percent.\n' | spans >got
cat >want <<'W'
MONEY||$ 1bn
MONEY||US $ 1.5 billion
MONEY||47.5 billion yuan
MONEY||RMB344bn
MONEY||$ 5
PERCENT||35 %
PERCENT||4.5 percent
W
ok "money and percentages ('a' is not a currency prefix)" test_cmp want got

printf 'In Q3 2025 and on October 7, 2022, Nvidia shipped 384 chips, H20s and the B200.\n' | spans >got
cat >want <<'W'
DATE||Q3 2025
DATE||October 7 , 2022
ORG|NVIDIA|Nvidia
QUANTITY||384 chips
MODEL||H20s
PRODUCT|B200|B200
W
ok "dates, counts and models" test_cmp want got

printf 'The U.S., the USA, America and Washington; not us.\n' | spans >got
cat >want <<'W'
LOC|US|U.S .
LOC|US|USA
LOC|US|America
LOC|US|Washington
W
ok "aliases share the id US; 'us' is not the country" test_cmp want got

printf 'Huawei’s Ascend 910C and the Kirin 9000S in the Mate 60 Pro.\n' | spans >got
cat >want <<'W'
ORG|HUAWEI|Huawei
PRODUCT|ASCEND_910C|Ascend 910C
PRODUCT|KIRIN_9000S|Kirin 9000S
PRODUCT|MATE_60|Mate 60 Pro
W
ok "Huawei's is Huawei; chips and phones" test_cmp want got
