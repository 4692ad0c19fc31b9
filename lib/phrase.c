#include "phrase.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

/*
 * The phrases form a trie whose edges live in one open-addressing hash
 * table keyed by (parent node, key string).  Node 0 is the root; each
 * node records the entry that ends there, or -1.
 */
struct edge {
    uint64_t hash;     /* 0: empty slot */
    uint32_t parent;
    uint32_t child;
    uint32_t key;      /* offset of the key in keys */
};

struct phrase_set {
    struct edge *edges;
    size_t nedges, cap;        /* cap is a power of two */
    long *entry_at;            /* per node */
    size_t nnodes, ncap;
    struct buf keys;
    size_t nentries, max_len;
};

static uint64_t
hash_key(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return h;
}

static uint64_t
edge_hash(uint32_t parent, uint64_t key_hash)
{
    uint64_t h = key_hash ^ ((uint64_t)parent * 0x9e3779b97f4a7c15u);

    h ^= h >> 29;
    return h ? h : 1;
}

struct phrase_set *
phrase_set_new(void)
{
    struct phrase_set *ps = xcalloc(1, sizeof(*ps));

    ps->cap = 1024;
    ps->edges = xcalloc(ps->cap, sizeof(*ps->edges));
    ps->ncap = 1024;
    ps->entry_at = xmalloc(ps->ncap * sizeof(*ps->entry_at));
    ps->entry_at[0] = -1;
    ps->nnodes = 1;
    return ps;
}

void
phrase_set_free(struct phrase_set *ps)
{
    if (!ps)
        return;
    free(ps->edges);
    free(ps->entry_at);
    buf_release(&ps->keys);
    free(ps);
}

static long
find_child(const struct phrase_set *ps, uint32_t parent, const char *key,
           uint64_t key_hash)
{
    uint64_t h = edge_hash(parent, key_hash);
    size_t i = h & (ps->cap - 1);

    for (;; i = (i + 1) & (ps->cap - 1)) {
        const struct edge *e = &ps->edges[i];

        if (!e->hash)
            return -1;
        if (e->hash == h && e->parent == parent &&
            strcmp(ps->keys.data + e->key, key) == 0)
            return e->child;
    }
}

static void
insert_edge(struct phrase_set *ps, struct edge e)
{
    size_t i = e.hash & (ps->cap - 1);

    while (ps->edges[i].hash)
        i = (i + 1) & (ps->cap - 1);
    ps->edges[i] = e;
}

static void
grow_edges(struct phrase_set *ps)
{
    struct edge *old = ps->edges;
    size_t i, oldcap = ps->cap;

    ps->cap *= 2;
    ps->edges = xcalloc(ps->cap, sizeof(*ps->edges));
    for (i = 0; i < oldcap; i++)
        if (old[i].hash)
            insert_edge(ps, old[i]);
    free(old);
}

static uint32_t
add_child(struct phrase_set *ps, uint32_t parent, const char *key,
          uint64_t key_hash)
{
    struct edge e;

    if ((ps->nedges + 1) * 4 > ps->cap * 3)
        grow_edges(ps);
    if (ps->nnodes == ps->ncap) {
        ps->ncap *= 2;
        ps->entry_at = xrealloc(ps->entry_at,
                                ps->ncap * sizeof(*ps->entry_at));
    }
    e.hash = edge_hash(parent, key_hash);
    e.parent = parent;
    e.child = (uint32_t)ps->nnodes;
    e.key = (uint32_t)ps->keys.len;
    buf_add(&ps->keys, key, strlen(key) + 1);
    ps->entry_at[ps->nnodes++] = -1;
    insert_edge(ps, e);
    ps->nedges++;
    return e.child;
}

long
phrase_set_add(struct phrase_set *ps, const char *keys, size_t n,
               int *is_new)
{
    uint32_t node = 0;
    size_t i;
    long child;

    for (i = 0; i < n; i++) {
        uint64_t h = hash_key(keys);

        child = find_child(ps, node, keys, h);
        node = child >= 0 ? (uint32_t)child : add_child(ps, node, keys, h);
        keys += strlen(keys) + 1;
    }
    if (is_new)
        *is_new = ps->entry_at[node] < 0;
    if (ps->entry_at[node] < 0) {
        ps->entry_at[node] = (long)ps->nentries++;
        if (n > ps->max_len)
            ps->max_len = n;
    }
    return ps->entry_at[node];
}

long
phrase_set_find(const struct phrase_set *ps, const char *keys, size_t n)
{
    long node = 0;
    size_t i;

    for (i = 0; i < n && node >= 0; i++) {
        node = find_child(ps, (uint32_t)node, keys, hash_key(keys));
        keys += strlen(keys) + 1;
    }
    return node >= 0 ? ps->entry_at[node] : -1;
}

size_t
phrase_set_size(const struct phrase_set *ps)
{
    return ps->nentries;
}

size_t
phrase_set_max_len(const struct phrase_set *ps)
{
    return ps->max_len;
}

void
phrase_matches_release(struct phrase_matches *m)
{
    free(m->v);
    memset(m, 0, sizeof(*m));
}

size_t
phrase_set_match(const struct phrase_set *ps, const char *const *keys,
                 size_t n, struct phrase_matches *out)
{
    size_t i = 0, j, best_len;
    long node, best;

    out->n = 0;
    while (i < n) {
        node = 0;
        best = -1;
        best_len = 0;
        for (j = i; j < n; j++) {
            node = find_child(ps, (uint32_t)node, keys[j],
                              hash_key(keys[j]));
            if (node < 0)
                break;
            if (ps->entry_at[node] >= 0) {
                best = ps->entry_at[node];
                best_len = j - i + 1;
            }
        }
        if (best < 0) {
            i++;
            continue;
        }
        if (out->n == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 16;
            out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
        }
        out->v[out->n].start = i;
        out->v[out->n].len = best_len;
        out->v[out->n].entry = best;
        out->n++;
        i += best_len;
    }
    return out->n;
}
