#include "stance.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "stemcache.h"
#include "text.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

static const char *const kind_names[STANCE_NKINDS] = {
    "cue", "target", "attribution", "negator",
    "contrast", "conclusion", "furniture", "irrealis",
};

int
stance_kind_parse(const char *name)
{
    for (int k = 0; k < STANCE_NKINDS; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return k;
    return -1;
}

const char *
stance_kind_name(enum stance_kind kind)
{
    return (unsigned)kind < STANCE_NKINDS ? kind_names[kind] : "?";
}

const char *
stance_label_name(enum stance_label label)
{
    switch (label) {
    case STANCE_OPTIMISTIC: return "optimistic";
    case STANCE_SKEPTICAL: return "skeptical";
    default: return "neutral";
    }
}

const char *
stance_role_name(enum stance_role role)
{
    switch (role) {
    case STANCE_ROLE_HEADLINE: return "headline";
    case STANCE_ROLE_LEAD: return "lead";
    case STANCE_ROLE_CONCLUSION: return "conclusion";
    case STANCE_ROLE_FURNITURE: return "furniture";
    default: return "body";
    }
}

void
stance_params_init(struct stance_params *p)
{
    p->threshold = 0.05;
    p->min_evidence = 0.5;
    p->neg_window = 3;
    p->target_window = 10;
    p->target_scale = 0.25;
    p->headline_w = 2.0;
    p->lead_w = 1.5;
    p->conclusion_w = 2.5;
    p->lead_frac = 0.15;
    p->conclusion_frac = 0.15;
    p->furniture_frac = 0.4;
    p->furniture_lead = 4;
    p->furniture_short = 6;
    p->confidence_scale = 4.0;
    p->question_w = 0.5;
}

/* ------------------------------------------------------------------ */
/* Topic: phrases as a trie of word numbers, entity ids apart         */
/* ------------------------------------------------------------------ */

struct entry {
    enum stance_kind kind;
    double weight;
    char *label;
};

struct entries {
    struct entry *v;
    size_t n, cap;
};

/*
 * Strings numbered from 0 in the order they were first added: the
 * topic's words and entity ids, looked up once per token.  Open
 * addressing, at most half full, so a miss (most tokens) ends quickly.
 */
struct name_slot {
    uint64_t hash;     /* 0: empty */
    uint32_t at, len;  /* the string in names.text */
    long number;
};

struct names {
    struct name_slot *slots;
    size_t n, cap;     /* cap a power of two, or 0 */
    struct buf text;
};

static uint64_t
name_hash(const char *s, size_t *len)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    const char *p = s;
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    *len = (size_t)(p - s);
    return h ? h : 1;
}

/* The slot of s (hash h, length len): its own, or the empty one. */
static struct name_slot *
name_slot(const struct names *ns, const char *s, size_t len, uint64_t h)
{
    for (size_t i = h & (ns->cap - 1);; i = (i + 1) & (ns->cap - 1)) {
        struct name_slot *e = &ns->slots[i];
        if (!e->hash || (e->hash == h && e->len == len &&
                         memcmp(ns->text.data + e->at, s, len) == 0))
            return e;
    }
}

/* The number of s, or -1. */
static long
names_find(const struct names *ns, const char *s)
{
    size_t len;
    uint64_t h = name_hash(s, &len);
    if (!ns->n)
        return -1;
    const struct name_slot *e = name_slot(ns, s, len, h);
    return e->hash ? e->number : -1;
}

/* The number of s, a new one when s is new. */
static long
names_add(struct names *ns, const char *s)
{
    size_t len;
    uint64_t h = name_hash(s, &len);
    if (2 * (ns->n + 1) > ns->cap) {
        struct name_slot *old = ns->slots;
        size_t oldcap = ns->cap;
        ns->cap = oldcap ? 2 * oldcap : 256;
        ns->slots = xcalloc(ns->cap, sizeof(*ns->slots));
        for (size_t i = 0; i < oldcap; i++) {
            if (!old[i].hash)
                continue;
            size_t j = old[i].hash & (ns->cap - 1);
            while (ns->slots[j].hash)
                j = (j + 1) & (ns->cap - 1);
            ns->slots[j] = old[i];
        }
        free(old);
    }
    struct name_slot *e = name_slot(ns, s, len, h);
    if (!e->hash) {
        e->hash = h;
        e->at = (uint32_t)ns->text.len;
        e->len = (uint32_t)len;
        e->number = (long)ns->n++;
        buf_add(&ns->text, s, len + 1);
    }
    return e->number;
}

static void
names_release(struct names *ns)
{
    free(ns->slots);
    buf_release(&ns->text);
}

/* An edge of the phrase trie: from node parent by word to node child. */
struct edge {
    uint32_t parent_1; /* parent + 1; 0: an empty slot */
    uint32_t word;
    uint32_t child;
};

_Static_assert(STANCE_NKINDS <= 8, "a kind is a bit of an unsigned char");

/*
 * A sentence is looked up once, not once per kind.  words numbers every
 * key of every phrase and records the kinds (a bit each) of the phrases
 * it is in: a token whose key is not there is in no phrase, and a phrase
 * of kind k lies within a run of tokens whose keys have bit k.  The
 * phrases of kind k are the paths from node k of a trie whose edges are
 * word numbers (one hash table for all kinds); node_entry gives the entry
 * a path ends in.  ids numbers the entity ids of "@ID" entries, with the
 * entry of each kind (-1 when none).
 */
