# t6-label-articles-lib.sh: shared set-up for the label-articles tests
# (sourced after tap.sh; not a test itself).
#
# make_tree builds tree/scripts/label-articles (a copy of the script) and
# tree/bin/ beside it, which the copy uses as its ../bin: a copy of each
# built program from $BIN, or, for a filter not built yet, a stub that adds
# the filter's columns.  The tests name the lexicons (-L $SRC/lexicons).  Tests can then replace
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
            # a copy: a rebuild of bin/ during the test cannot reach it
            cp "$BIN/$p" "tree/bin/$p" || return 1
            "tree/bin/$p" --version >/dev/null 2>&1 ||
                { echo "# $BIN/$p does not run (being rebuilt?)"; return 1; }
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
    printf 'file\tlabel\nLOUD.TXT\toptimistic\n' >corpus/2025/june/labels.tsv
    printf '# Notes\nText with an extension that is not .txt.\n' \
        >corpus/2025/README.md
    printf 'A draft, hidden: never labelled.\n' >corpus/.drafts/draft.txt
    printf 'Hidden file.\n' >corpus/2025/.hidden.txt
}

# the documents make_corpus expects label-articles to find, in doc order
# (labels.tsv and README.md have other extensions: not articles)
# (the file without a suffix only when file(1) is there to call it text)
corpus_docs() {
    printf '%s\n' corpus/2025/june/LOUD.TXT corpus/2025/june/empty.txt
    if command -v file >/dev/null 2>&1; then
        printf '%s\n' corpus/2025/june/notes
    fi
    printf '%s\n' "corpus/2025/june/with space.txt" \
        corpus/2025/may/foundry.txt corpus/2025/may/memory.txt
}

# start_sshd: a throw-away sshd on a loopback port, for the --hosts tests.
# Writes ssh_config with the host aliases la-one and la-two (this sshd),
# la-dead (a closed port), and exports PARALLEL_SSH to use it.  The
# sessions get PATH=tree/bin:... (so the test tree's stancekit is "the one
# installed on the host") and TMPDIR=remote-tmp.  Sets sshd_pid, or
# returns 1 with the reason in $sshd_why.  No sleeps: sshd -D -e tells us
# on a fifo when it listens.
start_sshd() {
    sshd_pid= sshd_why=
    sshd=/usr/sbin/sshd
    [ -x "$sshd" ] || { sshd_why="no $sshd (openssh-server)"; return 1; }
    command -v ssh >/dev/null 2>&1 || { sshd_why="no ssh (openssh-client)"; return 1; }
    command -v ssh-keygen >/dev/null 2>&1 || { sshd_why="no ssh-keygen"; return 1; }
    if [ ! -d /run/sshd ] && [ "$(id -u)" = 0 ]; then
        # sshd run by root chroots its unprivileged child into this empty
        # folder (Debian's service makes it at boot); run by another user,
        # sshd needs no such folder
        mkdir -p /run/sshd 2>/dev/null ||
            { sshd_why="/run/sshd is missing and cannot be created"; return 1; }
    fi
    mkdir -p sshd remote-tmp
    ssh-keygen -q -t ed25519 -N '' -C la-host -f sshd/host_key || return 1
    ssh-keygen -q -t ed25519 -N '' -C la-user -f sshd/user_key || return 1
    cp sshd/user_key.pub sshd/authorized_keys
    user=$(id -un)
    port=$((20000 + $$ % 20000))
    tries=0
    while [ $tries -lt 5 ]; do
        tries=$((tries + 1))
        port=$((port + 1))
        cat >sshd/sshd_config <<EOC
Port $port
ListenAddress 127.0.0.1
HostKey $TMP/sshd/host_key
AuthorizedKeysFile $TMP/sshd/authorized_keys
PidFile $TMP/sshd/sshd.pid
AllowUsers $user
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
SetEnv PATH=$TMP/tree/bin:/usr/local/bin:/usr/bin:/bin TMPDIR=$TMP/remote-tmp LC_ALL=C
LogLevel INFO
EOC
        rm -f sshd/log.fifo
        mkfifo sshd/log.fifo || return 1
        "$sshd" -D -e -f "$TMP/sshd/sshd_config" 2>sshd/log.fifo &
        sshd_pid=$!
        listening=no
        exec 6<sshd/log.fifo
        while IFS= read -r line <&6; do
            printf '%s\n' "$line" >>sshd/log
            case $line in *"Server listening"*) listening=yes; break ;; esac
        done
        cat <&6 >>sshd/log &
        exec 6<&-
        [ $listening = yes ] && break
        wait "$sshd_pid" 2>/dev/null
        sshd_pid=
    done
    if [ -z "$sshd_pid" ]; then
        sshd_why="sshd did not start: $(tail -n 1 sshd/log)"
        return 1
    fi
    cat >ssh_config <<EOC
Host la-one la-two 127.0.0.1
    HostName 127.0.0.1
    Port $port
Host la-dead
    HostName 127.0.0.1
    Port 1
Host *
    User $user
    IdentityFile $TMP/sshd/user_key
    IdentitiesOnly yes
    UserKnownHostsFile /dev/null
    StrictHostKeyChecking no
    BatchMode yes
    LogLevel ERROR
EOC
    PARALLEL_SSH="ssh -F $TMP/ssh_config"
    export PARALLEL_SSH
    if ! ssh -F ssh_config la-one true </dev/null >sshd/probe 2>&1; then
        stop_sshd
        sshd_why="cannot log in: $(tail -n 1 sshd/probe) (sshd: $(grep -v -e 'Server listening' -e 'Received signal' sshd/log | head -n 1))"
        return 1
    fi
    return 0
}

stop_sshd() {
    [ -z "${sshd_pid:-}" ] || { kill "$sshd_pid" 2>/dev/null; wait "$sshd_pid" 2>/dev/null; }
    sshd_pid=
}
