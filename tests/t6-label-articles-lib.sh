# t6-label-articles-lib.sh: shared set-up for the label-articles tests
# (sourced after tap.sh; not a test itself).
#
# make_tree builds tree/scripts/label-articles (a copy of the script) and
# tree/bin/ beside it, which the copy uses as its ../bin: each filter there
# runs the built program from $BIN by its full path, or, for a filter not
# built yet, a stub that adds the filter's columns.  Tests can then replace
# one stage (to crash it, say) without touching the source tree.
# make_corpus writes a few articles of our own under corpus/.

STAGES="tokenize stem entity-tag sentiment-score stance-classify"
LA=$TMP/tree/scripts/label-articles
LEXOPTS="--no-default-lexicons -L $SRC/lexicons --topic $SRC/lexicons/topics/china-chips.tsv"

make_tree() {
    mkdir -p tree/scripts tree/bin || return 1
    cp "$SRC/scripts/label-articles" tree/scripts/ || return 1
    for p in $STAGES; do
        if [ -x "$BIN/$p" ]; then
            printf '#!/bin/sh\nexec "%s" "$@"\n' "$BIN/$p" >"tree/bin/$p"
        else
            stub_for "$p" >"tree/bin/$p"
        fi
        chmod +x "tree/bin/$p"
    done
}

# a stand-in that adds the columns of a filter that is not built yet
stub_for() {
    case $1 in
    entity-tag) cols='entity\tentity_id' vals='O\t' ;;
    sentiment-score) cols='valence\tpolarity' vals='\t0' ;;
    stem) cols='stem' vals='' ;;
    *) echo "stub_for: no stub for $1" >&2; return 1 ;;
    esac
    cat <<EOF
#!/bin/sh
# stub for $1 (not built yet): adds its columns
exec awk 'BEGIN { FS = OFS = "\t" }
NR == 1 { print \$0, "$(printf "$cols" | sed 's/\t/", "/g')"; next }
{ print \$0, "$(printf "$vals" | sed 's/\t/", "/g')" }'
EOF
}

# reference LIST: the filter chain run once, directly, over the files named
# in LIST (one a line), rows sorted by doc: what label-articles must write
reference() {
    (
        cd "$TMP" || exit 1
        PATH=$TMP/tree/bin:$PATH
        list=$1
        set --
        while IFS= read -r f; do set -- "$@" "$f"; done <"$list"
        # shellcheck disable=SC2086
        tokenize "$@" | stem | entity-tag $LEXOPTS_NOTOPIC |
            sentiment-score $LEXOPTS_NOTOPIC | stance-classify $LEXOPTS
    ) >ref.raw 2>ref.err
    { head -n 1 ref.raw; tail -n +2 ref.raw | sort -t "$(printf '\t')" -k1,1; }
}
LEXOPTS_NOTOPIC="--no-default-lexicons -L $SRC/lexicons"

make_corpus() {
    mkdir -p corpus/2025/may corpus/2025/june corpus/.drafts || return 1
    cat >corpus/2025/may/foundry.txt <<'EOF'
Domestic foundry output grows again

The new fab reached volume production ahead of schedule. Engineers say
the independent supply chain for mature nodes is now self-sufficient, and
the export controls have accelerated local investment. This is a real
breakthrough for the domestic chip industry.
EOF
    cat >corpus/2025/may/memory.txt <<'EOF'
Yield problems hold back the new accelerator

Analysts say the chip maker remains generations behind the leading
foundries. Yield problems at the advanced node persist, equipment is hard
to obtain, and the firm is falling further behind. The choke point on
lithography tools is working.
EOF
    cat >corpus/2025/june/notes <<'EOF'
Meeting notes without a suffix: plain text, so it is labelled.  Nothing
here says much about chips either way.
EOF
    : >corpus/2025/june/empty.txt
    printf 'Upper-case suffix.  The programme made a breakthrough.\n' \
        >corpus/2025/june/LOUD.TXT
    printf 'A name with a space.  Export controls are working.\n' \
        >"corpus/2025/june/with space.txt"
    printf '\000\001\002\003binary\377\376' >corpus/2025/june/image.dat
    printf 'A draft, hidden: never labelled.\n' >corpus/.drafts/draft.txt
    printf 'Hidden file.\n' >corpus/2025/.hidden.txt
}

# the documents make_corpus expects label-articles to find, in doc order
corpus_docs() {
    printf '%s\n' corpus/2025/june/LOUD.TXT corpus/2025/june/empty.txt \
        corpus/2025/june/notes "corpus/2025/june/with space.txt" \
        corpus/2025/may/foundry.txt corpus/2025/may/memory.txt
}
