#include "phrase.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

/*
 * Keys are interned: their strings lie one after another in text, and an
 * open-addressing table of (hash, number) finds a string's number.  The
 * phrases form a trie whose edges live in a second open-addressing table
 * keyed by (parent node, key number): three 32-bit numbers an edge, no
 * pointer and no string of its own, so 200,000 phrases take a few MB.
 * Node 0 is the root; each node records the entry that ends there, or -1.
 */
struct edge {
    uint32_t parent;
    uint32_t key;
    uint32_t child; /* 0: empty slot (the root is no one's child) */
};

struct phrase_set {
    struct buf text;  /* key strings, each NUL-terminated */
    uint32_t *key_at; /* per key number: its offset in text */
    size_t nkeys, keys_cap;
    uint64_t *key_slots;  /* hash << 32 | (number + 1); 0: empty */
    size_t key_slots_cap; /* a power of two */
    struct edge *edges;
    size_t nedges, edges_cap; /* a power of two */
    int32_t *entry_at;        /* per node */
    size_t nnodes, nodes_cap;
    size_t nentries, max_len;
};

/* Tables grow past 4/5 full: probes stay short, memory stays small. */
static int
too_full(size_t n, size_t cap)
{
    return (n + 1) * 5 > cap * 4;
}

static uint32_t
hash_key(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */

    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static size_t
edge_slot(uint32_t parent, uint32_t key, size_t cap)
{
    uint64_t h = ((uint64_t)parent << 32 | key) * 0x9e3779b97f4a7c15u;

    return (size_t)(h >> 32) & (cap - 1);
}

struct phrase_set *
phrase_set_new(void)
{
    struct phrase_set *ps = xcalloc(1, sizeof(*ps));

    ps->key_slots_cap = 16;
    ps->key_slots = xcalloc(ps->key_slots_cap, sizeof(*ps->key_slots));
    ps->edges_cap = 16;
    ps->edges = xcalloc(ps->edges_cap, sizeof(*ps->edges));
    ps->nodes_cap = 16;
    ps->entry_at = xmalloc(ps->nodes_cap * sizeof(*ps->entry_at));
    ps->entry_at[0] = -1;
    ps->nnodes = 1;
    return ps;
}

void
phrase_set_free(struct phrase_set *ps)
{
    if (!ps)
        return;
    buf_release(&ps->text);
    free(ps->key_at);
    free(ps->key_slots);
    free(ps->edges);
    free(ps->entry_at);
    free(ps);
}

/* ---- keys -------------------------------------------------------------- */

static long
find_key(const struct phrase_set *ps, const char *key, uint32_t h)
{
    size_t mask = ps->key_slots_cap - 1, i = h & mask;
    uint64_t slot;

    for (;; i = (i + 1) & mask) {
        slot = ps->key_slots[i];
        if (!slot)
            return -1;
        if ((uint32_t)(slot >> 32) == h) {
            uint32_t id = (uint32_t)slot - 1;

            if (strcmp(ps->text.data + ps->key_at[id], key) == 0)
                return id;
        }
    }
}

static void
put_key_slot(uint64_t *slots, size_t cap, uint64_t slot)
{
    size_t i = (size_t)(slot >> 32) & (cap - 1);

    while (slots[i])
        i = (i + 1) & (cap - 1);
    slots[i] = slot;
}

static void
grow_key_slots(struct phrase_set *ps)
{
    size_t i, cap = ps->key_slots_cap * 2;
    uint64_t *slots = xcalloc(cap, sizeof(*slots));

    for (i = 0; i < ps->key_slots_cap; i++)
        if (ps->key_slots[i])
            put_key_slot(slots, cap, ps->key_slots[i]);
    free(ps->key_slots);
    ps->key_slots = slots;
    ps->key_slots_cap = cap;
}

long
phrase_set_key(const struct phrase_set *ps, const char *key)
{
    return find_key(ps, key, hash_key(key));
}

long
phrase_set_intern(struct phrase_set *ps, const char *key)
{
    uint32_t h = hash_key(key);
    long id = find_key(ps, key, h);

    if (id >= 0)
        return id;
    if (too_full(ps->nkeys, ps->key_slots_cap))
        grow_key_slots(ps);
    if (ps->nkeys == ps->keys_cap) {
        ps->keys_cap = ps->keys_cap ? 2 * ps->keys_cap : 16;
        ps->key_at = xrealloc(ps->key_at, ps->keys_cap * sizeof(*ps->key_at));
    }
    id = (long)ps->nkeys++;
    ps->key_at[id] = (uint32_t)ps->text.len;
    buf_add(&ps->text, key, strlen(key) + 1);
    put_key_slot(ps->key_slots, ps->key_slots_cap,
                 (uint64_t)h << 32 | (uint64_t)(id + 1));
    return id;
}

size_t
phrase_set_nkeys(const struct phrase_set *ps)
{
    return ps->nkeys;
}

/* ---- the trie ---------------------------------------------------------- */

static long
find_child(const struct phrase_set *ps, uint32_t parent, uint32_t key)
{
    size_t mask = ps->edges_cap - 1, i = edge_slot(parent, key, ps->edges_cap);

    for (;; i = (i + 1) & mask) {
        const struct edge *e = &ps->edges[i];

        if (!e->child)
            return -1;
        if (e->parent == parent && e->key == key)
            return e->child;
    }
}

static void
put_edge(struct edge *edges, size_t cap, struct edge e)
{
    size_t i = edge_slot(e.parent, e.key, cap);

    while (edges[i].child)
        i = (i + 1) & (cap - 1);
    edges[i] = e;
}

static void
grow_edges(struct phrase_set *ps)
{
    size_t i, cap = ps->edges_cap * 2;
    struct edge *edges = xcalloc(cap, sizeof(*edges));

    for (i = 0; i < ps->edges_cap; i++)
        if (ps->edges[i].child)
            put_edge(edges, cap, ps->edges[i]);
    free(ps->edges);
    ps->edges = edges;
    ps->edges_cap = cap;
}

static uint32_t
add_child(struct phrase_set *ps, uint32_t parent, uint32_t key)
{
    struct edge e;

    if (too_full(ps->nedges, ps->edges_cap))
        grow_edges(ps);
    if (ps->nnodes == ps->nodes_cap) {
        ps->nodes_cap *= 2;
        ps->entry_at =
            xrealloc(ps->entry_at, ps->nodes_cap * sizeof(*ps->entry_at));
    }
    e.parent = parent;
    e.key = key;
    e.child = (uint32_t)ps->nnodes;
    ps->entry_at[ps->nnodes++] = -1;
    put_edge(ps->edges, ps->edges_cap, e);
    ps->nedges++;
    return e.child;
}

long
phrase_set_add(struct phrase_set *ps, const char *keys, size_t n, int *is_new)
{
    uint32_t node = 0, key;
    size_t i;
    long child;

    for (i = 0; i < n; i++) {
        key = (uint32_t)phrase_set_intern(ps, keys);
        child = find_child(ps, node, key);
        node = child >= 0 ? (uint32_t)child : add_child(ps, node, key);
        keys += strlen(keys) + 1;
    }
    if (is_new)
        *is_new = ps->entry_at[node] < 0;
    if (ps->entry_at[node] < 0) {
        ps->entry_at[node] = (int32_t)ps->nentries++;
        if (n > ps->max_len)
            ps->max_len = n;
    }
    return ps->entry_at[node];
}

long
phrase_set_find(const struct phrase_set *ps, const char *keys, size_t n)
{
    long node = 0, key;
    size_t i;

    for (i = 0; i < n && node >= 0; i++) {
        key = phrase_set_key(ps, keys);
        node = key < 0 ? -1 : find_child(ps, (uint32_t)node, (uint32_t)key);
        keys += strlen(keys) + 1;
    }
    return node >= 0 ? ps->entry_at[node] : -1;
}

long
phrase_set_find_keys(const struct phrase_set *ps, const long *ids, size_t n)
{
    long node = 0;
    size_t i;

    for (i = 0; i < n && node >= 0; i++)
        node =
            ids[i] < 0 ? -1 : find_child(ps, (uint32_t)node, (uint32_t)ids[i]);
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

static void
add_match(struct phrase_matches *out, size_t start, size_t len, long entry)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 16;
        out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
    }
    out->v[out->n].start = start;
    out->v[out->n].len = len;
    out->v[out->n].entry = entry;
    out->n++;
}

/*
 * The search over n tokens given as strings (keys) or as key numbers
 * (ids, when keys is NULL).
 */
static size_t
match(const struct phrase_set *ps, const char *const *keys, const long *ids,
      size_t n, struct phrase_matches *out)
{
    size_t i = 0, j, best_len;
    long node, best, key;

    out->n = 0;
    while (i < n) {
        node = 0;
        best = -1;
        best_len = 0;
        for (j = i; j < n; j++) {
            key = keys ? phrase_set_key(ps, keys[j]) : ids[j];
            if (key < 0)
                break;
            node = find_child(ps, (uint32_t)node, (uint32_t)key);
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
        add_match(out, i, best_len, best);
        i += best_len;
    }
    return out->n;
}

size_t
phrase_set_match(const struct phrase_set *ps, const char *const *keys,
                 size_t n, struct phrase_matches *out)
{
    return match(ps, keys, NULL, n, out);
}

size_t
phrase_set_match_keys(const struct phrase_set *ps, const long *ids, size_t n,
                      struct phrase_matches *out)
{
    return match(ps, NULL, ids, n, out);
}
