#include "rxscreen.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

/*
 * What a match needs is kept as clauses, all of which a text must meet
 * (a conjunction); a clause is met when the text holds one of its bytes,
 * one of its listed pairs of bytes or one of its pairs of byte classes
 * (a disjunction).  A sequence of items needs the clauses of each item
 * and of each pair of adjacent characters; an alternation needs, for each
 * k, one of the k-th rarest clauses of its branches, and (tested last,
 * being dearer) the rarest clauses of one branch or another, all of them
 * (a "term" each); an optional item needs nothing.  Clauses are kept few
 * and rare: dropping one only makes the screen pass more texts, which is
 * always safe.
 */
enum {
    MAX_CLAUSES = 6,       /* per screen, per sequence, per alternation */
    MAX_CLAUSE_PAIRS = 64, /* listed pairs in one clause */
    MAX_ITEM_PAIRS = 9,    /* "[Aa][Bb]" is listed, "[A-Z]\d" by class */
    MAX_WIDE = 8,          /* non-ASCII characters of a class listed */
    MAX_TERM_PARTS = 3,    /* clauses of a branch in its term */
    MAX_ALTS = 2,          /* alternations tested term by term */
    USELESS_WEIGHT = 950   /* a clause nearly every text meets */
};

struct clause {
    uint64_t bytes[4];
    uint64_t class_pairs;
    unsigned weight; /* how likely a text meets it, 0..1000 */
    unsigned npairs;
    uint16_t pairs[MAX_CLAUSE_PAIRS]; /* bits of rxscreen_text.pairs */
    uint8_t pair_weight[MAX_CLAUSE_PAIRS];
};

/* A branch of an alternation: its rarest clauses, all needed. */
struct term {
    struct clause part[MAX_TERM_PARTS];
    unsigned nparts;
};

/*
 * An alternation: one of its terms is needed.  Its index (made last, for
 * at most 64 terms) lists the pairs that first clauses made of pairs
 * only need, and for each the terms it may start: a text's pairs then
 * name the few terms worth testing, instead of testing each.
 */
struct alt {
    struct term *terms;
    size_t nterms;
    unsigned weight;
    uint16_t *gate;       /* pair bits */
    uint64_t *gate_terms; /* per pair bit: the terms it may start */
    size_t ngate;
    uint64_t unindexed; /* terms tested whole, whatever the pairs */
};

/*
 * Clauses and alternations that must all be met; none: the pattern needs
 * nothing known.
 */
struct cnf {
    struct clause *v;
    size_t n, cap;
    struct alt *alts;
    size_t nalts;
};

struct rxscreen {
    struct cnf need;
};

/* ---- what a text holds ------------------------------------------------- */

/*
 * Classes of bytes, for pairs too many to list ("[A-Z]\d"): 0 digit,
 * 1 capital, 2 small letter, 3 space, 4 other ASCII, 5 control, 6 first
 * byte of a UTF-8 sequence, 7 later byte.
 */
/* clang-format off */
static const unsigned char byte_class[256] = {
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4,
    4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 4, 4, 4,
    4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 5,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
};
/* clang-format on */

/*
 * The bit of the pair "ab": cheap, as it is taken at every byte of every
 * sentence; distinct for ASCII pairs but where b - b' = 31 (a' - a).
 */
static unsigned
pair_bit(unsigned a, unsigned b)
{
    return (a * 31 + b) & 4095;
}

void
rxscreen_text_of(struct rxscreen_text *t, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned prev, prev_class, c, h;
    uint64_t class_pairs = 0; /* here, not in t: no store a byte */
    size_t i;

    memset(t, 0, sizeof(*t));
    if (len == 0)
        return;
    prev = u[0];
    prev_class = byte_class[prev] * 8u;
    t->bytes[prev >> 6] |= (uint64_t)1 << (prev & 63);
    for (i = 1; i < len; i++) {
        c = u[i];
        t->bytes[c >> 6] |= (uint64_t)1 << (c & 63);
        h = pair_bit(prev, c);
        t->pairs[h >> 6] |= (uint64_t)1 << (h & 63);
        class_pairs |= (uint64_t)1 << (prev_class + byte_class[c]);
        prev = c;
        prev_class = byte_class[c] * 8u;
    }
    t->class_pairs = class_pairs;
}

/* ---- byte sets --------------------------------------------------------- */

static void
set_byte(uint64_t *bits, unsigned b)
{
    bits[b >> 6] |= (uint64_t)1 << (b & 63);
}

static int
has_byte(const uint64_t *bits, unsigned b)
{
    return (bits[b >> 6] >> (b & 63)) & 1;
}

static int
set_empty(const uint64_t *bits)
{
    return !(bits[0] | bits[1] | bits[2] | bits[3]);
}

static void
set_union(uint64_t *to, const uint64_t *from)
{
    to[0] |= from[0];
    to[1] |= from[1];
    to[2] |= from[2];
    to[3] |= from[3];
}

static int
set_meets(const uint64_t *a, const uint64_t *b)
{
    return ((a[0] & b[0]) | (a[1] & b[1]) | (a[2] & b[2]) | (a[3] & b[3])) !=
           0;
}

