#include "sentiment.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/*
 * The constants of the rules themselves (not word lists): VADER's
 * empirically derived increments.
 */
#define CAPS_INCR 0.733    /* an ALL-CAPS word among others */
#define EXCLAIM_INCR 0.292 /* per '!', at most EXCLAIM_MAX */
#define EXCLAIM_MAX 4
#define QUESTION_INCR 0.18 /* per '?' when 2 or 3 */
#define QUESTION_MANY 0.96 /* 4 or more '?' */
#define NORM_ALPHA 15.0    /* compound = x / sqrt(x^2 + alpha) */

/* ---- the lexicon: one hash of phrases, each with what it does ---------- */

enum {
    HAS_VALENCE = 1 << 0,
    HAS_NEGATOR = 1 << 1,
    HAS_SCALAR = 1 << 2, /* booster or dampener */
    HAS_CBEFORE = 1 << 3,
    HAS_CAFTER = 1 << 4,
    HAS_IDIOM = 1 << 5,
    HAS_LEAST = 1 << 6,
    HAS_LEAST_EXC = 1 << 7,
    HAS_NEVER_SO = 1 << 8,
    HAS_NEVER_FAR = 1 << 9,
    HAS_SO = 1 << 10,    /* second word of a never-so-far phrase */
    HAS_HEAD = 1 << 11,  /* first word of a two-word booster */
    HAS_MPART = 1 << 12, /* a word of a multi-word modifier */
    HAS_VPART = 1 << 13  /* first word of a multi-word valence */
};

struct sentry {
    size_t key; /* in lex->keys */
    size_t klen;
    uint32_t hash;
    unsigned has;
    unsigned vsource;
    int vfolded;
    double valence, negator, scalar, cbefore, cafter, idiom, least;
    double never_so, never_far, so;
};

struct negpart {
    char *s;
    size_t len;
    double value;
};

/*
 * A slot of the hash table: the entry's index + 1 (0 when free) and its
 * hash, so that a probe touches the entry only when the hash matches.
 * Most words of a text are in no lexicon: their probes stay in the slots.
 */
struct slot {
    uint32_t hash;
    uint32_t entry;
};

struct sentiment_lexicon {
    struct sentry *e; /* entries */
    size_t n, cap;
    struct buf keys; /* the entries' keys, NUL-terminated, end to end */
    struct slot *slot;
    size_t nslots;
    struct negpart *parts; /* negator-part entries */
    size_t nparts;
    size_t nvalences, nmodifiers;
    size_t max_val_words; /* longest valence phrase, in words */
};

/*
 * The hash of a key: eight bytes at a time, then a final mix.  Words are
 * short, and a byte-at-a-time hash was most of a lookup's work.
 */
static uint32_t
hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ len, k;
    size_t i;

    for (; len >= 8; s += 8, len -= 8) {
        memcpy(&k, s, 8);
        h = (h ^ k) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    for (k = 0, i = 0; i < len; i++)
        k |= (uint64_t)(unsigned char)s[i] << (8 * i);
    h = (h ^ k) * 0xFF51AFD7ED558CCDu;
    h ^= h >> 29;
    h *= 0xC4CEB9FE1A85EC53u;
    h ^= h >> 32;
    return (uint32_t)h;
}

static size_t
count_words(const char *s)
{
    size_t n = 1;

    for (; *s; s++)
        if (*s == ' ')
            n++;
    return n;
}

struct sentiment_lexicon *
sentiment_lexicon_new(void)
{
    struct sentiment_lexicon *lex = xcalloc(1, sizeof(*lex));

    lex->nslots = 1024;
    lex->slot = xcalloc(lex->nslots, sizeof(*lex->slot));
    return lex;
}

void
sentiment_lexicon_free(struct sentiment_lexicon *lex)
{
    size_t i;

    if (!lex)
        return;
    buf_release(&lex->keys);
    for (i = 0; i < lex->nparts; i++)
        free(lex->parts[i].s);
    free(lex->e);
    free(lex->slot);
    free(lex->parts);
    free(lex);
}

static const struct sentry *
lookup(const struct sentiment_lexicon *lex, const char *key, size_t len)
{
    uint32_t h = hash_bytes(key, len);
    size_t mask = lex->nslots - 1, i = h & mask;

    for (; lex->slot[i].entry; i = (i + 1) & mask) {
        const struct sentry *e;
        if (lex->slot[i].hash != h)
            continue;
        e = &lex->e[lex->slot[i].entry - 1];
        if (e->klen == len && !memcmp(lex->keys.data + e->key, key, len))
            return e;
    }
    return NULL;
}

