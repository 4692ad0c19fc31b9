/* Unit tests for lib/phrase: longest, leftmost, non-overlapping matches. */
#include "phrase.h"

#include "buf.h"
#include "tap.h"

static struct phrase_set *ps;

/* Adds a phrase written with spaces between its keys. */
static long
add(const char *phrase)
{
    char keys[256];
    size_t n = 1, i;

    snprintf(keys, sizeof(keys), "%s", phrase);
    for (i = 0; keys[i]; i++)
        if (keys[i] == ' ')
            keys[i] = '\0', n++;
    return phrase_set_add(ps, keys, n, NULL);
}

/* The matches in a sentence of space-separated keys: "start+len=entry". */
static const char *
matches(const char *sentence)
{
    static char copy[512];
    static struct buf out;
    static struct phrase_matches m;
    const char *keys[64];
    size_t n = 0, i;
    char *p;

    snprintf(copy, sizeof(copy), "%s", sentence);
    for (p = strtok(copy, " "); p && n < 64; p = strtok(NULL, " "))
        keys[n++] = p;
    phrase_set_match(ps, keys, n, &m);
    buf_reset(&out);
    for (i = 0; i < m.n; i++)
        buf_addf(&out, "%s%zu+%zu=%ld", i ? " " : "", m.v[i].start, m.v[i].len,
                 m.v[i].entry);
    return out.data ? out.data : "";
}

/* The same matches through key numbers: "start+len=entry". */
static const char *
matches_by_number(const char *sentence)
{
    static char copy[512];
    static struct buf out;
    static struct phrase_matches m;
    long ids[64];
    size_t n = 0, i;
    char *p;

    snprintf(copy, sizeof(copy), "%s", sentence);
    for (p = strtok(copy, " "); p && n < 64; p = strtok(NULL, " "))
        ids[n++] = phrase_set_key(ps, p);
    phrase_set_match_keys(ps, ids, n, &m);
    buf_reset(&out);
    for (i = 0; i < m.n; i++)
        buf_addf(&out, "%s%zu+%zu=%ld", i ? " " : "", m.v[i].start, m.v[i].len,
                 m.v[i].entry);
    return out.data ? out.data : "";
}

/*
 * The leftmost-longest matches found by trying every span against a list
 * of the phrases (each a string of key numbers), for comparison.
 */
static void
reference_matches(const int (*phrases)[3], const int *lens, int nphrases,
                  const int *sent, int n, struct buf *out)
{
    int i = 0, len, best, best_len, p, k;

    buf_reset(out);
    while (i < n) {
        best = -1;
        best_len = 0;
        for (p = 0; p < nphrases; p++) {
            len = lens[p];
            if (i + len > n || len <= best_len)
                continue;
            for (k = 0; k < len && phrases[p][k] == sent[i + k]; k++)
                ;
            if (k == len) {
                best = p;
                best_len = len;
            }
        }
        if (best < 0) {
            i++;
            continue;
        }
        buf_addf(out, "%d+%d=%d ", i, best_len, best);
        i += best_len;
    }
}

/*
 * Random phrases of up to three keys out of a few words, and random
 * sentences: the set finds what the reference finds.  Returns the
 * sentences that differ.
 */
