#ifndef SK_PHRASE_H
#define SK_PHRASE_H

/*
 * A set of phrases, each a sequence of token keys (norms or stems), and
 * the longest-match search for them over a sentence's tokens.  Entries are
 * numbered from 0 in the order they were first added; the caller keeps
 * its values in an array indexed by that number.
 *
 * The search is leftmost-longest and non-overlapping; its cost is one
 * hash lookup per token and per token of a partial match, whatever the
 * number of entries.
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

#endif