static void
rehash(struct sentiment_lexicon *lex)
{
    size_t i, j, mask;

    free(lex->slot);
    lex->nslots *= 2;
    lex->slot = xcalloc(lex->nslots, sizeof(*lex->slot));
    mask = lex->nslots - 1;
    for (i = 0; i < lex->n; i++) {
        for (j = lex->e[i].hash & mask; lex->slot[j].entry; j = (j + 1) & mask)
            ;
        lex->slot[j].hash = lex->e[i].hash;
        lex->slot[j].entry = (uint32_t)(i + 1);
    }
}

/* The entry for key, created empty when missing. */
static struct sentry *
intern(struct sentiment_lexicon *lex, const char *key, size_t len)
{
    const struct sentry *found = lookup(lex, key, len);
    struct sentry *e;
    size_t i, mask;

    if (found)
        return (struct sentry *)found;
    if (lex->n == lex->cap) {
        lex->cap = lex->cap ? 2 * lex->cap : 1024;
        lex->e = xrealloc(lex->e, lex->cap * sizeof(*lex->e));
    }
    e = &lex->e[lex->n++];
    memset(e, 0, sizeof(*e));
    e->key = lex->keys.len;
    buf_add(&lex->keys, key, len);
    buf_addc(&lex->keys, '\0');
    e->klen = len;
    e->hash = hash_bytes(key, len);
    if (2 * lex->n > lex->nslots) {
        rehash(lex);
    } else {
        mask = lex->nslots - 1;
        for (i = e->hash & mask; lex->slot[i].entry; i = (i + 1) & mask)
            ;
        lex->slot[i].hash = e->hash;
        lex->slot[i].entry = (uint32_t)lex->n;
    }
    return e;
}

void
sentiment_lexicon_add_valence(struct sentiment_lexicon *lex, const char *key,
                              double valence, unsigned source, int folded)
{
    struct sentry *e = intern(lex, key, strlen(key));
    size_t words;

    if (e->has & HAS_VALENCE) {
        if (source == e->vsource && folded && !e->vfolded)
            return;
    } else {
        lex->nvalences++;
    }
    e->has |= HAS_VALENCE;
    e->valence = valence;
    e->vsource = source;
    e->vfolded = folded;
    words = count_words(key);
    if (words > lex->max_val_words)
        lex->max_val_words = words;
    if (words > 1) {
        const char *sp = strchr(key, ' ');
        intern(lex, key, (size_t)(sp - key))->has |= HAS_VPART;
    }
}

static const struct {
    const char *name;
    unsigned flag;
    size_t min_words, max_words;
} kinds[] = {
    {"negator", HAS_NEGATOR, 1, 1},
    {"negator-part", 0, 1, 1},
    {"booster", HAS_SCALAR, 1, 2},
    {"dampener", HAS_SCALAR, 1, 2},
    {"contrast-before", HAS_CBEFORE, 1, 1},
    {"contrast-after", HAS_CAFTER, 1, 1},
    {"idiom", HAS_IDIOM, 2, 3},
    {"least", HAS_LEAST, 1, 1},
    {"least-exception", HAS_LEAST_EXC, 2, 2},
    {"never-so", HAS_NEVER_SO, 2, 2},
    {"never-so-far", HAS_NEVER_FAR, 2, 2},
};