/* The first byte of code point cp in UTF-8 (it grows with cp). */
static unsigned
utf8_lead(uint32_t cp)
{
    if (cp < 0x80)
        return cp;
    if (cp < 0x800)
        return 0xc0 | (cp >> 6);
    if (cp < 0x10000)
        return 0xe0 | (cp >> 12);
    return 0xf0 | (cp >> 18);
}

/* The second byte of non-ASCII code point cp in UTF-8. */
static unsigned
utf8_second(uint32_t cp)
{
    if (cp < 0x800)
        return 0x80 | (cp & 0x3f);
    if (cp < 0x10000)
        return 0x80 | ((cp >> 6) & 0x3f);
    return 0x80 | ((cp >> 12) & 0x3f);
}

/*
 * Caseless, PCRE2 matches U+212A KELVIN SIGN with k and K, U+017F LONG S
 * with s and S: the only non-ASCII characters that match ASCII ones (a
 * unit test asks PCRE2).
 */
enum { KELVIN_SIGN = 0x212a, LONG_S = 0x17f };

static void
set_range(uint64_t *bits, unsigned lo, unsigned hi)
{
    for (; lo <= hi; lo++)
        set_byte(bits, lo);
}

/*
 * Adds the bytes that start what code point cp matches as a pattern
 * character.  Caseless, an ASCII letter matches its other case too (and
 * k, s the signs above); a non-ASCII character matches some non-ASCII
 * ones: any first byte of those.
 */
static void
add_char(uint64_t *bits, uint32_t cp, int caseless)
{
    if (cp >= 0x80 && caseless) {
        set_range(bits, 0xc0, 0xff);
        if (cp == KELVIN_SIGN)
            add_char(bits, 'k', 1);
        if (cp == LONG_S)
            add_char(bits, 's', 1);
        return;
    }
    if (cp >= 0x80) {
        set_byte(bits, utf8_lead(cp));
        return;
    }
    set_byte(bits, cp);
    if (caseless && (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
        set_byte(bits, cp ^ 0x20);
        if ((cp | 0x20) == 'k')
            set_byte(bits, utf8_lead(KELVIN_SIGN));
        if ((cp | 0x20) == 's')
            set_byte(bits, utf8_lead(LONG_S));
    }
}

/* Adds the range lo..hi of a class (lo <= hi: PCRE2 checked). */
static void
add_range(uint64_t *bits, uint32_t lo, uint32_t hi, int caseless)
{
    uint32_t c;

    for (c = lo; c <= hi && c < 0x80; c++)
        add_char(bits, c, caseless);
    if (hi < 0x80)
        return;
    if (caseless) {
        set_range(bits, 0xc0, 0xff);
        if (lo <= KELVIN_SIGN && KELVIN_SIGN <= hi)
            add_char(bits, 'k', 1);
        if (lo <= LONG_S && LONG_S <= hi)
            add_char(bits, 's', 1);
        return;
    }
    set_range(bits, utf8_lead(lo < 0x80 ? 0x80 : lo), utf8_lead(hi));
}

/* A rough chance that a sentence of news text holds byte b, in 1/1000. */
static unsigned
byte_weight(unsigned b)
{
    /* a b c d e f g h i j k l m n o p q r s t u v w x y z */
    static const unsigned short lower[26] = {
        970, 650, 870, 880, 990, 780, 750, 900, 960, 100, 450, 900, 800,
        960, 960, 780, 100, 950, 950, 980, 850, 550, 700, 150, 700, 80,
    };

    if (b == ' ')
        return 1000;
    if (b >= 'a' && b <= 'z')
        return lower[b - 'a'];
    if (b >= 'A' && b <= 'Z')
        return 300;
    if (b >= '0' && b <= '9')
        return 250;
    if (b == '.' || b == ',')
        return 700;
    if (b >= 0x80)
        return 200;
    return 100;
}

/* The chance of the likeliest byte of a set. */
static unsigned
set_weight(const uint64_t *bits)
{
    unsigned b, w = 0;

    for (b = 0; b < 256; b++)
        if (has_byte(bits, b) && byte_weight(b) > w)
            w = byte_weight(b);
    return w;
}

/* ---- clauses ----------------------------------------------------------- */

/* How likely a sentence holds some pair of these byte classes. */
static unsigned
class_pairs_weight(uint64_t class_pairs)
{
    /* small-small, small-space, space-small, capital-small, small-other */
    static const unsigned char common[][2] = {
        {2, 2}, {2, 3}, {3, 2}, {1, 2}, {2, 4}, {4, 3}, {3, 1}, {1, 1},
    };
    size_t i;

    if (!class_pairs)
        return 0;
    for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
        if (class_pairs >> (common[i][0] * 8 + common[i][1]) & 1)
            return 1000;
    return 250;
}

/* The chance of a pair: of its bytes, both at once ("qu" < "th"). */
static unsigned
pair_weight(unsigned a, unsigned b)
{
    return byte_weight(a) * byte_weight(b) / 4000;
}

/*
 * A clause's weight: that of its likeliest part (its bytes, classes or
 * pairs; a few pairs count little more than the likeliest one).
 */
static void
clause_weigh(struct clause *c)
{
    unsigned w = set_weight(c->bytes), cw, pw = 0, sum = 0, k;

    cw = class_pairs_weight(c->class_pairs);
    if (cw > w)
        w = cw;
    for (k = 0; k < c->npairs; k++) {
        sum += c->pair_weight[k];
        if (c->pair_weight[k] > pw)
            pw = c->pair_weight[k];
    }
    pw += (sum - pw) / 4;
    if (pw > w)
        w = pw;
    c->weight = w > 1000 ? 1000 : w;
}

/* Adds the pair ab to a clause. */
static void
clause_add_pair(struct clause *c, unsigned a, unsigned b)
{
    c->pair_weight[c->npairs] = (uint8_t)pair_weight(a, b);
    c->pairs[c->npairs++] = (uint16_t)pair_bit(a, b);
}

static void
cnf_release(struct cnf *f)
{
    size_t i;

    for (i = 0; i < f->nalts; i++) {
        free(f->alts[i].terms);
        free(f->alts[i].gate);
        free(f->alts[i].gate_terms);
    }
    free(f->alts);
    free(f->v);
    memset(f, 0, sizeof(*f));
}

/* Adds a copy of alternation a to f. */
static void
cnf_add_alt(struct cnf *f, const struct alt *a)
{
    struct alt *to;

    f->alts = xrealloc(f->alts, (f->nalts + 1) * sizeof(*f->alts));
    to = &f->alts[f->nalts++];
    memset(to, 0, sizeof(*to));
    to->nterms = a->nterms;
    to->weight = a->weight;
    to->terms = xmalloc(a->nterms * sizeof(*a->terms));
    memcpy(to->terms, a->terms, a->nterms * sizeof(*a->terms));
}

/* Adds clause c (weighed) unless f has it already. */
static void
cnf_add(struct cnf *f, const struct clause *c)
{
    size_t i;

    for (i = 0; i < f->n; i++)
        if (memcmp(&f->v[i], c, sizeof(*c)) == 0)
            return;
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->v = xrealloc(f->v, f->cap * sizeof(*f->v));
    }
    f->v[f->n++] = *c;
}