struct stance_topic {
    struct entries pe[STANCE_NKINDS], ee[STANCE_NKINDS];
    size_t count[STANCE_NKINDS];
    struct names words;
    unsigned char *word_kinds;                /* per word */
    size_t wcap;
    struct edge *edges;
    size_t nedges, ecap;                      /* ecap a power of two */
    long *node_entry;                         /* per node, -1: none */
    size_t nnodes, ncap;
    struct names ids;
    long (*id_entry)[STANCE_NKINDS];          /* per id */
    size_t icap;
};

struct stance_topic *
stance_topic_new(void)
{
    struct stance_topic *t = xcalloc(1, sizeof(*t));
    t->ecap = 1024;
    t->edges = xcalloc(t->ecap, sizeof(*t->edges));
    t->ncap = 256;
    t->node_entry = xmalloc(t->ncap * sizeof(*t->node_entry));
    for (int k = 0; k < STANCE_NKINDS; k++) /* the roots */
        t->node_entry[t->nnodes++] = -1;
    return t;
}

static void
entries_release(struct entries *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i].label);
    free(e->v);
}

void
stance_topic_free(struct stance_topic *t)
{
    if (!t)
        return;
    for (int k = 0; k < STANCE_NKINDS; k++) {
        entries_release(&t->pe[k]);
        entries_release(&t->ee[k]);
    }
    names_release(&t->words);
    names_release(&t->ids);
    free(t->word_kinds);
    free(t->edges);
    free(t->node_entry);
    free(t->id_entry);
    free(t);
}

static size_t
edge_slot(uint32_t parent, uint32_t word, size_t cap)
{
    uint64_t h = (((uint64_t)parent << 32) | word) * 0x9e3779b97f4a7c15u;
    return (size_t)(h >> 32) & (cap - 1);
}

/* The node reached from parent by word, or -1. */
static inline long
trie_child(const struct stance_topic *t, uint32_t parent, uint32_t word)
{
    for (size_t i = edge_slot(parent, word, t->ecap);;
         i = (i + 1) & (t->ecap - 1)) {
        const struct edge *e = &t->edges[i];
        if (!e->parent_1)
            return -1;
        if (e->parent_1 == parent + 1 && e->word == word)
            return e->child;
    }
}

static void
trie_put(struct stance_topic *t, struct edge e)
{
    size_t i = edge_slot(e.parent_1 - 1, e.word, t->ecap);
    while (t->edges[i].parent_1)
        i = (i + 1) & (t->ecap - 1);
    t->edges[i] = e;
}

/* The node reached from parent by word, made when there is none. */
static uint32_t
trie_step(struct stance_topic *t, uint32_t parent, uint32_t word)
{
    long child = trie_child(t, parent, word);
    if (child >= 0)
        return (uint32_t)child;
    if (2 * (t->nedges + 1) > t->ecap) { /* at most half full */
        struct edge *old = t->edges;
        size_t oldcap = t->ecap;
        t->ecap *= 2;
        t->edges = xcalloc(t->ecap, sizeof(*t->edges));
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].parent_1)
                trie_put(t, old[i]);
        free(old);
    }
    if (t->nnodes == t->ncap) {
        t->ncap *= 2;
        t->node_entry = xrealloc(t->node_entry,
                                 t->ncap * sizeof(*t->node_entry));
    }
    uint32_t node = (uint32_t)t->nnodes++;
    t->node_entry[node] = -1;
    trie_put(t, (struct edge){parent + 1, word, node});
    t->nedges++;
    return node;
}

/*
 * The slot for the phrase of the n keys (NUL-separated) of kind: its
 * entry number in pe[kind], -1 when new.  Numbers its words.
 */
static long *
phrase_slot(struct stance_topic *t, enum stance_kind kind, const char *keys,
            size_t n)
{
    uint32_t node = (uint32_t)kind;
    for (size_t i = 0; i < n; i++, keys += strlen(keys) + 1) {
        long w = names_add(&t->words, keys);
        if ((size_t)w >= t->wcap) {
            size_t cap = t->wcap ? 2 * t->wcap : 256;
            t->word_kinds = xrealloc(t->word_kinds, cap);
            memset(t->word_kinds + t->wcap, 0, cap - t->wcap);
            t->wcap = cap;
        }
        t->word_kinds[w] |= 1u << kind;
        node = trie_step(t, node, (uint32_t)w);
    }
    return &t->node_entry[node];
}

/* The slot for entity id's entry of kind: as phrase_slot. */
static long *
id_slot(struct stance_topic *t, enum stance_kind kind, const char *id)
{
    long i = names_add(&t->ids, id);
    if ((size_t)i >= t->icap) {
        size_t cap = t->icap ? 2 * t->icap : 64;
        t->id_entry = xrealloc(t->id_entry, cap * sizeof(*t->id_entry));
        for (size_t j = t->icap; j < cap; j++)
            for (int k = 0; k < STANCE_NKINDS; k++)
                t->id_entry[j][k] = -1;
        t->icap = cap;
    }
    return &t->id_entry[i][kind];
}