int
sentiment_lexicon_add_modifier(struct sentiment_lexicon *lex, const char *key,
                               const char *kind, double value,
                               struct sk_err *err)
{
    size_t k, words = count_words(key), len = strlen(key);
    struct sentry *e;
    const char *sp;

    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
        if (!strcmp(kinds[k].name, kind))
            break;
    if (k == sizeof(kinds) / sizeof(kinds[0]))
        return sk_fail(err, "unknown modifier kind '%s'", kind);
    if (!len || words < kinds[k].min_words || words > kinds[k].max_words) {
        if (kinds[k].min_words == kinds[k].max_words)
            return sk_fail(err, "a %s must have %zu word%s, not '%s'", kind,
                           kinds[k].min_words,
                           kinds[k].min_words == 1 ? "" : "s", key);
        return sk_fail(err, "a %s must have %zu to %zu words, not '%s'", kind,
                       kinds[k].min_words, kinds[k].max_words, key);
    }
    lex->nmodifiers++;
    if (!kinds[k].flag) { /* negator-part: a substring of words */
        size_t i;
        for (i = 0; i < lex->nparts; i++)
            if (lex->parts[i].len == len && !memcmp(lex->parts[i].s, key, len))
                break;
        if (i == lex->nparts) {
            lex->parts =
                xrealloc(lex->parts, (lex->nparts + 1) * sizeof(*lex->parts));
            lex->parts[i].s = xstrndup(key, len);
            lex->parts[i].len = len;
            lex->nparts++;
        }
        lex->parts[i].value = value;
        return 0;
    }
    for (sp = strchr(key, ' '); sp; sp = strchr(sp + 1, ' ')) {
        const char *b = sp;
        while (b > key && b[-1] != ' ')
            b--;
        intern(lex, b, (size_t)(sp - b))->has |= HAS_MPART;
        if (!strchr(sp + 1, ' '))
            intern(lex, sp + 1, strlen(sp + 1))->has |= HAS_MPART;
    }
    e = intern(lex, key, len);
    e->has |= kinds[k].flag;
    switch (kinds[k].flag) {
    case HAS_NEGATOR:
        e->negator = value;
        break;
    case HAS_SCALAR:
        e->scalar = value;
        break;
    case HAS_CBEFORE:
        e->cbefore = value;
        break;
    case HAS_CAFTER:
        e->cafter = value;
        break;
    case HAS_IDIOM:
        e->idiom = value;
        break;
    case HAS_LEAST:
        e->least = value;
        break;
    case HAS_LEAST_EXC:
        break;
    case HAS_NEVER_SO:
        e->never_so = value;
        break;
    case HAS_NEVER_FAR:
        e->never_far = value;
        break;
    }
    sp = strchr(key, ' ');
    if (kinds[k].flag == HAS_SCALAR && sp) {
        e = intern(lex, key, (size_t)(sp - key));
        e->has |= HAS_HEAD;
    } else if (kinds[k].flag == HAS_NEVER_FAR) {
        e = intern(lex, sp + 1, strlen(sp + 1));
        e->has |= HAS_SO;
        e->so = value;
    }
    return 0;
}

int
sentiment_lexicon_valence(const struct sentiment_lexicon *lex, const char *key,
                          size_t len, double *out)
{
    const struct sentry *e = lookup(lex, key, len);

    if (!e || !(e->has & HAS_VALENCE))
        return 0;
    *out = e->valence;
    return 1;
}

size_t
sentiment_lexicon_nvalences(const struct sentiment_lexicon *lex)
{
    return lex->nvalences;
}

size_t
sentiment_lexicon_nmodifiers(const struct sentiment_lexicon *lex)
{
    return lex->nmodifiers;
}

/* ---- words: the units VADER scores ------------------------------------- */

/*
 * A word's strings point into the caller's tokens (a word of one token)
 * or into sc->raw and sc->low, which sentiment_score() sizes up front so
 * that they never move during the call.
 */
struct word {
    const char *raw; /* the word as written */
    size_t rawlen;
    const char *low; /* its normal form */
    size_t lowlen;
    size_t head;             /* the token that gets its values */
    const struct sentry *le; /* entry of the normal form */
    const struct sentry *me; /* entry for modifier matching */
    double negator;          /* its negator factor, 0 when none */
    int negator_known;       /* negator is set (found when first needed) */
    int upper;               /* ALL CAPS */
    double sent;             /* its sentiment */
};

struct sentiment_scorer {
    const struct sentiment_lexicon *lex;
    unsigned flags;
    struct word *w, *w2;
    size_t nw, cap, cap2;
    struct buf raw, low, seq;
};

struct sentiment_scorer *
sentiment_scorer_new(const struct sentiment_lexicon *lex, unsigned flags)
{
    struct sentiment_scorer *sc = xcalloc(1, sizeof(*sc));

    sc->lex = lex;
    sc->flags = flags;
    return sc;
}

void
sentiment_scorer_free(struct sentiment_scorer *sc)
{
    if (!sc)
        return;
    free(sc->w);
    free(sc->w2);
    buf_release(&sc->raw);
    buf_release(&sc->low);
    buf_release(&sc->seq);
    free(sc);
}

/*
 * VADER strips these characters when it looks for a word's core: ASCII
 * punctuation, !"#$%&'()*+,-./ :;<=>?@ [\]^_` {|}~
 */
