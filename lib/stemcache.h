#ifndef SK_STEMCACHE_H
#define SK_STEMCACHE_H

/*
 * A Snowball stemmer (libstemmer, UTF-8) with a small cache of recent
 * words in front of it.  Text repeats itself, so most tokens are found in
 * the cache and never reach the stemmer.  The cache is direct-mapped: a
 * fixed number of slots, each holding one short word and its stem, a new
 * word replacing whatever was in its slot.  Memory is fixed at creation,
 * 64 bytes a slot (512 KiB for the default 8192), allocated zeroed, so its
 * pages count towards the resident size only as slots are first filled;
 * words longer than STEMCACHE_KEY_MAX bytes, and the rare stem longer than
 * its word, bypass the cache.
 *
 * The stems are libstemmer's, byte for byte: the cache only remembers them.
 */

#include <stddef.h>

#include "util.h"

enum { STEMCACHE_KEY_MAX = 28, STEMCACHE_DEFAULT_SLOTS = 8192 };

struct stemcache;

/*
 * Opens libstemmer's algorithm lang ("english", "porter", "french" ...;
 * also the ISO 639 codes libstemmer accepts, "en", "fr") with nslots cache
 * slots (rounded up to a power of two; 0 means no cache).  NULL with err
 * ("unknown language 'x'") when libstemmer has no such algorithm.
 */
struct stemcache *stemcache_new(const char *lang, size_t nslots,
                                struct sk_err *err);
void stemcache_free(struct stemcache *sc);

/*
 * The stem of word[0..len) (UTF-8); *outlen gets its length.  The result
 * is NUL-terminated, borrowed, and valid until the next call on sc.
 * NULL only when libstemmer runs out of memory.
 */
const char *stemcache_stem(struct stemcache *sc, const char *word, size_t len,
                           size_t *outlen);

/* Cache statistics since creation: lookups and hits. */
void stemcache_stats(const struct stemcache *sc, unsigned long long *lookups,
                     unsigned long long *hits);

/*
 * The algorithm names libstemmer knows, NULL-terminated; static storage
 * owned by libstemmer.
 */
const char **stemcache_languages(void);

#endif