void
stance_topic_add(struct stance_topic *t, enum stance_kind kind,
                 const char *const *keys, size_t n, double weight,
                 const char *label)
{
    struct buf kb = BUF_INIT, lb = BUF_INIT;
    int entity = n == 1 && keys[0][0] == '@' && keys[0][1];
    for (size_t i = 0; i < n; i++) {
        buf_add(&kb, keys[i], strlen(keys[i]) + 1);
        if (i)
            buf_addc(&lb, ' ');
        buf_adds(&lb, keys[i]);
    }
    struct entries *es = entity ? &t->ee[kind] : &t->pe[kind];
    long *slot = entity ? id_slot(t, kind, keys[0] + 1)
                        : phrase_slot(t, kind, kb.data, n);
    int is_new = *slot < 0;
    if (is_new) {
        if (es->n == es->cap) {
            es->cap = es->cap ? 2 * es->cap : 64;
            es->v = xrealloc(es->v, es->cap * sizeof(*es->v));
        }
        *slot = (long)es->n;
        es->v[es->n].label = NULL;
        es->n++;
        t->count[kind]++;
    }
    struct entry *e = &es->v[*slot];
    e->kind = kind;
    e->weight = weight;
    if (is_new || label) {
        free(e->label);
        e->label = xstrdup(label ? label : lb.data);
    }
    buf_release(&kb);
    buf_release(&lb);
}

size_t
stance_topic_count(const struct stance_topic *t, enum stance_kind kind)
{
    return (unsigned)kind < STANCE_NKINDS ? t->count[kind] : 0;
}

static int
has_entity(const struct stance_token *tok)
{
    return tok->entity_id && tok->entity_id[0];
}

/* ------------------------------------------------------------------ */
/* Document                                                            */
/* ------------------------------------------------------------------ */

enum hit_flags {
    HIT_NEGATED = 1 << 0,
    HIT_CONTRAST = 1 << 1,
};

struct hit {
    const struct entry *e;
    double value;   /* within the sentence, before the sentence weight */
    unsigned flags;
};

struct sent {
    size_t first_hit, nhits;
    size_t words;     /* word tokens */
    size_t start;     /* words before it */
    double raw;
    double attr;      /* attribution multiplier, 1 when none */
    double open_w;    /* weight of an opening contrast, 0 when none */
    int concl_marker, furn_marker, question;
    enum stance_role role;
    double weight;
    size_t text;      /* offset into texts */
};

struct span {
    size_t start, len;
    const struct entry *e;
};

/* The matches of one kind in the current sentence, by position. */
struct spans {
    struct span *v;
    size_t n, cap;
};

struct stance_doc {
    const struct stance_topic *t;
    const struct stance_params *params;
    struct sent *s;
    size_t ns, scap;
    struct hit *h;
    size_t nh, hcap;
    struct buf texts;
    size_t tokens, words;
    /* scratch for one sentence: per token, its key's number in the
     * topic's words, the kinds of the phrases it is in, and its entity's
     * number in the topic's ids (-1: none) */
    long *word, *id;
    unsigned char *kinds;
    size_t kcap;
    unsigned sent_kinds;      /* the kinds of all its tokens */
    int any_id;               /* some token has an entry in ids */
    struct spans sp[STANCE_NKINDS];
    unsigned char *covered;
    double *acc;
    size_t ccap, acap;
    int finished;
    /* the sentence being built by stance_doc_add_token */
    struct buf pstr, ptext;
    struct pend { size_t key, ent; double pol; int word; } *p;
    size_t np, pcap;
    long pend_end;
    struct stance_token *ptok;
    size_t ptcap;
};

struct stance_doc *
stance_doc_new(const struct stance_topic *t, const struct stance_params *p)
{
    struct stance_doc *d = xcalloc(1, sizeof(*d));
    d->t = t;
    d->params = p;
    return d;
}

void
stance_doc_free(struct stance_doc *d)
{
    if (!d)
        return;
    free(d->s);
    free(d->h);
    for (int k = 0; k < STANCE_NKINDS; k++)
        free(d->sp[k].v);
    free(d->covered);
    free(d->acc);
    free(d->word);
    free(d->kinds);
    free(d->id);
    free(d->p);
    free(d->ptok);
    buf_release(&d->pstr);
    buf_release(&d->ptext);
    buf_release(&d->texts);
    free(d);
}

void
stance_doc_reset(struct stance_doc *d)
{
    d->ns = d->nh = 0;
    d->tokens = d->words = 0;
    d->np = 0;
    buf_reset(&d->pstr);
    buf_reset(&d->ptext);
    buf_reset(&d->texts);
    d->finished = 0;
}

static struct hit *
add_hit(struct stance_doc *d, const struct entry *e, double value,
        unsigned flags)
{
    if (d->nh == d->hcap) {
        d->hcap = d->hcap ? 2 * d->hcap : 64;
        d->h = xrealloc(d->h, d->hcap * sizeof(*d->h));
    }
    struct hit *h = &d->h[d->nh++];
    h->e = e;
    h->value = value;
    h->flags = flags;
    return h;
}