static int
is_vpunct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
           (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/*
 * The punctuation VADER takes off the front or back of a word: one of
 * these exact strings, and nothing else in the word.
 */
static int
is_strippable(const char *p, size_t len)
{
    static const char *const list[] = {
        ".",  "!",   "?",  ",",   ";",   ":",   "-",    "'",   "\"",
        "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"};
    size_t i;

    for (i = 0; i < sizeof(list) / sizeof(list[0]); i++)
        if (strlen(list[i]) == len && !memcmp(list[i], p, len))
            return 1;
    return 0;
}

static int
is_allcaps(const char *s, size_t len)
{
    int upper = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return 0;
        if (s[i] >= 'A' && s[i] <= 'Z')
            upper = 1;
    }
    return upper;
}

static struct word *
new_word(struct sentiment_scorer *sc)
{
    if (sc->nw == sc->cap) {
        sc->cap = sc->cap ? 2 * sc->cap : 64;
        sc->w = xrealloc(sc->w, sc->cap * sizeof(*sc->w));
    }
    return &sc->w[sc->nw++];
}

/* UTF-16 code units of the character led by byte c (0 for a follower). */
static size_t
u16units(unsigned char c)
{
    return (c & 0xC0) == 0x80 ? 0 : c >= 0xF0 ? 2 : 1;
}

/*
 * Adds the word made of the touching tokens toks[a..b), or nothing when
 * it is a single character (JavaScript's length, in UTF-16 units), and
 * counts its '!' and '?' into *nexcl and *nquest.
 */
static void
add_chunk(struct sentiment_scorer *sc, const struct sentiment_token *toks,
          size_t a, size_t b, size_t *nexcl, size_t *nquest)
{
    size_t i, rl, ll, units = 0, d = 0;
    size_t front = 0, back = 0, at;
    const char *r, *l;
    struct word *w;

    if (b == a + 1) {
        r = toks[a].token;
        rl = toks[a].token_len;
        l = toks[a].norm;
        ll = toks[a].norm_len;
    } else {
        r = sc->raw.data + sc->raw.len;
        l = sc->low.data + sc->low.len;
        for (i = a; i < b; i++) {
            buf_add(&sc->raw, toks[i].token, toks[i].token_len);
            buf_add(&sc->low, toks[i].norm, toks[i].norm_len);
        }
        rl = (size_t)(sc->raw.data + sc->raw.len - r);
        ll = (size_t)(sc->low.data + sc->low.len - l);
    }
    for (i = 0; i < rl; i++) {
        unsigned char c = (unsigned char)r[i];
        units += u16units(c);
        if (is_vpunct(c)) {
            d++;
            *nexcl += c == '!';
            *nquest += c == '?';
        }
    }
    if (units <= 1)
        return; /* its bytes stay in sc->raw and sc->low, unused */
    /*
     * The core is the word without its d punctuation bytes, each one
     * UTF-16 unit: units - d of them.
     */
    if (d >= 1 && d <= 4 && d < rl && units - d > 1) {
        for (i = 0; i < d && is_vpunct((unsigned char)r[i]); i++)
            ;
        if (i == d && is_strippable(r, d) && ll >= d && !memcmp(l, r, d)) {
            front = d;
        } else {
            for (i = 0; i < d && is_vpunct((unsigned char)r[rl - 1 - i]); i++)
                ;
            if (i == d && is_strippable(r + rl - d, d) && ll >= d &&
                !memcmp(l + ll - d, r + rl - d, d))
                back = d;
        }
    }
    w = new_word(sc);
    memset(w, 0, sizeof(*w));
    w->raw = r + front;
    w->rawlen = rl - front - back;
    w->low = l + front;
    w->lowlen = ll - front - back;
    w->le = lookup(sc->lex, w->low, w->lowlen);
    /* The head: the first token not wholly in the stripped front. */
    w->head = a;
    for (i = a, at = 0; i < b; i++) {
        at += toks[i].token_len;
        if (at > front) {
            w->head = i;
            break;
        }
    }
}

static const struct sentry *seq_lookup(struct sentiment_scorer *sc,
                                       const struct word *w, size_t i,
                                       size_t k, int as_written);

/*
 * Looks up words i..i+k-1 joined by spaces, as written or normalised, in
 * the modifiers: NULL at once unless every word is part of one.
 */
static const struct sentry *
seq(struct sentiment_scorer *sc, const struct word *w, size_t i, size_t k,
    int as_written)
{
    size_t j;

    for (j = i; j < i + k; j++) {
        const struct sentry *e = as_written ? w[j].me : w[j].le;
        if (!e || !(e->has & HAS_MPART))
            return NULL;
    }
    return seq_lookup(sc, w, i, k, as_written);
}