static void
cnf_add_bytes(struct cnf *f, const uint64_t *bits)
{
    struct clause c;

    memset(&c, 0, sizeof(c));
    memcpy(c.bytes, bits, sizeof(c.bytes));
    clause_weigh(&c);
    if (!set_empty(bits))
        cnf_add(f, &c);
}

/* Adds the clauses and alternations of from to f. */
static void
cnf_and(struct cnf *f, const struct cnf *from)
{
    size_t i;

    for (i = 0; i < from->n; i++)
        cnf_add(f, &from->v[i]);
    for (i = 0; i < from->nalts; i++)
        cnf_add_alt(f, &from->alts[i]);
}

/*
 * Adds what clause d accepts to clause c (an OR of both).  Returns 0 when
 * the pairs do not fit: then c means nothing.
 */
static int
union_clause(struct clause *c, const struct clause *d)
{
    size_t i, j;

    set_union(c->bytes, d->bytes);
    c->class_pairs |= d->class_pairs;
    for (i = 0; i < d->npairs; i++) {
        for (j = 0; j < c->npairs && c->pairs[j] != d->pairs[i]; j++)
            ;
        if (j < c->npairs)
            continue;
        if (c->npairs == MAX_CLAUSE_PAIRS)
            return 0;
        c->pair_weight[c->npairs] = d->pair_weight[i];
        c->pairs[c->npairs++] = d->pairs[i];
    }
    return 1;
}

/*
 * Turns the alternations of f into plain clauses (a text that meets a term
 * meets its k-th part, so the union of the terms' k-th parts), for an
 * alternation that cannot stay one.
 */
static void
cnf_fold_alts(struct cnf *f, size_t from)
{
    struct clause c;
    size_t i, k, t;
    unsigned most;

    for (i = from; i < f->nalts; i++) {
        const struct alt *a = &f->alts[i];

        for (most = 0, t = 0; t < a->nterms; t++)
            if (a->terms[t].nparts > most)
                most = a->terms[t].nparts;
        for (k = 0; k < most; k++) {
            memset(&c, 0, sizeof(c));
            for (t = 0; t < a->nterms; t++) {
                const struct term *term = &a->terms[t];

                if (!union_clause(
                        &c,
                        &term->part[k < term->nparts ? k : term->nparts - 1]))
                    break;
            }
            if (t < a->nterms)
                continue;
            clause_weigh(&c);
            cnf_add(f, &c);
        }
        free(f->alts[i].terms); /* not indexed yet */
    }
    if (f->nalts > from)
        f->nalts = from;
}

/*
 * Keeps the MAX_CLAUSES rarest useful clauses, rarest first, and the
 * MAX_ALTS rarest alternations (the others become plain clauses).
 */
static void
cnf_trim(struct cnf *f)
{
    size_t i, j, n = 0;
    struct clause c;
    struct alt a;

    for (i = 1; i < f->nalts; i++) {
        a = f->alts[i];
        for (j = i; j > 0 && f->alts[j - 1].weight > a.weight; j--)
            f->alts[j] = f->alts[j - 1];
        f->alts[j] = a;
    }
    if (f->nalts > MAX_ALTS)
        cnf_fold_alts(f, MAX_ALTS);

    for (i = 0; i < f->n; i++)
        if (f->v[i].weight < USELESS_WEIGHT)
            f->v[n++] = f->v[i];
    f->n = n;
    for (i = 1; i < f->n; i++) { /* insertion sort: a few clauses */
        c = f->v[i];
        for (j = i; j > 0 && f->v[j - 1].weight > c.weight; j--)
            f->v[j] = f->v[j - 1];
        f->v[j] = c;
    }
    if (f->n > MAX_CLAUSES)
        f->n = MAX_CLAUSES;
}