static void
push_span(struct spans *sp, size_t start, size_t len, const struct entry *e)
{
    if (sp->n == sp->cap) {
        sp->cap = sp->cap ? 2 * sp->cap : 16;
        sp->v = xrealloc(sp->v, sp->cap * sizeof(*sp->v));
    }
    sp->v[sp->n].start = start;
    sp->v[sp->n].len = len;
    sp->v[sp->n].e = e;
    sp->n++;
}

static int
span_cmp(const void *a, const void *b)
{
    size_t x = ((const struct span *)a)->start;
    size_t y = ((const struct span *)b)->start;
    return (x > y) - (x < y);
}

/*
 * Looks the sentence's tokens up in the topic's vocabularies (once, for
 * every kind) into d->word, d->kinds and d->id.
 */
static void
look_up(struct stance_doc *d, const struct stance_token *toks, size_t n)
{
    const struct stance_topic *t = d->t;
    if (n > d->kcap) {
        d->kcap = n;
        d->word = xrealloc(d->word, n * sizeof(*d->word));
        d->kinds = xrealloc(d->kinds, n);
        d->id = xrealloc(d->id, n * sizeof(*d->id));
    }
    int any_ids = t->ids.n > 0;
    d->sent_kinds = 0;
    d->any_id = 0;
    for (size_t i = 0; i < n; i++) {
        long w = names_find(&t->words, toks[i].key);
        d->word[i] = w;
        d->kinds[i] = w >= 0 ? t->word_kinds[w] : 0;
        d->sent_kinds |= d->kinds[i];
        d->id[i] = -1;
        if (any_ids && has_entity(&toks[i])) {
            /* a run of one entity repeats its id: one lookup */
            if (i && d->id[i - 1] >= 0 &&
                strcmp(toks[i].entity_id, toks[i - 1].entity_id) == 0)
                d->id[i] = d->id[i - 1];
            else
                d->id[i] = names_find(&t->ids, toks[i].entity_id);
            d->any_id |= d->id[i] >= 0;
        }
    }
}

/*
 * The longest phrase of kind starting at token i: its entry number, and
 * its length in *len; -1 when none.  Only tokens whose words are in a
 * phrase of the kind can be on its path.
 */
static long
longest_at(const struct stance_doc *d, enum stance_kind kind, size_t i,
           size_t n, size_t *len)
{
    const struct stance_topic *t = d->t;
    unsigned bit = 1u << kind;
    uint32_t node = (uint32_t)kind;
    long best = -1;
    for (size_t j = i; j < n && (d->kinds[j] & bit); j++) {
        long child = trie_child(t, node, (uint32_t)d->word[j]);
        if (child < 0)
            break;
        node = (uint32_t)child;
        if (t->node_entry[node] >= 0) {
            best = t->node_entry[node];
            *len = j - i + 1;
        }
    }
    return best;
}

/*
 * All matches of one kind into d->sp[kind], by position; returns the
 * count.  Phrases first (leftmost-longest, non-overlapping), then runs
 * of tokens with the same entity id on tokens no phrase took.
 */
static size_t
find_all(struct stance_doc *d, enum stance_kind kind, size_t n)
{
    const struct stance_topic *t = d->t;
    struct spans *sp = &d->sp[kind];
    unsigned bit = 1u << kind;
    sp->n = 0;
    if (!t->count[kind])
        return 0;
    if (t->pe[kind].n && (d->sent_kinds & bit)) {
        for (size_t i = 0; i < n;) {
            size_t len = 0;
            long e = d->kinds[i] & bit ? longest_at(d, kind, i, n, &len) : -1;
            if (e < 0) {
                i++;
                continue;
            }
            push_span(sp, i, len, &t->pe[kind].v[e]);
            i += len;
        }
    }
    if (!t->ee[kind].n || !d->any_id)
        return sp->n;
    /* a run of one id with no entry of this kind gives nothing: skipping
     * its tokens one by one ends where the run would have ended */
    size_t nphrase = sp->n, next = 0;
    const struct span *m = sp->v;
    for (size_t i = 0; i < n;) {
        while (next < nphrase && m[next].start + m[next].len <= i)
            next++;
        if (next < nphrase && m[next].start <= i) {
            i = m[next].start + m[next].len;
            continue;
        }
        long id = d->id[i];
        if (id < 0 || t->id_entry[id][kind] < 0) {
            i++;
            continue;
        }
        size_t run = 1;
        while (i + run < n && d->id[i + run] == id &&
               !(next < nphrase && m[next].start <= i + run))
            run++;
        push_span(sp, i, run, &t->ee[kind].v[t->id_entry[id][kind]]);
        m = sp->v; /* push_span may move it */
        i += run;
    }
    if (sp->n > nphrase)
        qsort(sp->v, sp->n, sizeof(*sp->v), span_cmp);
    return sp->n;
}

/* Index of the first word token, n when none. */
static size_t
first_word(const struct stance_token *toks, size_t n)
{
    size_t i = 0;
    while (i < n && !toks[i].is_word)
        i++;
    return i;
}

/*
 * First token a negator may end at to reach a cue starting at token 'at'
 * (the VADER idea of looking a few words back, kept within the clause):
 * fewer than neg_window words between them, no punctuation, no contrast
 * word ("not cheap, but a breakthrough", "no subsidy but a breakthrough"
 * leave the breakthrough alone), and nothing of the previous cue: a
 * negator belongs to the first cue after it (or the cue holding it), so
 * "cannot make ... gets shorter" negates only "make".
 */