/* seq() without the shortcut. */
static const struct sentry *
seq_lookup(struct sentiment_scorer *sc, const struct word *w, size_t i,
           size_t k, int as_written)
{
    size_t j;

    buf_reset(&sc->seq);
    for (j = i; j < i + k; j++) {
        if (j > i)
            buf_addc(&sc->seq, ' ');
        if (as_written)
            buf_add(&sc->seq, w[j].raw, w[j].rawlen);
        else
            buf_add(&sc->seq, w[j].low, w[j].lowlen);
    }
    return lookup(sc->lex, sc->seq.data, sc->seq.len);
}

/* Merges runs of words that form a multi-word lexicon entry. */
static void
merge_phrases(struct sentiment_scorer *sc)
{
    size_t i, k, j, at, n = sc->nw, out = 0;
    size_t maxw = sc->lex->max_val_words;

    if (maxw < 2 || n < 2)
        return;
    if (sc->cap2 < n) {
        sc->cap2 = sc->cap;
        sc->w2 = xrealloc(sc->w2, sc->cap2 * sizeof(*sc->w2));
    }
    memcpy(sc->w2, sc->w, n * sizeof(*sc->w));
    for (i = 0; i < n;) {
        const struct sentry *e = NULL;
        const struct sentry *first = sc->w2[i].le;
        k = maxw < n - i ? maxw : n - i;
        if (!first || !(first->has & HAS_VPART))
            k = 1;
        for (; k >= 2; k--) {
            e = seq_lookup(sc, sc->w2, i, k, 0);
            if (e && (e->has & HAS_VALENCE))
                break;
        }
        if (k < 2) {
            sc->w[out++] = sc->w2[i++];
            continue;
        }
        /* The phrase as written and normalised, appended to the buffers. */
        /* sized in sentiment_score(): the buffers do not move */
        sc->w[out] = sc->w2[i];
        sc->w[out].le = e;
        at = sc->raw.len;
        for (j = i; j < i + k; j++) {
            if (j > i)
                buf_addc(&sc->raw, ' ');
            buf_add(&sc->raw, sc->w2[j].raw, sc->w2[j].rawlen);
        }
        sc->w[out].raw = sc->raw.data + at;
        sc->w[out].rawlen = sc->raw.len - at;
        sc->w[out].low = sc->low.data + sc->low.len;
        buf_add(&sc->low, sc->seq.data, sc->seq.len);
        sc->w[out].lowlen = sc->seq.len;
        out++;
        i += k;
    }
    sc->nw = out;
}

static double
negator_of(const struct sentiment_lexicon *lex, const struct sentry *e,
           const char *s, size_t len)
{
    size_t p, i;

    if (e && (e->has & HAS_NEGATOR))
        return e->negator;
    for (p = 0; p < lex->nparts; p++) {
        const char *part = lex->parts[p].s;
        size_t plen = lex->parts[p].len;
        for (i = 0; i + plen <= len; i++)
            if (s[i] == part[0] && !memcmp(s + i, part, plen))
                return lex->parts[p].value;
    }
    return 0;
}

/*
 * The negator factor of word j.  Only the words before a lexicon word
 * need one, so it is found then, and kept.
 */
static double
negator(struct sentiment_scorer *sc, size_t j)
{
    struct word *w = &sc->w[j];

    if (!w->negator_known) {
        if (sc->flags & SENTIMENT_CASE_SENSITIVE)
            w->negator = negator_of(sc->lex, w->me, w->raw, w->rawlen);
        else
            w->negator = negator_of(sc->lex, w->me, w->low, w->lowlen);
        w->negator_known = 1;
    }
    return w->negator;
}

/* ---- the rules --------------------------------------------------------- */

/*
 * A lexicon word for the rules.  A valence of 0 makes a word neutral: it
 * overrides an earlier file's entry and then counts as a word without
 * valence (VADER's rules would otherwise give it the sign of a booster).
 */
static int
has_valence(const struct word *w)
{
    return w->le && (w->le->has & HAS_VALENCE) && w->le->valence != 0;
}

/* What a booster or dampener w adds to a word of valence v. */
static double
scalar(const struct word *w, double v, int capdiff)
{
    double s;

    if (!w->le || !(w->le->has & HAS_SCALAR))
        return 0;
    s = w->le->scalar;
    if (v < 0)
        s = -s;
    if (capdiff && w->upper)
        s += v > 0 ? CAPS_INCR : -CAPS_INCR;
    return s;
}

