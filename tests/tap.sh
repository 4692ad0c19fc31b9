# tap.sh: a small TAP library for the shell tests (the c-tap-harness shell
# API plus git's test_cmp), written for stancekit.  Source it:
#
#     . "$(dirname "$0")/tap.sh"
#     plan 2
#     ok "tokenize exists" test -x "$BIN/tokenize"
#     printf 'a\n' >expected; printf 'a\n' >got; ok "same" test_cmp expected got
#
# It sets LC_ALL=C, cds into a fresh temporary folder removed at exit, and
# sets SRC (the source tree), BIN (its bin/) and PATH so the built programs
# come first.  Every test runs hermetically: no $HOME, no installed data.

set -u
LC_ALL=C
export LC_ALL
unset STANCEKIT_LEXICONS
SRC=$(cd "$(dirname "$0")/.." && pwd)
BIN=$SRC/bin
PATH=$BIN:$SRC/scripts:$PATH
export SRC BIN PATH
TESTDATA=$SRC/tests/data
TEST_LEXICONS=$SRC/tests/lexicons
TMP=$(mktemp -d "${TMPDIR:-/tmp}/stancekit-test.XXXXXX")
# at_exit CMD: run CMD when the test file ends, before $TMP goes (a test
# that starts a daemon stops it so); tap.sh owns the EXIT trap.
tap_at_exit=
at_exit() {
    tap_at_exit="$tap_at_exit$1
"
}
trap 'eval "$tap_at_exit"; rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

# VALGRIND (make check VALGRIND=1): every built program runs under valgrind
# memcheck through a wrapper of the same name in a folder put first in
# PATH.  A memory error or a leak (definite, indirect) makes the program
# exit 99 and fails the test file at its end, whatever its tests checked
# (tests/valgrind.supp: PCRE2 JIT code only).
# Tests that make huge inputs divide their sizes by tap_shrink (1; 100
# under valgrind, which is some 50 times slower).
tap_shrink=1
if [ -n "${VALGRIND-}" ] && [ "${VALGRIND-}" != 0 ]; then
    tap_shrink=100
    case $VALGRIND in 1 | yes) VALGRIND=valgrind ;; esac
    mkdir "$TMP/.valgrind"
    for tap_prog in "$BIN"/*; do
        [ -x "$tap_prog" ] || continue
        printf '#!/bin/sh\nexec %s -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --suppressions="%s" --log-file="%s/log.%%p" "%s" "$@"\n' \
            "$VALGRIND" "$SRC/tests/valgrind.supp" "$TMP/.valgrind" "$tap_prog" \
            >"$TMP/.valgrind/${tap_prog##*/}"
        chmod +x "$TMP/.valgrind/${tap_prog##*/}"
    done
    PATH=$TMP/.valgrind:$PATH
    BIN=$TMP/.valgrind
    export PATH BIN
    # at exit, any report fails the test file, whatever its tests checked
    tap_valgrind_report() {
        eval "$tap_at_exit"
        for tap_log in "$TMP"/.valgrind/log.*; do
            [ -s "$tap_log" ] || continue
            echo "# valgrind found errors:"
            sed 's/^/#   /' "$tap_log"
            tap_vg_failed=1
        done
        rm -rf "$TMP"
        [ -z "${tap_vg_failed-}" ] || exit 1
    }
    trap tap_valgrind_report EXIT
fi

tap_count=0
tap_failed=0

plan() {
    echo "1..$1"
}

skip_all() {
    echo "1..0 # SKIP $*"
    exit 0
}

diag() {
    echo "# $*"
}

bail() {
    echo "Bail out! $*"
    exit 255
}

# ok DESCRIPTION COMMAND [ARG...]: passes when COMMAND succeeds.
ok() {
    tap_desc=$1
    shift
    tap_count=$((tap_count + 1))
    if "$@"; then
        echo "ok $tap_count - $tap_desc"
    else
        echo "not ok $tap_count - $tap_desc"
        tap_failed=$((tap_failed + 1))
    fi
}

# skip DESCRIPTION REASON
skip() {
    tap_count=$((tap_count + 1))
    echo "ok $tap_count - $1 # SKIP $2"
}

# test_cmp EXPECTED ACTUAL: like cmp, but shows a diff as comments.
test_cmp() {
    if diff -u "$1" "$2" >tap.diff 2>&1; then
        return 0
    fi
    sed 's/^/# /' tap.diff
    return 1
}

# ok_program DESCRIPTION STATUS EXPECTED_STDERR_SUBSTRING COMMAND...:
# runs COMMAND with stdout to ./out and stderr to ./err, passes when the
# exit status is STATUS and stderr contains the substring.
ok_program() {
    tap_desc=$1
    tap_want=$2
    tap_msg=$3
    shift 3
    "$@" >out 2>err
    tap_got=$?
    tap_count=$((tap_count + 1))
    if [ "$tap_got" = "$tap_want" ] && grep -qF -- "$tap_msg" err; then
        echo "ok $tap_count - $tap_desc"
    else
        echo "not ok $tap_count - $tap_desc"
        echo "# exit status $tap_got (wanted $tap_want); stderr:"
        sed 's/^/#   /' err
        tap_failed=$((tap_failed + 1))
    fi
}

# column_of NAME FILE: the values of column NAME (header line 1), one a line.
column_of() {
    awk -F'\t' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$2"
}