static size_t
negation_reach(const struct stance_doc *d, const struct stance_token *toks,
               size_t at, size_t prev_end, const struct span *con,
               size_t ncon)
{
    size_t lo = at;
    while (lo > prev_end && toks[lo - 1].is_word &&
           at - lo + 1 < (size_t)d->params->neg_window)
        lo--;
    /* a negator that is also a contrast ("yet to") ends where the
     * contrast ends, so it still reaches */
    for (size_t i = 0; i < ncon; i++) {
        size_t end = con[i].start + con[i].len;
        if (end > lo && end <= at)
            lo = end;
    }
    return lo;
}

/*
 * Negation multiplier for a cue starting at token 'at': the irrealis
 * words opening its clause, and the negators that reach it
 * (negation_reach).  neg, irr, con: the spans of each kind, sorted.
 */
static double
negation(const struct stance_doc *d, const struct stance_token *toks,
         size_t at, size_t prev_end, const struct span *neg, size_t nneg,
         const struct span *irr, size_t nirr,
         const struct span *con, size_t ncon)
{
    double f = 1.0;
    for (size_t i = 0; i < nirr; i++) {
        size_t j = irr[i].start + irr[i].len;
        /* only opening a clause: "Until X, ..." but not "grow until X" */
        if (j > at || (irr[i].start > 0 && toks[irr[i].start - 1].is_word))
            continue;
        while (j < at && toks[j].is_word)
            j++;
        if (j == at)
            f *= irr[i].e->weight;
    }
    size_t lo = negation_reach(d, toks, at, prev_end, con, ncon);
    for (size_t i = 0; i < nneg; i++) {
        size_t end = neg[i].start + neg[i].len;
        if (neg[i].start >= prev_end && end <= at && end >= lo)
            f *= neg[i].e->weight;
    }
    return f;
}

/*
 * Contrast multiplier for a token at 'at'.  The opening contrast of a
 * sentence is handled between sentences, so it is skipped here.
 */
static double
contrast(const struct stance_token *toks, size_t at,
         const struct span *con, size_t ncon, size_t opening)
{
    double f = 1.0;
    for (size_t i = 0; i < ncon; i++) {
        double w = con[i].e->weight;
        size_t c = con[i].start;
        if (c == opening && w > 1)
            continue;
        if (c + con[i].len <= at) {
            if (w >= 1) {
                f *= w;
            } else {
                /* a concession reaches to the end of its clause */
                size_t j = c + con[i].len;
                while (j < at && toks[j].is_word)
                    j++;
                if (j >= at)
                    f *= w;
            }
        } else if (c >= at && w > 1) {
            f *= 2 - w;
        }
    }
    return f;
}

void
stance_doc_add_sentence(struct stance_doc *d,
                        const struct stance_token *toks, size_t n,
                        const char *text)
{
    const struct stance_params *p = d->params;
    if (d->ns == d->scap) {
        d->scap = d->scap ? 2 * d->scap : 32;
        d->s = xrealloc(d->s, d->scap * sizeof(*d->s));
    }
    struct sent *s = &d->s[d->ns++];
    memset(s, 0, sizeof(*s));
    s->first_hit = d->nh;
    s->attr = 1.0;
    s->start = d->words;
    s->text = d->texts.len;
    buf_adds(&d->texts, text ? text : "");
    buf_addc(&d->texts, '\0');
    for (size_t i = 0; i < n; i++)
        s->words += toks[i].is_word != 0;
    d->words += s->words;
    d->tokens += n;
    if (n == 0)
        return;
    s->question = strcmp(toks[n - 1].key, "?") == 0;

    if (n > d->ccap) {
        d->ccap = n;
        d->covered = xrealloc(d->covered, n);
    }
    memset(d->covered, 0, n);
    look_up(d, toks, n);
    size_t opening = first_word(toks, n);
    for (int kind = 0; kind < STANCE_NKINDS; kind++)
        find_all(d, (enum stance_kind)kind, n);

    /* Structure markers and attribution: whole-sentence properties. */
    const struct spans *m = &d->sp[STANCE_FURNITURE];
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].start <= opening + (size_t)p->furniture_lead &&
            (m->v[i].len > 1 || s->words <= (size_t)p->furniture_short))
            s->furn_marker = 1;
    m = &d->sp[STANCE_CONCLUSION];
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].start == opening)
            s->concl_marker = 1;
    m = &d->sp[STANCE_ATTRIBUTION];
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].e->weight < s->attr)
            s->attr = m->v[i].e->weight;

    /* Negators and contrasts, kept for the cues. */
    const struct spans *neg = &d->sp[STANCE_NEGATOR];
    const struct spans *irr = &d->sp[STANCE_IRREALIS];
    const struct spans *con = &d->sp[STANCE_CONTRAST];
    for (size_t i = 0; i < con->n; i++)
        if (con->v[i].start == opening && con->v[i].e->weight > 1)
            s->open_w = con->v[i].e->weight;

    /* Cues. */
    m = &d->sp[STANCE_CUE];
    for (size_t i = 0; i < m->n; i++) {
        const struct span *c = &m->v[i];
        size_t prev_end = i ? m->v[i - 1].start + m->v[i - 1].len : 0;
        double nf = negation(d, toks, c->start, prev_end, neg->v, neg->n,
                             irr->v, irr->n, con->v, con->n);
        double cf = contrast(toks, c->start, con->v, con->n, opening);
        unsigned fl = (nf != 1.0 ? HIT_NEGATED : 0) |
                      (cf != 1.0 ? HIT_CONTRAST : 0);
        double v = c->e->weight * nf * cf;
        add_hit(d, c->e, v, fl);
        s->raw += v;
        memset(d->covered + c->start, 1, c->len);
    }

    /* Targets: sentiment credited to the nearest one. */
    m = &d->sp[STANCE_TARGET];
    size_t k = m->n;
    if (k) {
        for (size_t i = 0; i < k; i++)
            memset(d->covered + m->v[i].start, 1, m->v[i].len);
        if (k > d->acap) {
            d->acap = k;
            d->acc = xrealloc(d->acc, k * sizeof(*d->acc));
        }
        double *acc = d->acc;
        memset(acc, 0, k * sizeof(*acc));
        int any = 0;
        for (size_t j = 0; j < n; j++) {
            if (d->covered[j] || toks[j].polarity == 0)
                continue;
            size_t best = k, bestd = SIZE_MAX;
            for (size_t i = 0; i < k; i++) {
                size_t a = m->v[i].start, b = a + m->v[i].len - 1;
                size_t dist = j < a ? a - j : j - b;
                if (dist < bestd) {
                    bestd = dist;
                    best = i;
                }
            }
            if (best < k && bestd <= (size_t)p->target_window) {
                acc[best] += toks[j].polarity;
                any = 1;
            }
        }
        for (size_t i = 0; any && i < k; i++) {
            if (acc[i] == 0)
                continue;
            double v = acc[i] * m->v[i].e->weight * p->target_scale;
            add_hit(d, m->v[i].e, v, 0);
            s->raw += v;
        }
    }
    s->nhits = d->nh - s->first_hit;
}