/* Negation and "never so" for the word d places before word i. */
static double
never_check(struct sentiment_scorer *sc, size_t i, size_t d, double v)
{
    const struct word *w = sc->w;
    int cs = sc->flags & SENTIMENT_CASE_SENSITIVE;
    const struct sentry *e;

    if (d == 2) {
        e = seq(sc, w, i - 2, 2, cs);
        if (e && (e->has & HAS_NEVER_SO))
            return v * e->never_so;
    } else if (d == 3) {
        e = seq(sc, w, i - 3, 2, cs);
        if (e && (e->has & HAS_NEVER_FAR))
            return v * e->never_far;
        if (w[i - 1].me && (w[i - 1].me->has & HAS_SO))
            return v * w[i - 1].me->so;
    }
    if (negator(sc, i - d) != 0)
        v *= negator(sc, i - d);
    return v;
}

/* Idioms around word i (i >= 3) and two-word dampeners before it. */
static double
idioms_check(struct sentiment_scorer *sc, size_t i, double v)
{
    static const struct {
        size_t back, len;
    } around[] = {{1, 2}, {2, 3}, {2, 2}, {3, 3}, {3, 2}};
    const struct word *w = sc->w;
    int cs = sc->flags & SENTIMENT_CASE_SENSITIVE;
    const struct sentry *e;
    size_t k;

    for (k = 0; k < sizeof(around) / sizeof(around[0]); k++) {
        e = seq(sc, w, i - around[k].back, around[k].len, cs);
        if (e && (e->has & HAS_IDIOM)) {
            v = e->idiom;
            break;
        }
    }
    if (sc->nw - 1 > i) {
        e = seq(sc, w, i, 2, cs);
        if (e && (e->has & HAS_IDIOM))
            v = e->idiom;
    }
    if (sc->nw - 1 > i + 1) {
        e = seq(sc, w, i, 3, cs);
        if (e && (e->has & HAS_IDIOM))
            v = e->idiom;
    }
    e = seq(sc, w, i - 3, 2, cs);
    if (!(e && (e->has & HAS_SCALAR)))
        e = seq(sc, w, i - 2, 2, cs);
    if (e && (e->has & HAS_SCALAR))
        v += e->scalar;
    return v;
}

/* "least good" is not good, "at least good" is. */
static double
least_check(struct sentiment_scorer *sc, size_t i, double v)
{
    const struct word *w = sc->w;
    const struct sentry *e;

    if (i < 1 || !w[i - 1].le || !(w[i - 1].le->has & HAS_LEAST) ||
        has_valence(&w[i - 1]))
        return v;
    if (i > 1) {
        e = seq(sc, w, i - 2, 2, 0);
        if (e && (e->has & HAS_LEAST_EXC))
            return v;
    }
    return v * w[i - 1].le->least;
}

/* Is w a multi-word booster's first word, followed by the rest? */
static int
starts_booster(struct sentiment_scorer *sc, size_t i)
{
    const struct sentry *e;

    if (!sc->w[i].le || !(sc->w[i].le->has & HAS_HEAD) || i + 1 >= sc->nw)
        return 0;
    e = seq(sc, sc->w, i, 2, 0);
    return e && (e->has & HAS_SCALAR);
}

static double
word_valence(struct sentiment_scorer *sc, size_t i, int capdiff)
{
    const struct word *w = sc->w;
    double v, s;
    size_t d;

    v = w[i].le->valence;
    if (capdiff && w[i].upper)
        v += v > 0 ? CAPS_INCR : -CAPS_INCR;
    for (d = 1; d <= 3 && d <= i; d++) {
        if (has_valence(&w[i - d]))
            continue;
        s = scalar(&w[i - d], v, capdiff);
        if (d == 2 && s != 0)
            s *= 0.95;
        else if (d == 3 && s != 0)
            s *= 0.9;
        v += s;
        v = never_check(sc, i, d, v);
        if (d == 3)
            v = idioms_check(sc, i, v);
    }
    return least_check(sc, i, v);
}

