#!/bin/sh
# sentiment-score --no-news --whole with the bundled lexicons gives VADER's
# numbers.  The sentences are ours; the expected scores are those of npm
# vader-sentiment 1.1.3 on the same sentences (pos neu neg compound).
. "$(dirname "$0")/tap.sh"

cat >cases <<'EOF'
0.135	0.579	0.286	-0.5180	The new chip is very good, but the software is terrible!
0.000	0.543	0.457	-0.5216	I do not love this phone.
0.270	0.360	0.369	-0.2732	The launch was NOT a disaster :)
0.334	0.666	0.000	0.3626	It's kind of nice, at least.
0.000	0.671	0.329	-0.4490	This is the least useful update ever???
0.569	0.431	0.000	0.8230	The team never so happy before.
0.591	0.409	0.000	0.8788	Honestly the results are GREAT and the price is fair.
0.478	0.522	0.000	0.6705	Nothing about this plan is helpful or smart.
EOF
plan $(wc -l <cases)

n=0
while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" | cut -f 5 | tr -d '\n' >"s$n.txt"
    printf '%s' "$line" | cut -f 1-4 >"want$n"
done <cases
sentiment-score --no-default-lexicons -L "$SRC/lexicons" --no-news --whole \
    </dev/null >/dev/null || bail "the bundled lexicons do not load"
i=0
tokenize s*.txt |
    sentiment-score --no-default-lexicons -L "$SRC/lexicons" --no-news --whole |
    tail -n +2 | sort -t "$(printf '\t')" -k1,1 >got
while [ $i -lt $n ]; do
    i=$((i + 1))
    grep "^s$i.txt" got | cut -f 4-7 >"got$i"
    ok "as VADER: $(cut -f 5 <"s$i.txt" | cut -c 1-40)..." test_cmp "want$i" "got$i"
done