/*
 * The alternation of branches as terms: a text that matches branch b
 * meets all of b's rarest clauses.  None when a term would be one clause
 * in every branch (the union of those, a plain clause, says as much).
 */
static int
cnf_add_terms(struct cnf *f, const struct cnf *branches, size_t nb)
{
    struct alt a = {0};
    size_t b, k, most = 0;
    double w = 0, tw;

    for (b = 0; b < nb; b++)
        if (branches[b].n > most)
            most = branches[b].n;
    if (most < 2)
        return 0;
    a.terms = xmalloc(nb * sizeof(*a.terms));
    a.nterms = nb;
    for (b = 0; b < nb; b++) {
        struct term *t = &a.terms[b];

        t->nparts = branches[b].n < MAX_TERM_PARTS ? (unsigned)branches[b].n
                                                   : MAX_TERM_PARTS;
        tw = 1;
        for (k = 0; k < t->nparts; k++) {
            t->part[k] = branches[b].v[k];
            tw *= t->part[k].weight / 1000.0;
        }
        w += tw;
    }
    a.weight = w >= 1 ? 1000 : (unsigned)(w * 1000);
    if (a.weight < USELESS_WEIGHT)
        cnf_add_alt(f, &a);
    free(a.terms);
    return a.weight < USELESS_WEIGHT;
}

/*
 * One of the branches (trimmed here: rarest first).  A text that matches
 * branch b meets all of b's first clauses (a term of an alternation); and
 * for each k it meets b's k-th clause (its last, when it has fewer), so
 * the union of those over the branches: plain clauses, for the k the
 * terms do not hold already.
 */
static void
cnf_any(struct cnf *f, struct cnf *branches, size_t nb)
{
    struct clause c;
    size_t b, k, from, most = 0;

    if (nb == 1) {
        cnf_and(f, &branches[0]);
        cnf_trim(f);
        return;
    }
    for (b = 0; b < nb; b++) {
        cnf_fold_alts(&branches[b], 0); /* a term holds plain clauses */
        cnf_trim(&branches[b]);
        if (branches[b].n == 0)
            return; /* a branch that needs nothing */
        if (branches[b].n > most)
            most = branches[b].n;
    }
    from = cnf_add_terms(f, branches, nb) ? MAX_TERM_PARTS : 0;
    for (k = from; k < most; k++) {
        memset(&c, 0, sizeof(c));
        for (b = 0; b < nb; b++)
            if (!union_clause(
                    &c,
                    &branches[b].v[k < branches[b].n ? k : branches[b].n - 1]))
                break; /* too many pairs: no clause */
        if (b < nb)
            continue;
        clause_weigh(&c);
        cnf_add(f, &c);
    }
    cnf_trim(f);
}

/* The bytes of a set, in order; returns how many. */
static unsigned
set_list(const uint64_t *bits, unsigned char *out)
{
    unsigned b, n = 0;

    for (b = 0; b < 256; b++)
        if (has_byte(bits, b))
            out[n++] = (unsigned char)b;
    return n;
}

/*
 * Adds the clause of a pair: a character that starts with a byte of
 * first, then one that starts with a byte of second.  Listed byte by byte
 * when they are few and first is ASCII (so the byte before the second
 * character is the first character), else by classes of bytes.
 */
static void
cnf_add_pair(struct cnf *f, const uint64_t *first, const uint64_t *second)
{
    unsigned char fb[256], sb[256];
    unsigned nf = set_list(first, fb), ns = set_list(second, sb), a, b;
    unsigned last_classes = 0, first_classes = 0;
    struct clause c;

    if (nf == 0 || ns == 0)
        return;
    memset(&c, 0, sizeof(c));
    if (fb[nf - 1] < 0x80 && nf * ns <= MAX_ITEM_PAIRS) {
        for (a = 0; a < nf; a++)
            for (b = 0; b < ns; b++)
                clause_add_pair(&c, fb[a], sb[b]);
    } else {
        for (a = 0; a < nf; a++) /* a non-ASCII character ends in 80..bf */
            last_classes |= 1u << byte_class[fb[a] >= 0x80 ? 0x80 : fb[a]];
        for (b = 0; b < ns; b++)
            first_classes |= 1u << byte_class[sb[b]];
        for (a = 0; a < 8; a++)
            for (b = 0; b < 8; b++)
                if ((last_classes >> a & 1) && (first_classes >> b & 1))
                    c.class_pairs |= (uint64_t)1 << (a * 8 + b);
    }
    clause_weigh(&c);
    cnf_add(f, &c);
}

/*
 * The clause of a set of characters: one of its ASCII bytes, or the first
 * two bytes of one of its wide[] (non-ASCII) characters when they are
 * listed ("[$€£¥]" needs '$' or e2 82 or c2 a3 or c2 a5, where a bare e2
 * is in every curly quote); else one of bits[].
 */