/* The first contrast word, or -1. */
static long
find_contrast(const struct sentiment_scorer *sc)
{
    const struct word *w = sc->w;
    size_t i, k;

    for (i = 0; i < sc->nw; i++)
        if (w[i].me && (w[i].me->has & (HAS_CBEFORE | HAS_CAFTER)))
            return (long)i;
    if (!(sc->flags & SENTIMENT_CASE_SENSITIVE))
        return -1;
    /* As written, a contrast word also counts in capitals ("BUT"). */
    for (i = 0; i < sc->nw; i++) {
        const char *r = w[i].raw;
        const char *l = w[i].low;
        if (!w[i].upper || !w[i].le ||
            !(w[i].le->has & (HAS_CBEFORE | HAS_CAFTER)) ||
            w[i].rawlen != w[i].lowlen)
            continue;
        for (k = 0; k < w[i].rawlen; k++)
            if (!(l[k] >= 'a' && l[k] <= 'z' ? r[k] == l[k] - 'a' + 'A'
                                             : r[k] == l[k]))
                break;
        if (k == w[i].rawlen)
            return (long)i;
    }
    return -1;
}

void
sentiment_score(struct sentiment_scorer *sc,
                const struct sentiment_token *toks, size_t n,
                struct sentiment_result *res, struct sentiment_token_out *out)
{
    const struct sentiment_lexicon *lex = sc->lex;
    int cs = sc->flags & SENTIMENT_CASE_SENSITIVE, capdiff;
    size_t i, j, nupper = 0, nexcl = 0, nquest = 0, neu = 0, rlen, llen;
    double sum = 0, amp = 0, pos = 0, neg = 0, total;
    long ci;
    struct word *w;

    memset(res, 0, sizeof(*res));
    if (out)
        memset(out, 0, n * sizeof(*out));
    buf_reset(&sc->raw);
    buf_reset(&sc->low);
    sc->nw = 0;

    /*
     * Room for every copy made below, so that words can point into the
     * buffers: the words of several tokens, then the merged phrases (each
     * word in one at most, with a space after it).
     */
    for (i = 0, rlen = llen = n; i < n; i++) {
        rlen += 2 * toks[i].token_len;
        llen += 2 * toks[i].norm_len;
    }
    buf_grow(&sc->raw, rlen);
    buf_grow(&sc->low, llen);
    for (i = 0; i < n; i = j) {
        for (j = i + 1; j < n && toks[j].joined; j++)
            ;
        add_chunk(sc, toks, i, j, &nexcl, &nquest);
    }
    merge_phrases(sc);
    w = sc->w;
    res->words = sc->nw;
    if (sc->nw == 0)
        return;

    for (i = 0; i < sc->nw; i++) {
        const char *r = w[i].raw;
        const char *l = w[i].low;
        if (cs && (w[i].rawlen != w[i].lowlen || memcmp(r, l, w[i].rawlen)))
            w[i].me = lookup(lex, r, w[i].rawlen);
        else
            w[i].me = w[i].le;
        w[i].negator_known = 0;
        w[i].upper = is_allcaps(r, w[i].rawlen);
        nupper += w[i].upper;
    }
    capdiff = nupper > 0 && nupper < sc->nw;

    for (i = 0; i < sc->nw; i++) {
        w[i].sent = 0;
        if (starts_booster(sc, i))
            continue;
        if (w[i].le && (w[i].le->has & HAS_SCALAR))
            continue;
        if (!has_valence(&w[i]))
            continue;
        w[i].sent = word_valence(sc, i, capdiff);
    }

    ci = find_contrast(sc);
    if (ci >= 0) {
        const struct sentry *e = w[ci].le;
        double before = e->has & HAS_CBEFORE ? e->cbefore : 1;
        double after = e->has & HAS_CAFTER ? e->cafter : 1;
        for (i = 0; i < sc->nw; i++) {
            if ((long)i < ci)
                w[i].sent *= before;
            else if ((long)i > ci)
                w[i].sent *= after;
        }
    }

    for (i = 0; i < sc->nw; i++)
        sum += w[i].sent;
    if (nexcl > EXCLAIM_MAX)
        nexcl = EXCLAIM_MAX;
    amp = (double)nexcl * EXCLAIM_INCR;
    if (nquest > 1)
        amp += nquest <= 3 ? (double)nquest * QUESTION_INCR : QUESTION_MANY;
    if (sum > 0)
        sum += amp;
    else if (sum < 0)
        sum -= amp;
    res->sum = sum;
    res->compound = sum / sqrt(sum * sum + NORM_ALPHA);
    if (res->compound < -1)
        res->compound = -1;
    else if (res->compound > 1)
        res->compound = 1;