void
stance_doc_add_row(struct stance_doc *d, const struct stance_row *row)
{
    if (d->np == d->pcap) {
        d->pcap = d->pcap ? 2 * d->pcap : 64;
        d->p = xrealloc(d->p, d->pcap * sizeof(*d->p));
    }
    struct pend *p = &d->p[d->np++];
    /* key and entity id, each NUL-terminated, in one go */
    size_t elen = row->entity_id ? row->entity_id_len : 0;
    buf_grow(&d->pstr, row->key_len + elen + 2);
    char *at = d->pstr.data + d->pstr.len;
    p->key = d->pstr.len;
    memcpy(at, row->key, row->key_len);
    at[row->key_len] = '\0';
    p->ent = p->key + row->key_len + 1;
    if (elen)
        memcpy(at + row->key_len + 1, row->entity_id, elen);
    at[row->key_len + 1 + elen] = '\0';
    d->pstr.len += row->key_len + elen + 2;
    d->pstr.data[d->pstr.len] = '\0';
    p->pol = row->polarity;
    p->word = row->is_word;
    if (row->surface) {
        /* a space where the source had one, or where offsets are unknown */
        if (d->ptext.len && (row->start < 0 || row->start > d->pend_end))
            buf_addc(&d->ptext, ' ');
        buf_add(&d->ptext, row->surface, row->surface_len);
        d->pend_end = row->end;
    }
}

void
stance_doc_add_token(struct stance_doc *d, const struct stance_token *tok,
                     const char *surface, long start, long end)
{
    struct stance_row row = {
        .key = tok->key,
        .key_len = strlen(tok->key),
        .entity_id = tok->entity_id,
        .entity_id_len = tok->entity_id ? strlen(tok->entity_id) : 0,
        .surface = surface,
        .surface_len = surface ? strlen(surface) : 0,
        .start = start,
        .end = end,
        .polarity = tok->polarity,
        .is_word = tok->is_word,
    };
    stance_doc_add_row(d, &row);
}

void
stance_doc_end_sentence(struct stance_doc *d)
{
    if (d->np == 0)
        return;
    if (d->np > d->ptcap) {
        d->ptcap = 2 * d->np;
        d->ptok = xrealloc(d->ptok, d->ptcap * sizeof(*d->ptok));
    }
    for (size_t i = 0; i < d->np; i++) {
        d->ptok[i].key = d->pstr.data + d->p[i].key;
        d->ptok[i].entity_id = d->pstr.data + d->p[i].ent;
        d->ptok[i].polarity = d->p[i].pol;
        d->ptok[i].is_word = d->p[i].word;
    }
    size_t n = d->np;
    d->np = 0; /* before the call: add_sentence does not look at it */
    stance_doc_add_sentence(d, d->ptok, n, d->ptext.data);
    buf_reset(&d->pstr);
    buf_reset(&d->ptext);
}

/* ------------------------------------------------------------------ */
/* Scoring the document                                                */
/* ------------------------------------------------------------------ */

static double
sign(double x)
{
    return (x > 0) - (x < 0);
}

