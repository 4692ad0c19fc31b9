#include "stemcache.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/*
 * A slot: one word and its stem, both NUL-terminated, in one 64-byte
 * cache line (a lookup touches one line of memory, not two): the word at
 * text[0], its stem at text[klen + 1].  A pair that does not fit bypasses
 * the cache.
 */
enum { SLOT_SIZE = 64, SLOT_TEXT = SLOT_SIZE - 6 };

/* A word of STEMCACHE_KEY_MAX bytes fits, with a stem as long as itself. */
_Static_assert(2 * (STEMCACHE_KEY_MAX + 1) <= SLOT_TEXT,
               "a slot holds a word and its stem");

struct slot {
    uint32_t hash;
    unsigned char klen; /* 0: empty slot */
    unsigned char slen;
    char text[SLOT_TEXT];
};

_Static_assert(sizeof(struct slot) == SLOT_SIZE, "a slot is a cache line");

struct stemcache {
    struct sb_stemmer *sb;
    struct slot *slots; /* aligned to a cache line, in alloc */
    void *alloc;
    size_t mask;    /* nslots - 1, or 0 with no cache */
    struct buf out; /* an uncached stem, NUL-terminated */
    unsigned long long lookups, hits;
};

struct stemcache *
stemcache_new(const char *lang, size_t nslots, struct sk_err *err)
{
    struct stemcache *sc;
    struct sb_stemmer *sb = sb_stemmer_new(lang, "UTF_8");
    size_t n = 1;

    if (!sb) {
        sk_fail(err, "unknown language '%s'", lang);
        return NULL;
    }
    sc = xcalloc(1, sizeof(*sc));
    sc->sb = sb;
    if (nslots > 0) {
        while (n < nslots)
            n <<= 1;
        /* calloc, not aligned_alloc + memset: pages stay untouched */
        sc->alloc = xcalloc(n + 1, sizeof(*sc->slots));
        sc->slots = (struct slot *)(((uintptr_t)sc->alloc + SLOT_SIZE - 1) &
                                    ~(uintptr_t)(SLOT_SIZE - 1));
        sc->mask = n - 1;
    }
    return sc;
}

void
stemcache_free(struct stemcache *sc)
{
    if (!sc)
        return;
    sb_stemmer_delete(sc->sb);
    free(sc->alloc);
    buf_release(&sc->out);
    free(sc);
}

/* FNV-1a: cheap, and good enough to spread short words over the slots. */
static uint32_t
hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

const char *
stemcache_stem(struct stemcache *sc, const char *word, size_t len,
               size_t *outlen)
{
    struct slot *sl = NULL;
    const sb_symbol *st;
    size_t slen;

    sc->lookups++;
    if (sc->slots && len > 0 && len <= STEMCACHE_KEY_MAX) {
        uint32_t h = hash_bytes(word, len);

        sl = &sc->slots[h & sc->mask];
        if (sl->klen == len && sl->hash == h &&
            memcmp(sl->text, word, len) == 0) {
            sc->hits++;
            *outlen = sl->slen;
            return sl->text + len + 1;
        }
        sl->hash = h;
        sl->klen = 0; /* invalid until filled below */
    }
    st = sb_stemmer_stem(sc->sb, (const sb_symbol *)word, (int)len);
    if (!st)
        return NULL;
    slen = (size_t)sb_stemmer_length(sc->sb);
    if (sl && len + 1 + slen + 1 <= SLOT_TEXT) {
        memcpy(sl->text, word, len);
        sl->text[len] = '\0';
        memcpy(sl->text + len + 1, st, slen);
        sl->text[len + 1 + slen] = '\0';
        sl->klen = (unsigned char)len;
        sl->slen = (unsigned char)slen;
        *outlen = slen;
        return sl->text + len + 1;
    }
    /* libstemmer does not promise a NUL after the stem: copy it. */
    buf_reset(&sc->out);
    buf_add(&sc->out, st, slen);
    *outlen = slen;
    return sc->out.data ? sc->out.data : "";
}

void
stemcache_stats(const struct stemcache *sc, unsigned long long *lookups,
                unsigned long long *hits)
{
    *lookups = sc->lookups;
    *hits = sc->hits;
}

const char **
stemcache_languages(void)
{
    return sb_stemmer_list();
}