    for (i = 0; i < sc->nw; i++) {
        if (w[i].sent > 0)
            pos += w[i].sent + 1;
        else if (w[i].sent < 0)
            neg += w[i].sent - 1;
        else
            neu++;
    }
    if (pos > fabs(neg))
        pos += amp;
    else if (pos < fabs(neg))
        neg -= amp;
    total = pos + fabs(neg) + (double)neu;
    res->pos = fabs(pos / total);
    res->neg = fabs(neg / total);
    res->neu = fabs((double)neu / total);

    if (out)
        for (i = 0; i < sc->nw; i++)
            if (w[i].le && (w[i].le->has & HAS_VALENCE)) {
                out[w[i].head].has_valence = 1;
                out[w[i].head].valence = w[i].le->valence;
                out[w[i].head].polarity = w[i].sent;
            }
}

/* The text of units / 10^decimals, at least one digit before the point. */
static size_t
fmt_units(char *out, unsigned long long units, int decimals)
{
    char digits[32];
    int nd = 0, k;
    size_t len = 0;

    do
        digits[nd++] = (char)('0' + units % 10);
    while ((units /= 10) || nd <= decimals);
    for (k = nd - 1; k >= 0; k--) {
        out[len++] = digits[k];
        if (k == decimals && decimals > 0)
            out[len++] = '.';
    }
    out[len] = '\0';
    return len;
}

/* Copies s[0..len) to out as snprintf would: truncated, NUL-terminated. */
static size_t
copy_out(char *out, size_t size, const char *s, size_t len)
{
    if (!size)
        return 0;
    if (len >= size)
        len = size - 1;
    memcpy(out, s, len);
    out[len] = '\0';
    return len;
}

size_t
sentiment_fmt(char *out, size_t size, double x, int decimals)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4,
                                   1e5, 1e6, 1e7, 1e8, 1e9};
    char exact[400], *dot, *p;
    int neg = x < 0, nonzero = 0;
    double scaled, frac;
    size_t i, len;

    scaled = fabs(x) * (decimals >= 0 && decimals <= 9 ? pow10[decimals]
                                                       : pow(10, decimals));
    frac = scaled - floor(scaled);
    if (fabs(frac - 0.5) < 1e-6) /* near a half: look at the exact digits */
        snprintf(exact, sizeof(exact), "%.60f", fabs(x));
    else
        exact[0] = '\0';
    dot = strchr(exact, '.');
    p = dot ? dot + 1 + decimals : exact;
    if (dot && *p == '5' && strspn(p + 1, "0") == strlen(p + 1)) {
        /* An exact half: truncate, then add one unit in the last place. */
        len = (size_t)(p - exact);
        if (decimals == 0)
            len--;
        exact[len] = '\0';
        for (i = len; i-- > 0;) {
            if (exact[i] == '.')
                continue;
            if (exact[i] != '9') {
                exact[i]++;
                break;
            }
            exact[i] = '0';
            if (i == 0) {
                memmove(exact + 1, exact, len + 1);
                exact[0] = '1';
            }
        }
    } else if (!dot && scaled < 1e15 && decimals <= 9) {
        /*
         * Far from a half, rounding the scaled value is exact enough (its
         * error is some 1e-12 of a unit) and much faster than printf.
         */
        unsigned long long units = (unsigned long long)floor(scaled + 0.5);
        len = 0;
        if (neg && units)
            exact[len++] = '-';
        len += fmt_units(exact + len, units, decimals);
        return copy_out(out, size, exact, len);
    } else {
        snprintf(exact, sizeof(exact), "%.*f", decimals, fabs(x));
    }
    for (p = exact; *p; p++)
        if (*p >= '1' && *p <= '9')
            nonzero = 1;
    if (neg && nonzero && size > 1) {
        out[0] = '-';
        return 1 + copy_out(out + 1, size - 1, exact, strlen(exact));
    }
    return copy_out(out, size, exact, strlen(exact));
}

/* ---- documents --------------------------------------------------------- */

void
sentiment_doc_add(struct sentiment_doc *d, const struct sentiment_result *s)
{
    d->sentences++;
    d->pos += s->pos;
    d->neu += s->neu;
    d->neg += s->neg;
    d->compound += s->compound;
}

void
sentiment_doc_mean(const struct sentiment_doc *d, struct sentiment_result *res)
{
    memset(res, 0, sizeof(*res));
    if (!d->sentences)
        return;
    res->pos = d->pos / (double)d->sentences;
    res->neu = d->neu / (double)d->sentences;
    res->neg = d->neg / (double)d->sentences;
    res->compound = d->compound / (double)d->sentences;
    res->sum = d->compound;
}
