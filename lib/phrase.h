#ifndef SK_PHRASE_H
#define SK_PHRASE_H

/*
 * A set of phrases, each a sequence of token keys (norms or stems), and
 * the longest-match search for them over a sentence's tokens.  Entries are
 * numbered from 0 in the order they were first added; the caller keeps
 * its values in an array indexed by that number.
 *
 * Each distinct key string is stored once and numbered from 0 too; a
 * caller that looks at each token more than once can look its key up
 * once (phrase_set_key) and search with the numbers.  A caller may also
 * number words of its own that start no phrase (phrase_set_intern), to
 * keep data of its own per key.
 *
 * The search is leftmost-longest and non-overlapping; its cost is one
 * hash lookup per token and per token of a partial match, whatever the
 * number of entries.  Memory: about 40 bytes per phrase token and 20 per
 * distinct key plus its text.
 */

#include <stddef.h>

struct phrase_set;

struct phrase_set *phrase_set_new(void);
void phrase_set_free(struct phrase_set *ps);

/*
 * Adds a phrase of n keys, given one after another, each NUL-terminated
 * (as text_phrase_norms writes them).  Returns its entry number; *is_new
 * (may be NULL) is 0 when the same sequence was added before, in which
 * case that entry's number is returned.  n must be at least 1.
 */
long phrase_set_add(struct phrase_set *ps, const char *keys, size_t n,
                    int *is_new);

/* The entry for exactly these keys, or -1. */
long phrase_set_find(const struct phrase_set *ps, const char *keys,
                     size_t n);

size_t phrase_set_size(const struct phrase_set *ps);

/* The longest number of keys in any phrase. */
size_t phrase_set_max_len(const struct phrase_set *ps);

struct phrase_match {
    size_t start;   /* first token */
    size_t len;     /* number of tokens */
    long entry;
};

struct phrase_matches {
    struct phrase_match *v;
    size_t n, cap;
};

void phrase_matches_release(struct phrase_matches *m);

/*
 * Finds the phrases among keys[0..n) (NUL-terminated strings) and writes
 * the matches to out (overwritten), in order.  Returns out->n.
 */
size_t phrase_set_match(const struct phrase_set *ps, const char *const *keys,
                        size_t n, struct phrase_matches *out);

/* ---- keys by number ---------------------------------------------------- */

/* The number of key, or -1 when no phrase or caller added it. */
long phrase_set_key(const struct phrase_set *ps, const char *key);

/* The number of key, added when new (it starts no phrase by that). */
long phrase_set_intern(struct phrase_set *ps, const char *key);

/* How many keys have numbers (they run from 0 to this - 1). */
size_t phrase_set_nkeys(const struct phrase_set *ps);

/* As phrase_set_find, with key numbers (-1 matches nothing). */
long phrase_set_find_keys(const struct phrase_set *ps, const long *ids,
                          size_t n);

/* As phrase_set_match, with key numbers (-1 matches nothing). */
size_t phrase_set_match_keys(const struct phrase_set *ps, const long *ids,
                             size_t n, struct phrase_matches *out);

#endif