static void
cnf_add_chars(struct cnf *f, const uint64_t *bits, const uint32_t *wide,
              size_t nwide)
{
    struct clause c;
    size_t i;

    if (nwide == 0 || nwide > MAX_WIDE) {
        cnf_add_bytes(f, bits);
        return;
    }
    memset(&c, 0, sizeof(c));
    c.bytes[0] = bits[0];
    c.bytes[1] = bits[1];
    for (i = 0; i < nwide; i++)
        clause_add_pair(&c, utf8_lead(wide[i]), utf8_second(wide[i]));
    clause_weigh(&c);
    cnf_add(f, &c);
}

/* ---- reading the pattern ----------------------------------------------- */

struct parser {
    const char *p;
    int bad; /* something it does not read for sure */
};

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
    return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int
hex_value(int c)
{
    if (is_digit(c))
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* Reads one UTF-8 character (the pattern is valid UTF-8: PCRE2 checked). */
static uint32_t
read_char(struct parser *ps)
{
    const unsigned char *u = (const unsigned char *)ps->p;
    uint32_t c = u[0];
    int n, i;

    if (c < 0x80) {
        ps->p++;
        return c;
    }
    n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
    c &= 0x3f >> n;
    for (i = 1; i <= n; i++) {
        if ((u[i] & 0xc0) != 0x80) {
            ps->bad = 1;
            ps->p++;
            return 0xfffd;
        }
        c = (c << 6) | (u[i] & 0x3f);
    }
    ps->p += n + 1;
    return c;
}

/* What an escape stands for. */
enum esc_kind {
    ESC_CHAR, /* one character, cp */
    ESC_SET,  /* one byte of bits: \d \w \s */
    ESC_OTHER /* a character that can be anything, or an assertion */
};

struct esc {
    enum esc_kind kind;
    uint32_t cp;
    uint64_t bits[4];
};

static void
set_class(uint64_t *bits, int which)
{
    unsigned c;

    memset(bits, 0, 4 * sizeof(*bits));
    for (c = 0; c < 0x80; c++)
        if ((which == 'd' && is_digit((int)c)) ||
            (which == 'w' && (is_alnum((int)c) || c == '_')) ||
            (which == 's' && (c == ' ' || (c >= '\t' && c <= '\r'))))
            set_byte(bits, c);
}

/* Reads the escape after a backslash, in a class or not. */
static void
read_escape(struct parser *ps, int in_class, struct esc *e)
{
    int c = (unsigned char)*ps->p, h;

    e->kind = ESC_CHAR;
    if (c == '\0') {
        ps->bad = 1;
        return;
    }
    if (c >= 0x80 || !is_alnum(c)) { /* an escaped literal: \. \$ \\ */
        e->cp = read_char(ps);
        return;
    }
    ps->p++;
    switch (c) {
    case 'd':
    case 'w':
    case 's':
        e->kind = ESC_SET;
        set_class(e->bits, c);
        return;
    case 'a':
        e->cp = 7;
        return;
    case 'e':
        e->cp = 27;
        return;
    case 'f':
        e->cp = 12;
        return;
    case 'n':
        e->cp = 10;
        return;
    case 'r':
        e->cp = 13;
        return;
    case 't':
        e->cp = 9;
        return;
    case 'b':
        if (in_class)
            e->cp = 8; /* backspace in a class */
        else
            e->kind = ESC_OTHER;
        return;
    case 'D':
    case 'W':
    case 'S':
    case 'h':
    case 'H':
    case 'v':
    case 'V':
        e->kind = ESC_OTHER;
        return;
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
    case 'K':
    case 'R':
    case 'X':
        e->kind = ESC_OTHER;
        ps->bad |= in_class;
        return;
    case 'N':
        e->kind = ESC_OTHER;
        ps->bad |= in_class || *ps->p == '{';
        return;
    case 'p':
    case 'P':
        e->kind = ESC_OTHER;
        if (*ps->p == '{') {
            while (*ps->p && *ps->p != '}')
                ps->p++;
            if (!*ps->p)
                ps->bad = 1;
            else
                ps->p++;
        } else if (is_alnum((unsigned char)*ps->p)) {
            ps->p++;
        } else {
            ps->bad = 1;
        }
        return;
    case 'x':
        e->cp = 0;
        if (*ps->p == '{') {
            ps->p++;
            while ((h = hex_value((unsigned char)*ps->p)) >= 0 &&
                   e->cp <= 0x10ffff) {
                e->cp = e->cp * 16 + (uint32_t)h;
                ps->p++;
            }
            if (*ps->p != '}' || e->cp > 0x10ffff)
                ps->bad = 1;
            else
                ps->p++;
        } else {
            for (h = 0; h < 2 && hex_value((unsigned char)*ps->p) >= 0; h++)
                e->cp = e->cp * 16 + (uint32_t)hex_value(*ps->p++);
        }
        return;
    default: /* back references, \Q..\E, \c, \g, \k, \o, octal ... */
        ps->bad = 1;
        return;
    }
}

/*
 * Reads a class after its '[': the bytes its characters start with into
 * bits, its clause into f.  Returns 0 when it can be anything (negated,
 * \D, \p{L}): no clause.
 */
static int
read_class(struct parser *ps, int caseless, uint64_t *bits, struct cnf *f)
{
    uint32_t wide[MAX_WIDE + 1];
    size_t nwide = 0;
    int any = 0, first = 1;

    if (*ps->p == '^') {
        any = 1; /* a negated class can be almost anything */
        ps->p++;
    }
    while (!ps->bad) {
        struct esc lo, hi;

        if (*ps->p == '\0') {
            ps->bad = 1;
            break;
        }
        if (*ps->p == ']' && !first) {
            ps->p++;
            break;
        }
        first = 0;
        if (*ps->p == '[' &&
            (ps->p[1] == ':' || ps->p[1] == '.' || ps->p[1] == '=')) {
            ps->bad = 1; /* POSIX classes */
            break;
        }
        if (*ps->p == '\\') {
            ps->p++;
            read_escape(ps, 1, &lo);
        } else {
            lo.kind = ESC_CHAR;
            lo.cp = read_char(ps);
        }
        if (lo.kind == ESC_OTHER) {
            any = 1;
            continue;
        }
        if (lo.kind == ESC_SET) {
            set_union(bits, lo.bits);
            if (*ps->p == '-' && ps->p[1] != ']')
                ps->bad = 1; /* [\d-z]: leave it to PCRE2 */
            continue;
        }
        if (*ps->p == '-' && ps->p[1] != ']' && ps->p[1] != '\0') {
            ps->p++;
            if (*ps->p == '\\') {
                ps->p++;
                read_escape(ps, 1, &hi);
            } else if (*ps->p == '[') {
                ps->bad = 1;
                break;
            } else {
                hi.kind = ESC_CHAR;
                hi.cp = read_char(ps);
            }
            if (hi.kind != ESC_CHAR) {
                ps->bad = 1;
                break;
            }
            add_range(bits, lo.cp, hi.cp, caseless);
            if (hi.cp >= 0x80)
                nwide = MAX_WIDE + 1; /* too many to list */
            continue;
        }
        add_char(bits, lo.cp, caseless);
        if (lo.cp >= 0x80 && nwide <= MAX_WIDE)
            wide[nwide++] = lo.cp;
    }
    if (any || ps->bad)
        return 0;
    cnf_add_chars(f, bits, wide, caseless ? MAX_WIDE + 1 : nwide);
    return 1;
}

/*
 * Reads a quantifier after an item, if any.  Returns the least number of
 * times the item is matched: 0 for ?, * and {0,n}, 1 without quantifier.
 */
static unsigned long
read_quantifier(struct parser *ps)
{
    unsigned long min = 1;
    const char *q;

    switch (*ps->p) {
    case '?':
    case '*':
        min = 0;
        ps->p++;
        break;
    case '+':
        ps->p++;
        break;
    case '{':
        /* only {n} {n,} {n,m}: other forms differ between PCRE2 versions */
        q = ps->p + 1;
        if (!is_digit((unsigned char)*q)) {
            ps->bad = 1;
            return 1;
        }
        min = strtoul(q, (char **)&q, 10);
        if (*q == ',') {
            q++;
            while (is_digit((unsigned char)*q))
                q++;
        }
        if (*q != '}') {
            ps->bad = 1;
            return 1;
        }
        ps->p = q + 1;
        break;
    default:
        return 1;
    }
    if (*ps->p == '?' || *ps->p == '+') /* lazy, possessive */
        ps->p++;
    if (*ps->p == '?' || *ps->p == '*' || *ps->p == '+' || *ps->p == '{')
        ps->bad = 1;
    return min;
}

static void read_alternation(struct parser *ps, int caseless, struct cnf *f);

/* Skips to the character after the next c. */
static void
skip_past(struct parser *ps, char c)
{
    while (*ps->p && *ps->p != c)
        ps->p++;
    if (*ps->p)
        ps->p++;
    else
        ps->bad = 1;
}

/*
 * Reads a group after its '(' and adds its clauses to f.  An option
 * setting "(?i)" changes *caseless for the rest of the enclosing group;
 * returns 0 for it (it is no item), else 1.
 */
static int
read_group(struct parser *ps, int *caseless, struct cnf *f)
{
    struct cnf inner_need = {0};
    int inner = *caseless, on = 1, keep = 1;

    if (*ps->p == '*') {
        ps->bad = 1; /* verbs: (*UCP), (*SKIP) ... */
        return 1;
    }
    if (*ps->p == '?') {
        ps->p++;
        switch (*ps->p) {
        case ':': /* plain */
        case '|': /* branch reset */
        case '>': /* atomic */
        case '=': /* lookahead: what it needs is in the text too */
            ps->p++;
            break;
        case '!':
            ps->p++;
            keep = 0;
            break;
        case '<':
            ps->p++;
            if (*ps->p == '=' || *ps->p == '!')
                keep = *ps->p++ == '=';
            else
                skip_past(ps, '>'); /* (?<name> */
            break;
        case 'P':
            if (ps->p[1] != '<') {
                ps->bad = 1;
                return 1;
            }
            skip_past(ps, '>');
            break;
        case '\'':
            ps->p++;
            skip_past(ps, '\'');
            break;
        default:
            if (*ps->p == '^') {
                inner = 0;
                ps->p++;
            }
            for (;; ps->p++) {
                if (*ps->p == '-' && !is_digit((unsigned char)ps->p[1]))
                    on = 0;
                else if (*ps->p == 'i')
                    inner = on;
                else if (!*ps->p || !strchr("msnUJ", *ps->p))
                    break;
            }
            if (*ps->p == ')') {
                ps->p++;
                *caseless = inner;
                return 0;
            }
            if (*ps->p != ':') {
                ps->bad = 1; /* (?x), (?R), (?(, (?C, (?# ... */
                return 1;
            }
            ps->p++;
        }
    }
    read_alternation(ps, inner, &inner_need);
    if (*ps->p != ')')
        ps->bad = 1;
    else
        ps->p++;
    if (keep)
        cnf_and(f, &inner_need);
    cnf_release(&inner_need);
    return 1;
}

/*
 * Reads one item and its quantifier, adding its clauses to f.  Returns 0
 * for an option setting (no item); else 1, 2 or 3: 2 when the item is one
 * or more characters each of which starts with a byte of bits[] (a
 * character, an escape such as \d, a class), for a pair with the next
 * item; 3 when it is two or more of them ("\d{2,4}": a pair in itself).
 */
static int
read_item(struct parser *ps, int *caseless, uint64_t *bits, struct cnf *f)
{
    struct esc e = {ESC_OTHER, 0, {0}};
    struct cnf item = {0};
    unsigned long min;
    int one = 0; /* one character from bits[] */

    memset(bits, 0, 4 * sizeof(*bits));
    switch (*ps->p) {
    case '(':
        ps->p++;
        if (!read_group(ps, caseless, &item))
            return 0;
        break;
    case '[':
        ps->p++;
        one = read_class(ps, *caseless, bits, &item);
        break;
    case '\\':
        ps->p++;
        read_escape(ps, 0, &e);
        break;
    case '.':
    case '^':
    case '$':
        ps->p++;
        break;
    case '*':
    case '+':
    case '?':
    case '{':
        ps->bad = 1;
        return 1;
    default:
        e.kind = ESC_CHAR;
        e.cp = read_char(ps);
        break;
    }
    if (e.kind == ESC_SET) {
        memcpy(bits, e.bits, sizeof(e.bits));
        cnf_add_bytes(&item, bits);
        one = 1;
    } else if (e.kind == ESC_CHAR) {
        add_char(bits, e.cp, *caseless);
        cnf_add_chars(&item, bits, &e.cp, e.cp >= 0x80 && !*caseless);
        one = 1;
    }
    min = read_quantifier(ps);
    if (min > 0)
        cnf_and(f, &item);
    cnf_release(&item);
    if (min == 0 || !one)
        return 1;
    return min >= 2 ? 3 : 2;
}

/* Reads branches up to a ')' or the end: what one of them needs, into f. */
static void
read_alternation(struct parser *ps, int caseless, struct cnf *f)
{
    struct cnf *branches = NULL, seq = {0};
    size_t nb = 0, cap = 0, i;
    uint64_t prev[4], cur[4];
    int have_prev = 0, kind;

    while (!ps->bad) {
        if (*ps->p == '\0' || *ps->p == ')' || *ps->p == '|') {
            cnf_trim(&seq);
            if (nb == cap) {
                cap = cap ? 2 * cap : 8;
                branches = xrealloc(branches, cap * sizeof(*branches));
            }
            branches[nb++] = seq;
            memset(&seq, 0, sizeof(seq));
            have_prev = 0;
            if (*ps->p != '|')
                break;
            ps->p++;
            continue;
        }
        kind = read_item(ps, &caseless, cur, &seq);
        if (kind == 0) {
            have_prev = 0;
            continue;
        }
        if (kind >= 2 && have_prev) /* "ab": the pair too */
            cnf_add_pair(&seq, prev, cur);
        if (kind == 3)
            cnf_add_pair(&seq, cur, cur);
        have_prev = kind >= 2;
        memcpy(prev, cur, sizeof(prev));
    }
    if (!ps->bad)
        cnf_any(f, branches, nb);
    for (i = 0; i < nb; i++)
        cnf_release(&branches[i]);
    free(branches);
    cnf_release(&seq);
}

/* Is c met by its listed pairs alone? */
static int
pairs_only(const struct clause *c)
{
    return c->npairs > 0 && set_empty(c->bytes) && !c->class_pairs;
}

/*
 * How dear a clause is to test against how often it lets a text through:
 * the order that tests least on average (cheap and rare first).
 */
static double
clause_rank(const struct clause *c)
{
    double cost = 8 + 5.0 * c->npairs, pass = c->weight / 1000.0;

    return cost / (1.001 - pass);
}

/* Orders the screen's clauses for testing (they were chosen by weight). */
static void
order_for_testing(struct cnf *f)
{
    size_t i, j;
    struct clause c;

    for (i = 1; i < f->n; i++) {
        c = f->v[i];
        for (j = i; j > 0 && clause_rank(&f->v[j - 1]) > clause_rank(&c); j--)
            f->v[j] = f->v[j - 1];
        f->v[j] = c;
    }
}

/* Makes alternation a's index. */
static void
index_alt(struct alt *a)
{
    size_t k, i, g;

    if (a->nterms > 64) {
        a->unindexed = ~(uint64_t)0; /* not used: all are tested */
        return;
    }
    for (k = 0; k < a->nterms; k++) {
        const struct clause *c = &a->terms[k].part[0];

        if (!pairs_only(c)) {
            a->unindexed |= (uint64_t)1 << k;
            continue;
        }
        for (i = 0; i < c->npairs; i++) {
            for (g = 0; g < a->ngate && a->gate[g] != c->pairs[i]; g++)
                ;
            if (g == a->ngate) {
                a->gate = xrealloc(a->gate, (g + 1) * sizeof(*a->gate));
                a->gate_terms =
                    xrealloc(a->gate_terms, (g + 1) * sizeof(*a->gate_terms));
                a->gate[g] = c->pairs[i];
                a->gate_terms[g] = 0;
                a->ngate++;
            }
            a->gate_terms[g] |= (uint64_t)1 << k;
        }
    }
}

struct rxscreen *
rxscreen_new(const char *pattern, int caseless)
{
    struct rxscreen *s = xcalloc(1, sizeof(*s));
    struct parser ps;
    size_t i;

    ps.p = pattern;
    ps.bad = 0;
    read_alternation(&ps, caseless, &s->need);
    if (ps.bad || *ps.p != '\0')
        cnf_release(&s->need);
    order_for_testing(&s->need);
    for (i = 0; i < s->need.nalts; i++)
        index_alt(&s->need.alts[i]);
    return s;
}

void
rxscreen_free(struct rxscreen *s)
{
    if (!s)
        return;
    cnf_release(&s->need);
    free(s);
}

/* ---- testing a text ---------------------------------------------------- */

static int
has_pair(const struct rxscreen_text *t, unsigned h)
{
    return (t->pairs[h >> 6] >> (h & 63)) & 1;
}

static int
meets(const struct clause *c, const struct rxscreen_text *t)
{
    unsigned k;

    if (set_meets(c->bytes, t->bytes) || (c->class_pairs & t->class_pairs))
        return 1;
    for (k = 0; k < c->npairs; k++)
        if (has_pair(t, c->pairs[k]))
            return 1;
    return 0;
}

/* Are the parts of term from the first-th on met? */
static int
meets_term(const struct term *term, unsigned first,
           const struct rxscreen_text *t)
{
    unsigned k;

    for (k = first; k < term->nparts; k++)
        if (!meets(&term->part[k], t))
            return 0;
    return 1;
}

static int
meets_alt(const struct alt *a, const struct rxscreen_text *t)
{
    uint64_t maybe = a->unindexed, tested;
    size_t g, k;

    if (a->nterms > 64) {
        for (k = 0; k < a->nterms; k++)
            if (meets_term(&a->terms[k], 0, t))
                return 1;
        return 0;
    }
    for (g = 0; g < a->ngate; g++)
        if (has_pair(t, a->gate[g]))
            maybe |= a->gate_terms[g];
    for (; maybe; maybe &= maybe - 1) {
        k = (size_t)__builtin_ctzll(maybe);
        tested = a->unindexed >> k & 1; /* else its first part is met */
        if (meets_term(&a->terms[k], tested ? 0 : 1, t))
            return 1;
    }
    return 0;
}

int
rxscreen_may_match(const struct rxscreen *s, const struct rxscreen_text *t)
{
    size_t i;

    for (i = 0; i < s->need.n; i++)
        if (!meets(&s->need.v[i], t))
            return 0;
    for (i = 0; i < s->need.nalts; i++)
        if (!meets_alt(&s->need.alts[i], t))
            return 0;
    return 1;
}

int
rxscreen_passes_all(const struct rxscreen *s)
{
    return s->need.n == 0 && s->need.nalts == 0;
}

/* ---- describing -------------------------------------------------------- */

static void
describe_byte(unsigned b, struct buf *out)
{
    if (b > ' ' && b < 0x7f && b != '\\' && b != ']' && b != '-')
        buf_addc(out, (char)b);
    else
        buf_addf(out, "\\x%02x", b);
}

static void
describe_set(const uint64_t *bits, struct buf *out)
{
    unsigned b, e;

    buf_addc(out, '[');
    for (b = 0; b < 256; b = e + 1) {
        e = b;
        if (!has_byte(bits, b))
            continue;
        while (e + 1 < 256 && has_byte(bits, e + 1))
            e++;
        describe_byte(b, out);
        if (e > b) {
            buf_addc(out, '-');
            describe_byte(e, out);
        }
    }
    buf_addc(out, ']');
}

void
rxscreen_describe(const struct rxscreen *s, struct buf *out)
{
    size_t i;

    if (rxscreen_passes_all(s))
        buf_adds(out, "true");
    for (i = 0; i < s->need.n; i++) {
        const struct clause *c = &s->need.v[i];
        const char *sep = "";

        buf_adds(out, i ? " & " : "");
        if (!set_empty(c->bytes)) {
            describe_set(c->bytes, out);
            sep = "|";
        }
        if (c->npairs) {
            buf_addf(out, "%s%u pairs", sep, c->npairs);
            sep = "|";
        }
        if (c->class_pairs)
            buf_addf(out, "%sclass pairs %016llx", sep,
                     (unsigned long long)c->class_pairs);
    }
    for (i = 0; i < s->need.nalts; i++)
        buf_addf(out, "%sone of %zu terms", i || s->need.n ? " & " : "",
                 s->need.alts[i].nterms);
}
