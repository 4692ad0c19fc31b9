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
        buf_addf(&out, "%s%zu+%zu=%ld", i ? " " : "", m.v[i].start,
                 m.v[i].len, m.v[i].entry);
    return out.data ? out.data : "";
}

int
main(void)
{
    char big[32];
    int is_new, i;
    long e;

    plan(12);
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
    phrase_set_free(ps);
    return tap_done();
}