void
stance_doc_finish(struct stance_doc *d, struct stance_result *r)
{
    const struct stance_params *p = d->params;
    stance_doc_end_sentence(d);
    memset(r, 0, sizeof(*r));
    r->tokens = d->tokens;
    r->sentences = d->ns;

    /* Furniture: from the first marker in the last part of the text. */
    size_t body = d->ns;
    for (size_t i = 1; i < d->ns; i++)
        if (d->s[i].furn_marker &&
            d->s[i].start >= (1 - p->furniture_frac) * d->words) {
            body = i;
            break;
        }
    size_t bw = body < d->ns ? d->s[body].start : d->words;
    r->body_words = bw;

    /* Conclusion marker in the second half of the body. */
    size_t concl = body;
    for (size_t i = 1; i < body; i++)
        if (d->s[i].concl_marker && d->s[i].start >= 0.5 * bw)
            concl = i;

    for (size_t i = 0; i < d->ns; i++) {
        struct sent *s = &d->s[i];
        if (i >= body) {
            s->role = STANCE_ROLE_FURNITURE;
            s->weight = 0;
        } else if (i == 0) {
            s->role = STANCE_ROLE_HEADLINE;
            s->weight = p->headline_w;
        } else if (i >= concl ||
                   s->start + s->words > (1 - p->conclusion_frac) * bw) {
            s->role = STANCE_ROLE_CONCLUSION;
            s->weight = p->conclusion_w;
        } else if (s->start < p->lead_frac * bw) {
            s->role = STANCE_ROLE_LEAD;
            s->weight = p->lead_w;
        } else {
            s->role = STANCE_ROLE_BODY;
            s->weight = 1.0;
        }
    }
    for (size_t i = 0; i < body; i++)
        if (d->s[i].question)
            d->s[i].weight *= p->question_w;
    for (size_t i = 1; i < body; i++)
        if (d->s[i].open_w > 1) {
            d->s[i].weight *= d->s[i].open_w;
            d->s[i - 1].weight *= 2 - d->s[i].open_w;
        }

    /* Direction from the author's own voice, then attribution. */
    double own = 0, all = 0;
    int any_own = 0;
    for (size_t i = 0; i < body; i++) {
        double c = d->s[i].weight * d->s[i].raw;
        all += c;
        if (d->s[i].attr >= 1) {
            own += c;
            any_own = 1;
        }
    }
    double dir = sign(any_own ? own : all);
    for (size_t i = 0; i < body; i++) {
        struct sent *s = &d->s[i];
        if (s->attr < 1 && dir != 0 && sign(s->raw) == -dir)
            s->weight *= s->attr;
    }

    double sum = 0;
    for (size_t i = 0; i < body; i++) {
        double c = d->s[i].weight * d->s[i].raw;
        sum += c;
        if (c > 0)
            r->pos += c;
        else
            r->neg -= c;
    }
    double ev = r->pos + r->neg;
    r->score = 100.0 * sum / ((double)bw + 100.0);
    r->confidence =
        ev > 0 ? fabs(r->pos - r->neg) / ev *
                     (1 - exp(-ev / p->confidence_scale))
               : 0;
    if (ev < p->min_evidence || fabs(r->score) < p->threshold)
        r->label = STANCE_NEUTRAL;
    else
        r->label = r->score > 0 ? STANCE_OPTIMISTIC : STANCE_SKEPTICAL;
    d->finished = 1;
}

/* ------------------------------------------------------------------ */
/* Evidence                                                            */
/* ------------------------------------------------------------------ */

struct agg {
    const struct entry *e;
    double v;
};

static int
agg_cmp(const void *a, const void *b)
{
    double x = fabs(((const struct agg *)a)->v);
    double y = fabs(((const struct agg *)b)->v);
    if (x != y)
        return x < y ? 1 : -1;
    /* ties: by label, for stable output */
    return strcmp(((const struct agg *)a)->e->label,
                  ((const struct agg *)b)->e->label);
}

void
stance_doc_evidence(const struct stance_doc *d, size_t k, struct buf *out)
{
    if (!d->finished || d->nh == 0 || k == 0)
        return;
    struct agg *a = xmalloc(d->nh * sizeof(*a));
    size_t na = 0;
    for (size_t i = 0; i < d->ns; i++) {
        const struct sent *s = &d->s[i];
        for (size_t j = 0; j < s->nhits; j++) {
            const struct hit *h = &d->h[s->first_hit + j];
            double v = h->value * s->weight;
            if (v == 0)
                continue;
            size_t x = 0;
            while (x < na && a[x].e != h->e)
                x++;
            if (x == na) {
                a[na].e = h->e;
                a[na++].v = 0;
            }
            a[x].v += v;
        }
    }
    qsort(a, na, sizeof(*a), agg_cmp);
    size_t shown = 0;
    for (size_t i = 0; i < na && shown < k; i++) {
        if (fabs(a[i].v) < 0.005)
            continue;
        if (shown++)
            buf_adds(out, "; ");
        buf_addf(out, "%s(%+.2f)", a[i].e->label, a[i].v);
    }
    free(a);
}

size_t
stance_doc_sentences(const struct stance_doc *d)
{
    return d->ns;
}

