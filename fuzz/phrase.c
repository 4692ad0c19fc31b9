/*
 * Fuzz target: the longest-match phrase matcher (lib/phrase).  The input
 * is a list of phrases, one a line, keys separated by spaces, then a line
 * holding only "--", then a sentence of keys.  The matches are checked
 * against a brute-force leftmost-longest search over the same phrases,
 * and against the search by key numbers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phrase.h"

enum { MAX_KEYS = 64, MAX_PHRASES = 256 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Splits s at spaces into keys (in place); returns their number. */
static size_t
split(char *s, const char **keys)
{
    size_t n = 0;
    char *p;

    for (p = strtok(s, " "); p && n < MAX_KEYS; p = strtok(NULL, " "))
        keys[n++] = p;
    return n;
}

static int
same(const char **a, const char **b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(a[i], b[i]) != 0)
            return 0;
    return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *pk[MAX_PHRASES][MAX_KEYS];
    static size_t pn[MAX_PHRASES];
    static long pe[MAX_PHRASES];
    const char *sk[MAX_KEYS];
    long ids[MAX_KEYS];
    struct phrase_matches by_id = {0};
    char *text = malloc(size + 1), *line, *next, *sent = NULL, packed[4096];
    struct phrase_matches m = {0};
    struct phrase_set *ps = phrase_set_new();
    size_t np = 0, ns, i, j, k, len, best, at;
    long e, want;

    memcpy(text, data, size);
    text[size] = '\0';
    for (line = text; line && np < MAX_PHRASES; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strcmp(line, "--") == 0) {
            sent = next;
            break;
        }
        pn[np] = split(line, pk[np]);
        if (pn[np] == 0)
            continue;
        for (i = 0, len = 0; i < pn[np]; i++) {
            size_t l = strlen(pk[np][i]) + 1;
            if (len + l > sizeof(packed))
                break;
            memcpy(packed + len, pk[np][i], l);
            len += l;
        }
        if (i < pn[np])
            continue;
        pe[np] = phrase_set_add(ps, packed, pn[np], NULL);
        if (pe[np] < 0 || phrase_set_find(ps, packed, pn[np]) != pe[np])
            abort();
        np++;
    }
    ns = sent ? split(sent, sk) : 0;
    phrase_set_match(ps, sk, ns, &m);
    for (i = 0; i < ns; i++)
        ids[i] = phrase_set_key(ps, sk[i]);
    phrase_set_match_keys(ps, ids, ns, &by_id);
    if (by_id.n != m.n ||
        (m.n && memcmp(by_id.v, m.v, m.n * sizeof(*m.v)) != 0))
        abort();
    /* brute force: at each position, the longest phrase that fits */
    for (at = 0, k = 0; at < ns;) {
        best = 0;
        want = -1;
        for (j = 0; j < np; j++)
            if (pn[j] > best && at + pn[j] <= ns &&
                same(pk[j], sk + at, pn[j]))
                best = pn[j], want = pe[j];
        if (!best) {
            at++;
            continue;
        }
        if (k >= m.n || m.v[k].start != at || m.v[k].len != best)
            abort();
        e = m.v[k].entry;
        if (e != want)
            abort();
        k++;
        at += best;
    }
    if (k != m.n)
        abort();
    phrase_matches_release(&m);
    phrase_matches_release(&by_id);
    phrase_set_free(ps);
    free(text);
    return 0;
}