static int
random_sentences_differ(void)
{
    static const char *const words[] = {"a", "b", "c", "d", "e", "f"};
    enum { NPHRASES = 40, NWORDS = 6 };
    int phrases[NPHRASES][3], lens[NPHRASES], sent[12], p, k, t, n, bad = 0;
    unsigned long rng = 7;
    struct phrase_set *set = phrase_set_new();
    struct phrase_matches m = {0};
    struct buf want = BUF_INIT, got = BUF_INIT, keys = BUF_INIT;
    const char *strs[12];
    size_t i;

    for (p = 0; p < NPHRASES; p++) {
        int is_new;

        do {
            buf_reset(&keys);
            rng = rng * 6364136223846793005u + 1;
            lens[p] = 1 + (int)(rng >> 40) % 3;
            for (k = 0; k < lens[p]; k++) {
                rng = rng * 6364136223846793005u + 1;
                phrases[p][k] = (int)(rng >> 40) % NWORDS;
                buf_add(&keys, words[phrases[p][k]],
                        strlen(words[phrases[p][k]]) + 1);
            }
            phrase_set_add(set, keys.data, (size_t)lens[p], &is_new);
        } while (!is_new); /* a repeated phrase: draw again */
    }
    for (t = 0; t < 2000; t++) {
        rng = rng * 6364136223846793005u + 1;
        n = (int)(rng >> 40) % 12;
        for (k = 0; k < n; k++) {
            rng = rng * 6364136223846793005u + 1;
            sent[k] = (int)(rng >> 40) % (NWORDS + 1); /* NWORDS: unknown */
            strs[k] = sent[k] < NWORDS ? words[sent[k]] : "zz";
        }
        reference_matches(phrases, lens, NPHRASES, sent, n, &want);
        phrase_set_match(set, strs, (size_t)n, &m);
        buf_reset(&got);
        for (i = 0; i < m.n; i++)
            buf_addf(&got, "%zu+%zu=%ld ", m.v[i].start, m.v[i].len,
                     m.v[i].entry);
        if (strcmp(want.data ? want.data : "", got.data ? got.data : "") &&
            bad++ < 3)
            diag("want '%s', got '%s'", want.data, got.data);
    }
    buf_release(&want);
    buf_release(&got);
    buf_release(&keys);
    phrase_matches_release(&m);
    phrase_set_free(set);
    return bad;
}

int
main(void)
{
    char big[32];
    int is_new, i;
    long e, ids[3];

    plan(22);
    ps = phrase_set_new();
    is_int(0, add("fall"), "first entry is 0");
    is_int(1, add("fall behind"), "second entry is 1");
    is_int(2, add("behind schedule"), "third entry is 2");
    is_int(3, add("choke point"), "fourth entry is 3");
    e = phrase_set_add(ps, "fall\0behind", 2, &is_new);
    ok(e == 1 && !is_new, "adding a phrase again returns its entry");
    is_int(1, phrase_set_find(ps, "fall\0behind", 2), "find");
    is_string("1+2=1", matches("we fall behind schedule"),
              "the longest match at the leftmost position wins");
    is_string("0+1=0 2+2=3", matches("fall at choke point"),
              "several matches in order");
    is_string("2+2=3", matches("a choke choke point"),
              "a prefix of an entry does not match");
    is_string("3+2=3", matches("one two three choke point"),
              "a phrase at the end of a sentence");
    is_string("", matches("choke"), "a sentence ending inside a phrase");
    for (i = 0; i < 50000; i++) {
        snprintf(big, sizeof(big), "w%d x%d", i, i % 7);
        add(big);
    }
    is_string("1+2=53", matches("a w49 x0 b"),
              "still right after 50,000 more entries");
    is_string("1+2=53", matches_by_number("a w49 x0 b"),
              "the same through key numbers");
    is_string("0+2=1 2+2=3", matches_by_number("fall behind choke point"),
              "key numbers: several matches");
    is_int(0, phrase_set_key(ps, "fall"), "keys are numbered from 0");
    is_int(-1, phrase_set_key(ps, "nowhere"), "an unknown key has none");
    e = phrase_set_intern(ps, "nowhere");
    ok(e == (long)phrase_set_nkeys(ps) - 1 &&
           phrase_set_key(ps, "nowhere") == e,
       "interning gives a new key the next number");
    is_int(e, phrase_set_intern(ps, "nowhere"), "... and the same again");
    is_int(-1, phrase_set_find(ps, "nowhere", 1), "... without an entry");
    ids[0] = phrase_set_key(ps, "fall");
    ids[1] = phrase_set_key(ps, "behind");
    is_int(1, phrase_set_find_keys(ps, ids, 2), "find by key numbers");
    ids[1] = -1;
    is_int(-1, phrase_set_find_keys(ps, ids, 2), "-1 finds nothing");
    is_int(0, random_sentences_differ(),
           "random phrases: the same matches as trying every span");
    phrase_set_free(ps);
    return tap_done();
}