void
stance_doc_sentence(const struct stance_doc *d, size_t i,
                    struct stance_sentence *out, struct buf *ev)
{
    const struct sent *s = &d->s[i];
    out->role = s->role;
    out->weight = s->weight;
    out->raw = s->raw;
    out->contribution = s->weight * s->raw;
    out->text = d->texts.data ? d->texts.data + s->text : "";
    if (!ev)
        return;
    size_t shown = 0;
    for (size_t j = 0; j < s->nhits; j++) {
        const struct hit *h = &d->h[s->first_hit + j];
        if (shown++)
            buf_adds(ev, "; ");
        buf_addf(ev, "%s:%s(%+.2f)", stance_kind_name(h->e->kind),
                 h->e->label, h->value);
        if (h->flags & HIT_NEGATED)
            buf_adds(ev, "[negated]");
        if (h->flags & HIT_CONTRAST)
            buf_adds(ev, "[contrast]");
    }
    if (s->attr < 1) {
        if (shown++)
            buf_adds(ev, "; ");
        buf_addf(ev, "attribution(x%.2f)", s->attr);
    }
    if (s->open_w > 1) {
        if (shown++)
            buf_adds(ev, "; ");
        buf_addf(ev, "opening-contrast(x%.2f)", s->open_w);
    }
}

/* ------------------------------------------------------------------ */
/* Loading a topic lexicon                                             */
/* ------------------------------------------------------------------ */

static const char topic_header[] = "kind\tphrase\tweight";

int
stance_is_topic(const char *path)
{
    struct sk_err err;
    struct lex_reader *r = lex_open(path, &err);
    int yes = r && lex_kind(r) && strcmp(lex_kind(r), topic_header) == 0;
    lex_close(r);
    return yes;
}

/*
 * The match keys of a phrase into keys (NUL-separated): each token's
 * norm, stemmed when it has a letter (as stem(1) stems words and leaves
 * numbers and punctuation); "@ID" as is.  Returns the count, or -1.
 */
static long
phrase_keys(struct tokenizer *tk, struct stemcache *sc, const char *phrase,
            struct buf *keys, struct sk_err *err)
{
    struct buf norms = BUF_INIT;
    size_t n = 0;
    buf_reset(keys);
    if (phrase[0] == '@' && phrase[1]) {
        buf_add(keys, phrase, strlen(phrase) + 1);
        return 1;
    }
    if (text_phrase_norms(tk, phrase, strlen(phrase), &norms, &n, err) < 0) {
        buf_release(&norms);
        return -1;
    }
    const char *p = norms.data;
    for (size_t i = 0; i < n; i++, p += strlen(p) + 1) {
        size_t len = strlen(p), slen = 0;
        const char *st = NULL;
        for (const char *c = p; *c && !st; c++)
            if ((unsigned char)*c >= 0x80 ||
                ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z'))
                st = stemcache_stem(sc, p, len, &slen);
        if (st && slen)
            buf_add(keys, st, slen);
        else
            buf_add(keys, p, len);
        buf_addc(keys, '\0');
    }
    buf_release(&norms);
    return (long)n;
}

/* Checks and adds the current entry of r. */
static int
add_entry(struct stance_topic *t, struct lex_reader *r, struct tokenizer *tk,
          struct stemcache *sc, struct buf *keys, struct sk_err *err)
{
    const char *kv[64];
    double w;
    int kind;
    if (lex_expect_fields(r, 3, 3, err) < 0 ||
        lex_number(r, 2, "weight", &w, err) < 0)
        return -1;
    if ((kind = stance_kind_parse(lex_field(r, 0))) < 0)
        return sk_fail(err, "%s: unknown kind '%s' (cue, target, "
                            "attribution, negator, irrealis, contrast, "
                            "conclusion, furniture)",
                       lex_where(r), lex_field(r, 0));
    if ((kind == STANCE_TARGET && (w == 0 || w < -1 || w > 1)) ||
        (kind == STANCE_ATTRIBUTION && (w < 0 || w > 1)) ||
        (kind == STANCE_CONTRAST && (w <= 0 || w >= 2)))
        return sk_fail(err, "%s: weight %g is out of range for a %s",
                       lex_where(r), w, lex_field(r, 0));
    long n = phrase_keys(tk, sc, lex_field(r, 1), keys, err);
    if (n < 0)
        return -1;
    if (n == 0 || n > 64)
        return sk_fail(err, "%s: phrase '%s' has %s tokens", lex_where(r),
                       lex_field(r, 1), n ? "too many" : "no");
    const char *p = keys->data;
    for (long i = 0; i < n; i++, p += strlen(p) + 1)
        kv[i] = p;
    stance_topic_add(t, (enum stance_kind)kind, kv, (size_t)n, w,
                     lex_field(r, 1));
    return 0;
}

int
stance_topic_load(struct stance_topic *t, const char *path,
                  struct tokenizer *tk, struct stemcache *sc,
                  struct sk_err *err)
{
    struct lex_reader *r = lex_open(path, err);
    struct buf keys = BUF_INIT;
    int rc = 0, more = 0;
    if (!r)
        return -1;
    if (!lex_kind(r) || strcmp(lex_kind(r), topic_header) != 0) {
        lex_close(r);
        return sk_fail(err, "%s: not a topic lexicon (its header must be "
                            "'kind<TAB>phrase<TAB>weight')", path);
    }
    while (rc == 0 && (more = lex_next(r, err)) > 0)
        rc = add_entry(t, r, tk, sc, &keys, err);
    if (more < 0)
        rc = -1;
    buf_release(&keys);
    lex_close(r);
    return rc;
}
