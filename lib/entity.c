#include "entity.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "lexicon.h"
#include "phrase.h"
#include "rxscreen.h"
#include "utf8.h"

static const char *const type_names[ENTITY_NTYPES] = {
    "ORG",   "PER",  "LOC",   "PRODUCT", "LAW",  "MISC",
    "MODEL", "NODE", "MONEY", "PERCENT", "DATE", "QUANTITY",
};

const char *
entity_type_name(enum entity_type type)
{
    return type >= 0 && type < ENTITY_NTYPES ? type_names[type] : NULL;
}

enum entity_type
entity_type_parse(const char *name, int for_patterns)
{
    int i = for_patterns ? ENTITY_MODEL : ENTITY_ORG;
    int end = for_patterns ? ENTITY_NTYPES : ENTITY_MODEL;

    for (; i < end; i++)
        if (strcmp(name, type_names[i]) == 0)
            return (enum entity_type)i;
    return ENTITY_NONE;
}

/* ---- word lists for the guesses ---------------------------------------- */

/*
 * Compared with a token's norm (through the facts below).  Kept sorted,
 * which a unit test checks, so a reader finds a word.
 */

/* Words that start sentences without starting names. */
static const char *const func_words[] = {
    "a",         "about",   "according", "after",   "again",   "against",
    "all",       "also",    "although",  "among",   "an",      "and",
    "another",   "any",     "are",       "as",      "at",      "because",
    "before",    "between", "both",      "but",     "by",      "can",
    "could",     "dear",    "despite",   "did",     "do",      "does",
    "during",    "each",    "either",    "even",    "every",   "few",
    "for",       "from",    "had",       "has",     "have",    "he",
    "her",       "here",    "his",       "how",     "however", "i",
    "if",        "in",      "instead",   "is",      "it",      "its",
    "just",      "last",    "let",       "like",    "many",    "may",
    "meanwhile", "might",   "more",      "most",    "much",    "must",
    "my",        "neither", "no",        "nor",     "not",     "now",
    "of",        "on",      "once",      "one",     "only",    "or",
    "other",     "our",     "over",      "perhaps", "please",  "she",
    "should",    "since",   "so",        "some",    "still",   "such",
    "than",      "thanks",  "that",      "the",     "their",   "then",
    "there",     "these",   "they",      "this",    "those",   "though",
    "through",   "to",      "under",     "unless",  "unlike",  "until",
    "upon",      "was",     "we",        "were",    "what",    "when",
    "whenever",  "where",   "whether",   "which",   "while",   "who",
    "why",       "will",    "with",      "within",  "without", "would",
    "yes",       "yet",     "you",       "your",
};

/* Titles: a cue for PER, never part of the name. */
static const char *const titles[] = {
    "amb",  "ambassador", "capt",    "chancellor", "col",   "dame",
    "dr",   "gen",        "gov",     "governor",   "judge", "lady",
    "lord", "lt",         "madam",   "miss",       "mr",    "mrs",
    "ms",   "mx",         "premier", "president",  "prof",  "rep",
    "rev",  "sen",        "senator", "sgt",        "sir",
};

/* Job words: trimmed from both ends of a run ("Chief Executive"). */
static const char *const roles[] = {
    "analyst",    "ceo",     "cfo",       "chair",        "chairman",
    "chairwoman", "chief",   "columnist", "contributor",  "correspondent",
    "cto",        "deputy",  "desk",      "director",     "editor",
    "executive",  "fellow",  "founder",   "head",         "manager",
    "minister",   "officer", "partner",   "professor",    "reporter",
    "secretary",  "senior",  "spokesman", "spokesperson", "spokeswoman",
    "staff",      "vice",    "writer",
};

/* Words that are capitalised without being names. */
static const char *const not_names[] = {
    "april",  "august",   "december", "february",  "friday",
    "i",      "january",  "july",     "june",      "march",
    "monday", "november", "october",  "saturday",  "september",
    "sunday", "thursday", "tuesday",  "wednesday",
};

/* The last word of an organisation's name. */
static const char *const org_suffixes[] = {
    "academy",
    "administration",
    "ag",
    "agency",
    "airlines",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "capital",
    "club",
    "co",
    "college",
    "commission",
    "committee",
    "communications",
    "company",
    "corp",
    "corporation",
    "council",
    "department",
    "electronics",
    "foundation",
    "fund",
    "gmbh",
    "group",
    "holdings",
    "inc",
    "incorporated",
    "industries",
    "institute",
    "international",
    "journal",
    "lab",
    "laboratories",
    "labs",
    "league",
    "llc",
    "ltd",
    "ministry",
    "motors",
    "office",
    "partners",
    "party",
    "plc",
    "press",
    "research",
    "school",
    "securities",
    "semiconductor",
    "semiconductors",
    "services",
    "society",
    "software",
    "solutions",
    "systems",
    "technologies",
    "technology",
    "telecom",
    "times",
    "union",
    "university",
};

/* The first word of "X of Y" organisations. */
static const char *const org_heads[] = {
    "academy",   "bank",       "board",   "bureau",     "church",
    "college",   "commission", "council", "department", "federation",
    "institute", "ministry",   "office",  "school",     "university",
};

/* The last word of a place name. */
static const char *const loc_suffixes[] = {
    "airport",    "avenue",   "bay",       "beach",  "canal",
    "city",       "county",   "district",  "island", "islands",
    "lake",       "mountain", "mountains", "ocean",  "peninsula",
    "prefecture", "province", "region",    "river",  "road",
    "sea",        "square",   "strait",    "street", "valley",
};

/* Abbreviations whose following '.' belongs to the name. */
static const char *const abbrevs[] = {
    "co", "corp", "inc", "jr", "ltd", "sr",
};

/* Verbs of speech: the name next to one is a person ("Smith said"). */
static const char *const speech[] = {
    "added", "argued", "asked",  "explained", "insisted", "noted",  "replied",
    "said",  "says",   "stated", "told",      "warned",   "writes", "wrote",
};

/* Prepositions of place: "in Kingston" is a place. */
static const char *const place_preps[] = {
    "across", "in", "near", "outside", "throughout",
};

/* Lower-case words allowed inside a name, between capitalised ones. */
static const char *const connectors[] = {
    "&",  "al", "and", "bin", "da", "de", "del", "della", "den", "der", "des",
    "di", "du", "for", "la",  "le", "of", "the", "van",   "von", "y",
};

static const char *const cue_names[ENTITY_NCUES] = {
    "given", "given-run",  "surname",    "title",
    "role",  "org-suffix", "loc-suffix", "not-name",
};

/* ---- what the rules know of a word ------------------------------------- */

/*
 * Facts about a token that the guessing rules ask for, gathered once per
 * token: the lists above its norm is on and the cue words of the files
 * (W_*, kept per key of the gazetteer's phrase set, where the words are
 * numbered), a few words the rules name, and what its type and norm look
 * like (T_*).
 */
enum word_fact {
    W_FUNC = 1u << 0,
    W_TITLE = 1u << 1,
    W_ROLE = 1u << 2,
    W_NOT_NAME = 1u << 3,
    W_ORG_SUFFIX = 1u << 4,
    W_ORG_HEAD = 1u << 5,
    W_LOC_SUFFIX = 1u << 6,
    W_ABBREV = 1u << 7,
    W_SPEECH = 1u << 8,
    W_PLACE_PREP = 1u << 9,
    W_CONNECTOR = 1u << 10,
    W_GIVEN = 1u << 11,
    W_GIVEN_RUN = 1u << 12,
    W_SURNAME = 1u << 13,
    W_OF = 1u << 14,
    W_AND = 1u << 15,
    W_AMP = 1u << 16,
    W_BY = 1u << 17,
    W_HYPHEN = 1u << 18,
    W_DOT = 1u << 19,
    W_NT = 1u << 20,
    W_PARTICLE = 1u << 21, /* van von de der bin: inside a person's name */
    T_WORD = 1u << 22,     /* of type word (or of no known type) */
    T_NUMBER = 1u << 23,
    T_ONE_CHAR = 1u << 24, /* a norm of one byte */
    T_QUOTE = 1u << 25     /* a norm that starts with ' */
};

/* The fact of each cue, in the order of enum entity_cue. */
static const unsigned cue_facts[ENTITY_NCUES] = {
    W_GIVEN, W_GIVEN_RUN,  W_SURNAME,    W_TITLE,
    W_ROLE,  W_ORG_SUFFIX, W_LOC_SUFFIX, W_NOT_NAME,
};

/* ---- the tagger -------------------------------------------------------- */

/*
 * A gazetteer entry, kept small (16 bytes) for gazetteers of 100,000s of
 * entries: the id is an offset in et->strings (offset 0 holds ""), the
 * case rule two bits a token when it has at most 15 (else an offset of
 * the rule string), where a file (et->where_files) and a line.
 */
struct name_entry {
    uint32_t id;
    uint32_t shape;      /* RULES_PACKED | codes, or an offset; 0: any case */
    uint32_t where_line; /* NO_LINE: where_file is all of where */
    uint16_t where_file;
    unsigned char type;
};

enum {
    NO_LINE = UINT32_MAX,
    MAX_WHERE_FILES = UINT16_MAX,
    RULES_PACKED = 1u << 31, /* 2 bits a token from bit 0: 1 a, 2 C, 3 A */
    MAX_PACKED_RULES = 15
};

struct pattern {
    pcre2_code *re;
    struct rxscreen *screen; /* skips sentences it cannot match */
    enum entity_type type;
    char *where;    /* "PATH:LINE" it was loaded from, or NULL */
    char *source;   /* the pattern as written, for messages */
    size_t skipped; /* sentences where it hit a PCRE2 limit */
};

/* A candidate span; prio 0 is the gazetteer, 1 + i pattern i. */
struct cand {
    size_t start, len;
    size_t prio;
    enum entity_type type;
    const char *id;
};

struct entity_tagger {
    struct tokenizer *tk;
    unsigned flags;
    struct phrase_set *ps;
    struct name_entry *names;
    size_t nnames, names_cap;
    struct buf strings; /* ids and case rules of the names */
    char **where_files; /* the files of the names' where */
    size_t nwhere_files;
    struct buf old_where; /* where of the entry replaced last */
    unsigned *key_facts;  /* W_* facts per key number of ps */
    size_t nkey_facts;
    struct pattern *pats;
    size_t npats, pats_cap;
    size_t pats_skipped; /* sentences a pattern was skipped on */
    pcre2_match_data *md;
    /* scratch, reused from sentence to sentence */
    struct buf keys, text;
    struct text_tokens ptoks;
    long *kid;        /* per token: its norm's key number, or -1 */
    unsigned *tfacts; /* per token: its facts */
    size_t *toff, *tend;
    unsigned char *tshape, *cover;
    size_t scratch_cap;
    struct phrase_matches pm;
    struct cand *cands;
    size_t ncands, cands_cap;
};

/* Records a fact of word (a norm). */
static void
add_fact(struct entity_tagger *et, const char *word, unsigned fact)
{
    size_t id = (size_t)phrase_set_intern(et->ps, word), n;

    if (id >= et->nkey_facts) {
        n = et->nkey_facts ? et->nkey_facts : 256;
        while (n <= id)
            n *= 2;
        et->key_facts = xrealloc(et->key_facts, n * sizeof(*et->key_facts));
        memset(et->key_facts + et->nkey_facts, 0,
               (n - et->nkey_facts) * sizeof(*et->key_facts));
        et->nkey_facts = n;
    }
    et->key_facts[id] |= fact;
}

static void
add_facts(struct entity_tagger *et, const char *const *list, size_t n,
          unsigned fact)
{
    size_t i;

    for (i = 0; i < n; i++)
        add_fact(et, list[i], fact);
}

#define ADD_FACTS(et, list, fact)                                             \
    add_facts((et), (list), sizeof(list) / sizeof((list)[0]), (fact))

struct entity_tagger *
entity_tagger_new(struct tokenizer *tk)
{
    static const char *const particles[] = {"van", "von", "de", "der", "bin"};
    struct entity_tagger *et = xcalloc(1, sizeof(*et));

    et->tk = tk;
    et->ps = phrase_set_new();
    buf_addc(&et->strings, '\0'); /* offset 0: "" */
    ADD_FACTS(et, func_words, W_FUNC);
    ADD_FACTS(et, titles, W_TITLE);
    ADD_FACTS(et, roles, W_ROLE);
    ADD_FACTS(et, not_names, W_NOT_NAME);
    ADD_FACTS(et, org_suffixes, W_ORG_SUFFIX);
    ADD_FACTS(et, org_heads, W_ORG_HEAD);
    ADD_FACTS(et, loc_suffixes, W_LOC_SUFFIX);
    ADD_FACTS(et, abbrevs, W_ABBREV);
    ADD_FACTS(et, speech, W_SPEECH);
    ADD_FACTS(et, place_preps, W_PLACE_PREP);
    ADD_FACTS(et, connectors, W_CONNECTOR);
    ADD_FACTS(et, particles, W_PARTICLE);
    add_fact(et, "of", W_OF);
    add_fact(et, "and", W_AND);
    add_fact(et, "&", W_AMP);
    add_fact(et, "by", W_BY);
    add_fact(et, "-", W_HYPHEN);
    add_fact(et, ".", W_DOT);
    add_fact(et, "n't", W_NT);
    return et;
}

void
entity_tagger_free(struct entity_tagger *et)
{
    size_t i;

    if (!et)
        return;
    free(et->names);
    buf_release(&et->strings);
    for (i = 0; i < et->nwhere_files; i++)
        free(et->where_files[i]);
    free(et->where_files);
    buf_release(&et->old_where);
    free(et->key_facts);
    for (i = 0; i < et->npats; i++) {
        pcre2_code_free(et->pats[i].re);
        rxscreen_free(et->pats[i].screen);
        free(et->pats[i].where);
        free(et->pats[i].source);
    }
    free(et->pats);
    pcre2_match_data_free(et->md);
    phrase_set_free(et->ps);
    buf_release(&et->keys);
    buf_release(&et->text);
    text_tokens_release(&et->ptoks);
    free(et->kid);
    free(et->tfacts);
    free(et->toff);
    free(et->tend);
    free(et->tshape);
    free(et->cover);
    phrase_matches_release(&et->pm);
    free(et->cands);
    free(et);
}

void
entity_set_flags(struct entity_tagger *et, unsigned flags)
{
    et->flags = flags;
}

size_t
entity_nnames(const struct entity_tagger *et)
{
    return phrase_set_size(et->ps);
}

size_t
entity_npatterns(const struct entity_tagger *et)
{
    return et->npats;
}

/* ---- case shapes ------------------------------------------------------- */

enum { SH_UPPER = 1, SH_LOWER = 2, SH_LETTERS2 = 4, SH_FIRST_UPPER = 8 };

/* What kinds of letters s[0..len) has. */
static unsigned
shape_of(const char *s, size_t len)
{
    unsigned sh = 0;
    size_t letters = 0;
    int32_t i = 0, n = (int32_t)len;
    UChar32 c;

    while (i < n) {
        if ((unsigned char)s[i] < 0x80) { /* ASCII without ICU */
            c = (unsigned char)s[i++];
            if (c >= 'A' && c <= 'Z') {
                sh |= SH_UPPER;
                if (letters == 0)
                    sh |= SH_FIRST_UPPER;
            } else if (c >= 'a' && c <= 'z') {
                sh |= SH_LOWER;
            } else {
                continue;
            }
            letters++;
            continue;
        }
        U8_NEXT(s, i, n, c);
        if (c < 0 || !u_isalpha(c))
            continue;
        if (u_isupper(c) || u_istitle(c)) {
            sh |= SH_UPPER;
            if (letters == 0)
                sh |= SH_FIRST_UPPER;
        } else if (u_islower(c)) {
            sh |= SH_LOWER;
        }
        letters++;
    }
    if (letters >= 2)
        sh |= SH_LETTERS2;
    return sh;
}

/* shape_of a NUL-terminated token, without ICU or strlen while ASCII. */
static unsigned
token_shape(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned sh = 0, letters = 0;

    for (; *u; u++) {
        if (*u >= 0x80)
            return shape_of(s, strlen(s));
        if ((unsigned)(*u - 'A') < 26) {
            if (letters == 0)
                sh |= SH_FIRST_UPPER;
            sh |= SH_UPPER;
            letters++;
        } else if ((unsigned)(*u - 'a') < 26) {
            sh |= SH_LOWER;
            letters++;
        }
    }
    if (letters >= 2)
        sh |= SH_LETTERS2;
    return sh;
}

/* The case rule a phrase token sets: 'A' all capitals, 'C' a capital. */
static char
rule_of(unsigned sh)
{
    if ((sh & SH_UPPER) && !(sh & SH_LOWER) && (sh & SH_LETTERS2))
        return 'A';
    return (sh & SH_UPPER) ? 'C' : 'a';
}

static int
rule_ok(char rule, unsigned sh)
{
    if (rule == 'A')
        return (sh & SH_UPPER) && !(sh & SH_LOWER);
    if (rule == 'C')
        return (sh & SH_UPPER) != 0;
    return 1;
}

/*
 * ASCII letters and digits in words split by single spaces: ICU would
 * split at the spaces only (text_phrase_norms takes the same shortcut).
 */
static int
simple_phrase(const char *s, size_t len)
{
    size_t i;

    if (len == 0 || s[0] == ' ' || s[len - 1] == ' ')
        return 0;
    for (i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') ||
              (s[i] == ' ' && s[i - 1] != ' ')))
            return 0;
    return 1;
}

/* The rule string for phrase's n tokens, or NULL when all are 'a'. */
static char *
phrase_rules(struct entity_tagger *et, const char *phrase, size_t n)
{
    size_t len = strlen(phrase), i;
    struct sk_err err;
    char *rules;
    int any = 0;

    for (i = 0; i < len; i++)
        if ((unsigned char)phrase[i] >= 0x80 ||
            (phrase[i] >= 'A' && phrase[i] <= 'Z'))
            break;
    if (i == len)
        return NULL; /* ASCII without capitals: any case */
    if (simple_phrase(phrase, len)) {
        /* words split at single spaces, as text_phrase_norms does */
        size_t from = 0, k = 0;

        rules = xmalloc(n + 1);
        for (i = 0; i <= len && k < n; i++)
            if (i == len || phrase[i] == ' ') {
                rules[k] = rule_of(shape_of(phrase + from, i - from));
                any |= rules[k++] != 'a';
                from = i + 1;
            }
        if (k != n) {
            free(rules);
            return NULL;
        }
    } else {
        if (tokenizer_split(et->tk, phrase, len, &et->ptoks, &err) < 0 ||
            et->ptoks.n != n)
            return NULL;
        rules = xmalloc(n + 1);
        for (i = 0; i < n; i++) {
            const struct text_token *t = &et->ptoks.v[i];

            rules[i] = rule_of(shape_of(phrase + t->start, t->end - t->start));
            any |= rules[i] != 'a';
        }
    }
    rules[n] = '\0';
    if (!any) {
        free(rules);
        return NULL;
    }
    return rules;
}

/* ---- adding entries ---------------------------------------------------- */

/* Stores s in et->strings; returns its offset ("" is offset 0). */
static uint32_t
add_string(struct entity_tagger *et, const char *s)
{
    size_t off = et->strings.len;

    if (!*s)
        return 0;
    buf_add(&et->strings, s, strlen(s) + 1);
    return (uint32_t)off;
}

/* Where an entry was given: FILE:LINE, or a string without a line. */
struct where {
    const char *file;
    size_t flen;
    unsigned long line; /* NO_LINE: file is all of where */
};

/* Reads a where string: "FILE:LINE" when it ends so, else all FILE. */
static void
parse_where(const char *where, struct where *w)
{
    const char *colon = strrchr(where, ':'), *d;

    w->file = where;
    w->flen = strlen(where);
    w->line = NO_LINE;
    if (colon && colon[1] >= '1' && colon[1] <= '9' &&
        strlen(colon + 1) <= 9) {
        for (d = colon + 1; *d >= '0' && *d <= '9'; d++)
            ;
        if (!*d) {
            w->line = strtoul(colon + 1, NULL, 10);
            w->flen = (size_t)(colon - where);
        }
    }
}

/* Keeps w in e: the number of its file among the files seen, its line. */
static void
set_where(struct entity_tagger *et, struct name_entry *e,
          const struct where *w)
{
    size_t flen = w->flen, i;

    /* the file of the entry before, most often; else one seen before */
    for (i = et->nwhere_files; i-- > 0;)
        if (strncmp(et->where_files[i], w->file, flen) == 0 &&
            et->where_files[i][flen] == '\0')
            break;
    if (i == (size_t)-1 && et->nwhere_files == MAX_WHERE_FILES) {
        i = 0; /* absurdly many files: later ones are misnamed */
    } else if (i == (size_t)-1) {
        et->where_files =
            xrealloc(et->where_files,
                     (et->nwhere_files + 1) * sizeof(*et->where_files));
        i = et->nwhere_files++;
        et->where_files[i] = xmalloc(flen + 1);
        memcpy(et->where_files[i], w->file, flen);
        et->where_files[i][flen] = '\0';
    }
    e->where_file = (uint16_t)i;
    e->where_line = (uint32_t)w->line;
}

/* Writes e's where, as it was given, to out. */
static void
get_where(const struct entity_tagger *et, const struct name_entry *e,
          struct buf *out)
{
    buf_reset(out);
    buf_adds(out, et->where_files[e->where_file]);
    if (e->where_line != NO_LINE)
        buf_addf(out, ":%lu", (unsigned long)e->where_line);
}

/* The packed code of a rule letter is its place here (0 ends). */
static const char rule_codes[] = " aCA";

/* A rule string as shape: packed when short enough. */
static uint32_t
pack_rules(struct entity_tagger *et, const char *rules)
{
    uint32_t packed = RULES_PACKED;
    size_t i;

    if (strlen(rules) > MAX_PACKED_RULES)
        return add_string(et, rules);
    for (i = 0; rules[i]; i++)
        packed |= (uint32_t)(strchr(rule_codes, rules[i]) - rule_codes)
                  << (2 * i);
    return packed;
}

/* entity_add_name, with where already read (the loader has it so). */
static int
add_name(struct entity_tagger *et, const char *phrase, enum entity_type type,
         const char *id, const struct where *where, const char **prev,
         struct sk_err *err)
{
    struct name_entry *e;
    size_t n;
    long k;
    int is_new, rc = 0;
    char *rules;

    buf_reset(&et->keys);
    if (text_phrase_norms(et->tk, phrase, strlen(phrase), &et->keys, &n, err) <
        0)
        return -1;
    if (n == 0 && where->line == NO_LINE)
        return sk_fail(err, "%.*s: phrase '%s' has no tokens",
                       (int)where->flen, where->file, phrase);
    if (n == 0)
        return sk_fail(err, "%.*s:%lu: phrase '%s' has no tokens",
                       (int)where->flen, where->file, where->line, phrase);
    k = phrase_set_add(et->ps, et->keys.data, n, &is_new);
    if (is_new) {
        if (et->nnames == et->names_cap) {
            et->names_cap = et->names_cap ? 2 * et->names_cap : 256;
            et->names =
                xrealloc(et->names, et->names_cap * sizeof(*et->names));
        }
        e = &et->names[et->nnames++];
        memset(e, 0, sizeof(*e));
    } else {
        e = &et->names[k];
        if (e->type != type || strcmp(et->strings.data + e->id, id) != 0) {
            rc = 1;
            get_where(et, e, &et->old_where);
            if (prev)
                *prev = et->old_where.data;
        }
    }
    e->type = (unsigned char)type;
    e->id = add_string(et, id);
    rules = phrase_rules(et, phrase, n);
    e->shape = rules ? pack_rules(et, rules) : 0;
    free(rules);
    set_where(et, e, where);
    return rc;
}

int
entity_add_name(struct entity_tagger *et, const char *phrase,
                enum entity_type type, const char *id, const char *where,
                const char **prev, struct sk_err *err)
{
    struct where w;

    parse_where(where, &w);
    return add_name(et, phrase, type, id, &w, prev, err);
}

enum entity_cue
entity_cue_parse(const char *name)
{
    int i;

    for (i = 0; i < ENTITY_NCUES; i++)
        if (strcmp(name, cue_names[i]) == 0)
            return (enum entity_cue)i;
    return ENTITY_NCUES;
}

int
entity_add_cue(struct entity_tagger *et, const char *word, enum entity_cue cue,
               const char *where, struct sk_err *err)
{
    size_t n;

    buf_reset(&et->keys);
    if (text_phrase_norms(et->tk, word, strlen(word), &et->keys, &n, err) < 0)
        return -1;
    if (n != 1)
        return sk_fail(err, "%s: cue '%s' must be one word", where, word);
    add_fact(et, et->keys.data, cue_facts[cue]);
    return 0;
}

int
entity_add_pattern(struct entity_tagger *et, const char *pattern,
                   enum entity_type type, struct sk_err *err)
{
    PCRE2_UCHAR msg[256];
    PCRE2_SIZE off;
    pcre2_code *re;
    int code;

    re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
                       &code, &off, NULL);
    if (!re) {
        pcre2_get_error_message(code, msg, sizeof(msg));
        return sk_fail(err, "bad pattern: %s at offset %zu", (char *)msg,
                       (size_t)off);
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* faster when available */
    if (et->npats == et->pats_cap) {
        et->pats_cap = et->pats_cap ? 2 * et->pats_cap : 16;
        et->pats = xrealloc(et->pats, et->pats_cap * sizeof(*et->pats));
    }
    et->pats[et->npats].re = re;
    et->pats[et->npats].screen = rxscreen_new(pattern, 0);
    et->pats[et->npats].type = type;
    et->pats[et->npats].where = NULL;
    et->pats[et->npats].source = xstrdup(pattern);
    et->pats[et->npats].skipped = 0;
    et->npats++;
    if (!et->md)
        et->md = pcre2_match_data_create(4, NULL);
    return 0;
}

int
entity_load_file(struct entity_tagger *et, const char *path,
                 void (*warn)(void *ctx, const char *msg), void *ctx,
                 struct sk_err *err)
{
    struct lex_reader *r = lex_open(path, err);
    const char *kind;
    struct where at;
    size_t nf;
    int more, is_pat;

    if (!r)
        return -1;
    kind = lex_kind(r);
    if (kind && (strcmp(kind, "phrase\ttype\tid") == 0 ||
                 strcmp(kind, "phrase\ttype") == 0)) {
        is_pat = 0;
        nf = strcmp(kind, "phrase\ttype") == 0 ? 2 : 3;
    } else if (kind && strcmp(kind, "pattern\ttype") == 0) {
        is_pat = 1;
        nf = 2;
    } else if (kind && strcmp(kind, "word\tcue") == 0) {
        is_pat = 2;
        nf = 2;
    } else {
        lex_close(r);
        return 0;
    }
    while ((more = lex_next(r, err)) > 0) {
        const char *what = lex_field(r, 0), *prev = NULL;
        enum entity_type type;
        int rc;

        if (lex_expect_fields(r, nf, nf, err) < 0)
            goto fail;
        if (!*what) {
            sk_fail(err, "%s: empty %s", lex_where(r),
                    is_pat == 1 ? "pattern"
                    : is_pat    ? "word"
                                : "phrase");
            goto fail;
        }
        if (is_pat == 2) {
            enum entity_cue cue = entity_cue_parse(lex_field(r, 1));

            if (cue == ENTITY_NCUES) {
                sk_fail(err,
                        "%s: unknown cue '%s' (given, given-run, "
                        "surname, title, role, org-suffix, loc-suffix, "
                        "not-name)",
                        lex_where(r), lex_field(r, 1));
                goto fail;
            }
            if (entity_add_cue(et, what, cue, lex_where(r), err) < 0)
                goto fail;
            continue;
        }
        type = entity_type_parse(lex_field(r, 1), is_pat);
        if (type == ENTITY_NONE) {
            sk_fail(err, "%s: unknown type '%s' (%s)", lex_where(r),
                    lex_field(r, 1),
                    is_pat ? "MODEL, NODE, MONEY, PERCENT, DATE, QUANTITY"
                           : "ORG, PER, LOC, PRODUCT, LAW, MISC");
            goto fail;
        }
        if (is_pat) {
            struct sk_err perr;

            if (entity_add_pattern(et, what, type, &perr) < 0) {
                sk_fail(err, "%s: %s", lex_where(r), perr.msg);
                goto fail;
            }
            et->pats[et->npats - 1].where = xstrdup(lex_where(r));
            continue;
        }
        at.file = lex_path(r); /* lex_where(r) without formatting it */
        at.flen = strlen(at.file);
        at.line = lex_lineno(r);
        if (at.line >= NO_LINE) /* a line number past 32 bits */
            parse_where(lex_where(r), &at);
        rc = add_name(et, what, type, nf == 3 ? lex_field(r, 2) : "", &at,
                      &prev, err);
        if (rc < 0)
            goto fail;
        if (rc == 1 && warn) {
            char msg[512];

            snprintf(msg, sizeof(msg), "%s: '%s' overrides %s", lex_where(r),
                     what, prev ? prev : "an earlier entry");
            warn(ctx, msg);
        }
    }
    if (more < 0)
        goto fail;
    lex_close(r);
    return 1;
fail:
    lex_close(r);
    return -1;
}

/* ---- tagging ----------------------------------------------------------- */

static void
reserve_scratch(struct entity_tagger *et, size_t n)
{
    if (n <= et->scratch_cap)
        return;
    while (et->scratch_cap < n)
        et->scratch_cap = et->scratch_cap ? 2 * et->scratch_cap : 256;
    n = et->scratch_cap;
    et->kid = xrealloc(et->kid, n * sizeof(*et->kid));
    et->tfacts = xrealloc(et->tfacts, n * sizeof(*et->tfacts));
    et->toff = xrealloc(et->toff, n * sizeof(*et->toff));
    et->tend = xrealloc(et->tend, n * sizeof(*et->tend));
    et->tshape = xrealloc(et->tshape, n);
    et->cover = xrealloc(et->cover, n);
}

static void
add_cand(struct entity_tagger *et, size_t start, size_t len, size_t prio,
         enum entity_type type, const char *id)
{
    struct cand *c;

    if (et->ncands == et->cands_cap) {
        et->cands_cap = et->cands_cap ? 2 * et->cands_cap : 64;
        et->cands = xrealloc(et->cands, et->cands_cap * sizeof(*et->cands));
    }
    c = &et->cands[et->ncands++];
    c->start = start;
    c->len = len;
    c->prio = prio;
    c->type = type;
    c->id = id;
}

/* Does entry k's case rule hold for the tokens from start? */
static int
case_ok(const struct entity_tagger *et, long k, size_t start)
{
    uint32_t shape = et->names[k].shape;
    const char *rule = et->strings.data + shape;
    size_t i;

    if (!shape || (et->flags & ENTITY_ANY_CASE))
        return 1;
    if (shape & RULES_PACKED) {
        for (i = 0; i < MAX_PACKED_RULES && (shape >> (2 * i) & 3); i++)
            if (!rule_ok(rule_codes[shape >> (2 * i) & 3],
                         et->tshape[start + i]))
                return 0;
        return 1;
    }
    for (i = 0; rule[i]; i++)
        if (!rule_ok(rule[i], et->tshape[start + i]))
            return 0;
    return 1;
}

static void
add_name_cand(struct entity_tagger *et, long k, size_t start, size_t len)
{
    add_cand(et, start, len, 0, (enum entity_type)et->names[k].type,
             et->strings.data + et->names[k].id);
}

/*
 * A longest match failed its case rule ("China Mobile" for "China
 * mobile"): look for shorter entries inside it, leftmost-longest.
 */
static void
rescan(struct entity_tagger *et, size_t from, size_t to)
{
    size_t i, len, maxlen = phrase_set_max_len(et->ps);

    for (i = from; i < to;) {
        long k = -1;

        len = to - i < maxlen ? to - i : maxlen;
        if (i == from && len == to - from)
            len--; /* the whole span failed already */
        for (; len > 0; len--) {
            k = phrase_set_find_keys(et->ps, et->kid + i, len);
            if (k >= 0 && case_ok(et, k, i))
                break;
        }
        if (len > 0) {
            add_name_cand(et, k, i, len);
            i += len;
        } else {
            i++;
        }
    }
}

/* The gazetteer's matches, by the tokens' key numbers (et->kid). */
static void
gazetteer(struct entity_tagger *et, size_t n)
{
    size_t i;

    phrase_set_match_keys(et->ps, et->kid, n, &et->pm);
    for (i = 0; i < et->pm.n; i++) {
        const struct phrase_match *m = &et->pm.v[i];

        if (case_ok(et, m->entry, m->start))
            add_name_cand(et, m->entry, m->start, m->len);
        else
            rescan(et, m->start, m->start + m->len);
    }
}

/*
 * The sentence as one string for the patterns: the tokens' surface forms,
 * with one space wherever the source had something between two tokens
 * (everywhere, when the offsets are unknown).
 */
static void
build_text(struct entity_tagger *et, const struct entity_token *toks, size_t n)
{
    size_t i, len, total = 0;
    char *p;

    for (i = 0; i < n; i++) { /* tend holds lengths for a moment */
        et->tend[i] = strlen(toks[i].token);
        total += et->tend[i] + 1;
    }
    buf_reset(&et->text);
    buf_grow(&et->text, total);
    p = et->text.data;
    for (i = 0; i < n; i++) {
        if (i > 0 &&
            (toks[i].start == toks[i].end || toks[i].start != toks[i - 1].end))
            *p++ = ' ';
        len = et->tend[i];
        et->toff[i] = (size_t)(p - et->text.data);
        memcpy(p, toks[i].token, len);
        p += len;
        et->tend[i] = (size_t)(p - et->text.data);
    }
    *p = '\0';
    et->text.len = (size_t)(p - et->text.data);
}

/* The tokens wholly inside text[ms..me): first in *a, count returned. */
static size_t
snap(const struct entity_tagger *et, size_t n, size_t ms, size_t me, size_t *a)
{
    size_t lo = 0, hi = n, b;

    while (lo < hi) { /* first token starting at or after ms */
        size_t mid = (lo + hi) / 2;

        if (et->toff[mid] < ms)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (b = lo; b < n && et->tend[b] <= me; b++)
        ;
    *a = lo;
    return b - lo;
}

static int
patterns(struct entity_tagger *et, const struct entity_token *toks, size_t n,
         struct sk_err *err)
{
    struct rxscreen_text screened;
    size_t p, a, len;
    int limited = 0;

    build_text(et, toks, n);
    rxscreen_text_of(&screened, et->text.data, et->text.len);
    /* checked once here, not by PCRE2 in each of its calls */
    if ((screened.bytes[2] | screened.bytes[3]) && /* a byte >= 0x80 */
        utf8_invalid_at(et->text.data, et->text.len) < et->text.len)
        return sk_fail(err, "invalid UTF-8 in a token");
    for (p = 0; p < et->npats; p++) {
        PCRE2_SIZE off = 0, *ov;
        uint32_t opts = PCRE2_NO_UTF_CHECK;
        int rc;

        if (!rxscreen_may_match(et->pats[p].screen, &screened))
            continue; /* lacks bytes that every match needs */
        while (off <= et->text.len) {
            rc = pcre2_match(et->pats[p].re, (PCRE2_SPTR)et->text.data,
                             et->text.len, off, opts, et->md, NULL);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0) { /* a PCRE2 limit: backtracking runs away */
                struct pattern *pat = &et->pats[p];
                PCRE2_UCHAR msg[256];

                et->pats_skipped++;
                if (pat->skipped++ > 0)
                    break; /* said once per pattern */
                pcre2_get_error_message(rc, msg, sizeof(msg));
                if (pat->where)
                    sk_fail(err, "%s: pattern '%s' skipped: %s", pat->where,
                            pat->source, (char *)msg);
                else
                    sk_fail(err, "pattern %zu '%s' skipped: %s", p + 1,
                            pat->source, (char *)msg);
                limited = 1;
                break;
            }
            ov = pcre2_get_ovector_pointer(et->md);
            if ((len = snap(et, n, ov[0], ov[1], &a)) > 0)
                add_cand(et, a, len, p + 1, et->pats[p].type, "");
            off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            while (off < et->text.len &&
                   ((unsigned char)et->text.data[off] & 0xc0) == 0x80)
                off++;
        }
    }
    return limited;
}

static int
cand_cmp(const void *pa, const void *pb)
{
    const struct cand *a = pa, *b = pb;

    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    if (a->prio != b->prio)
        return a->prio < b->prio ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

static void
set_span(struct entity_tag *out, unsigned char *cover, size_t start,
         size_t len, enum entity_type type, const char *id)
{
    size_t i;

    for (i = 0; i < len; i++) {
        out[start + i].bio = i ? 'I' : 'B';
        out[start + i].type = type;
        out[start + i].id = id;
        cover[start + i] = 1;
    }
}

/* Longest first; the gazetteer, then earlier patterns, win ties. */
static void
resolve(struct entity_tagger *et, struct entity_tag *out)
{
    size_t c, i, d;

    if (et->ncands == 0)
        return;
    qsort(et->cands, et->ncands, sizeof(*et->cands), cand_cmp);
    for (c = 0; c < et->ncands; c++) {
        const struct cand *k = &et->cands[c];
        const char *id = k->id;

        for (i = 0; i < k->len && !et->cover[k->start + i]; i++)
            ;
        if (i < k->len)
            continue;
        if (k->type == ENTITY_MODEL) /* keep a swallowed product's id */
            for (d = 0; d < et->ncands; d++)
                if (et->cands[d].prio == 0 &&
                    et->cands[d].type == ENTITY_PRODUCT &&
                    et->cands[d].start >= k->start &&
                    et->cands[d].start + et->cands[d].len <=
                        k->start + k->len) {
                    id = et->cands[d].id;
                    break;
                }
        set_span(out, et->cover, k->start, k->len, k->type, id);
    }
}

/* ---- guesses ----------------------------------------------------------- */

/* Does token i have fact f? */
#define HAS(et, i, f) (((et)->tfacts[i] & (f)) != 0)

/* Two tokens with nothing between them in the source. */
static int
touching(const struct entity_token *a, const struct entity_token *b)
{
    return a->end != 0 && a->end == b->start;
}

/* A capitalised word that may be part of a name. */
static int
name_word(const struct entity_tagger *et, size_t i)
{
    return !et->cover[i] && HAS(et, i, T_WORD) &&
           (et->tshape[i] & SH_FIRST_UPPER) &&
           !HAS(et, i, W_NOT_NAME | W_TITLE);
}

/* Is the sentence's first word "by"? */
static int
first_word_is_by(const struct entity_tagger *et, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (HAS(et, i, T_WORD))
            return HAS(et, i, W_BY);
    return 0;
}

/*
 * A headline in title case ("Why Does Everyone Still Want Nvidia") or in
 * capitals: every word looks like a name, so none is guessed.
 */
static int
is_headline(const struct entity_tagger *et, size_t n)
{
    size_t i, words = 0, caps = 0, lower = 0;

    for (i = 0; i < n; i++) {
        if (!HAS(et, i, T_WORD) || !(et->tshape[i] & (SH_UPPER | SH_LOWER)))
            continue;
        if (et->tshape[i] & SH_LOWER)
            lower = 1;
        if (et->cover[i] || HAS(et, i, T_QUOTE | W_NT))
            continue; /* known names are capitalised anyway; clitics */
        if (HAS(et, i, W_CONNECTOR | W_FUNC))
            if (!(et->tshape[i] & SH_FIRST_UPPER))
                continue; /* "of", "the" in lower case in a title */
        words++;
        if (et->tshape[i] & SH_FIRST_UPPER)
            caps++;
    }
    if (first_word_is_by(et, n) && words <= 5)
        return 0; /* a byline: "By Jane Roe" */
    return (!lower && words > 0) || (words >= 3 && caps == words) ||
           (words >= 6 && caps * 10 >= words * 9);
}

/* Is token i the first word of its sentence (after quotes, bullets)? */
static int
sentence_initial(const struct entity_tagger *et, size_t i)
{
    while (i-- > 0)
        if (HAS(et, i, T_WORD | T_NUMBER))
            return 0;
    return 1;
}

/* Does [a, b) hold a connector ("of", "and")?  Then it is no person. */
static int
has_connector(const struct entity_tagger *et, size_t a, size_t b)
{
    for (; a < b; a++)
        if (HAS(et, a, W_CONNECTOR))
            return 1;
    return 0;
}

/* "Malaysian", "Japanese", "Danish": a nationality word, not a place. */
static int
demonym_like(const char *norm)
{
    static const char *const ends[] = {"ian", "ese", "ish", "ean", "ic"};
    size_t i, n = strlen(norm), k;

    for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
        k = strlen(ends[i]);
        if (n > k + 2 && strcmp(norm + n - k, ends[i]) == 0)
            return 1;
    }
    return 0;
}

/*
 * The word before token i, skipping a '.' touching it ("Mr."): its
 * number, or -1 at the start.
 */
static long
word_before(const struct entity_tagger *et, const struct entity_token *toks,
            size_t i)
{
    if (i >= 2 && HAS(et, i - 1, W_DOT) &&
        touching(&toks[i - 2], &toks[i - 1]))
        return (long)i - 2;
    return (long)i - 1;
}

/* Does the word before (a number from word_before) have fact f? */
#define BEFORE_HAS(et, before, f)                                             \
    ((before) >= 0 && HAS(et, (size_t)(before), f))

static void
guess_span(struct entity_tagger *et, const struct entity_token *toks, size_t n,
           size_t a, size_t b, enum entity_type forced, struct entity_tag *out)
{
    enum entity_type type = ENTITY_MISC;
    size_t words = 0, i;
    long before;

    /* trim job words and a sentence-initial function word */
    while (a < b && (HAS(et, a, W_ROLE) ||
                     (sentence_initial(et, a) && HAS(et, a, W_FUNC))))
        a++;
    while (b > a && HAS(et, b - 1, W_ROLE | W_CONNECTOR))
        b--;
    while (a < b && HAS(et, a, W_CONNECTOR))
        a++;
    for (i = a; i < b; i++)
        if (et->tshape[i] & SH_FIRST_UPPER)
            words++;
    if (words == 0)
        return;
    before = word_before(et, toks, a);
    if (forced != ENTITY_NONE)
        type = forced;
    else if (BEFORE_HAS(et, before, W_TITLE))
        type = ENTITY_PER;
    else if (BEFORE_HAS(et, before, W_BY) && sentence_initial(et, a - 1) &&
             b - a <= 3 && words == b - a)
        type = ENTITY_PER; /* a byline */
    else if (HAS(et, a, W_GIVEN) && words < 2)
        type = ENTITY_PER; /* "Harry" */
    else if (words == b - a && b - a <= 3 &&
             (!sentence_initial(et, a) || words > 1) &&
             ((b < n && HAS(et, b, W_SPEECH)) ||
              BEFORE_HAS(et, before, W_SPEECH)))
        type = ENTITY_PER; /* "Smith said", "said Jane Roe" */
    else if (words == b - a && b - a <= 3 &&
             BEFORE_HAS(et, before, W_PLACE_PREP) &&
             !sentence_initial(et, a) &&
             (words > 1 ||
              ((et->tshape[a] & SH_LOWER) && !demonym_like(toks[a].norm))))
        type = ENTITY_LOC; /* "in Kingston", not "in AI", "in Malaysian" */
    else if (words < 2)
        return;
    else if (HAS(et, b - 1, W_ORG_SUFFIX) ||
             (b - a > 2 && HAS(et, a, W_ORG_HEAD) && HAS(et, a + 1, W_OF)))
        type = ENTITY_ORG;
    else if (HAS(et, b - 1, W_LOC_SUFFIX))
        type = ENTITY_LOC;
    else if (HAS(et, a, W_GIVEN | W_GIVEN_RUN) && words <= 4 &&
             !has_connector(et, a, b))
        type = ENTITY_PER; /* "John Smith", "Will Rogers" */
    else if (HAS(et, a, W_SURNAME) && words <= 3 && !has_connector(et, a, b))
        type = ENTITY_PER; /* "Zhao Minghui" */
    /* "Acme Corp." takes its '.' */
    if (b < n && HAS(et, b - 1, W_ABBREV) && HAS(et, b, W_DOT) &&
        touching(&toks[b - 1], &toks[b]) && !et->cover[b])
        b++;
    set_span(out, et->cover, a, b - a, type, "");
}

/*
 * Runs of capitalised words, joined by connectors ("Bank of the West"),
 * hyphens inside a word ("Hewlett-Packard") and initials ("John F.
 * Kennedy").  "and" joins only names that end as organisations ("Procter
 * and Gamble Co"): "Smith and Jones" is two names.
 */
static void
guess(struct entity_tagger *et, const struct entity_token *toks, size_t n,
      struct entity_tag *out)
{
    size_t i = 0, a, b, k, last, and_at;
    long before;

    if (is_headline(et, n))
        return;
    while (i < n) {
        if (!name_word(et, i)) {
            i++;
            continue;
        }
        a = i;
        last = i++;
        and_at = 0;
        while (i < n) {
            if (name_word(et, i)) {
                last = i++;
                continue;
            }
            if (et->cover[i])
                break;
            if (HAS(et, i, W_CONNECTOR) && !(et->tshape[i] & SH_UPPER)) {
                if (!and_at && HAS(et, i, W_AND | W_AMP))
                    and_at = i;
                i++;
                continue;
            }
            if ((HAS(et, i, W_HYPHEN) ||
                 (HAS(et, i, W_DOT) && (et->tshape[i - 1] & SH_UPPER) &&
                  HAS(et, i - 1, T_ONE_CHAR))) &&
                touching(&toks[i - 1], &toks[i]) && i + 1 < n &&
                name_word(et, i + 1) &&
                (toks[i].norm[0] == '.' || touching(&toks[i], &toks[i + 1]))) {
                i++;
                continue;
            }
            break;
        }
        b = last + 1;
        before = word_before(et, toks, a);
        if (BEFORE_HAS(et, before, W_TITLE)) {
            /* "Mr. John Smith of Acme Corp.": a person ends at "of" */
            for (k = a + 1; k < b; k++)
                if (HAS(et, k, W_CONNECTOR) && !(et->tshape[k] & SH_UPPER) &&
                    !HAS(et, k, W_PARTICLE))
                    break;
            if (k < b) {
                guess_span(et, toks, n, a, k, ENTITY_NONE, out);
                i = k + 1;
                continue;
            }
        }
        if (i < n && i == b + 1 && et->cover[i] && out[i].bio == 'B' &&
            out[i].type == ENTITY_LOC && HAS(et, b, W_OF) &&
            HAS(et, a, W_ORG_HEAD)) {
            /* "Bank of England": a known place ends an organisation */
            for (k = i + 1; k < n && out[k].bio == 'I'; k++)
                ;
            for (b = i; b < k; b++) {
                out[b].bio = 'O';
                et->cover[b] = 0;
            }
            i = b;
            guess_span(et, toks, n, a, b, ENTITY_ORG, out);
            continue;
        }
        if (and_at && and_at < b && !HAS(et, and_at, W_AMP) &&
            !HAS(et, b - 1, W_ORG_SUFFIX)) {
            b = and_at; /* "Smith and Jones": stop before "and" */
            i = and_at + 1;
        } else {
            i = b;
        }
        guess_span(et, toks, n, a, b, ENTITY_NONE, out);
    }
}

/* Gathers each token's key number and facts (et->kid, et->tfacts). */
static void
token_facts(struct entity_tagger *et, const struct entity_token *toks,
            size_t n)
{
    size_t i;
    long id;
    unsigned f;

    for (i = 0; i < n; i++) {
        const char *norm = toks[i].norm, *type = toks[i].type;

        id = phrase_set_key(et->ps, norm);
        f = id >= 0 && (size_t)id < et->nkey_facts ? et->key_facts[id] : 0;
        if (!type || (type[0] == 'w' && strcmp(type, "word") == 0))
            f |= T_WORD;
        else if (type[0] == 'n' && strcmp(type, "number") == 0)
            f |= T_NUMBER;
        if (norm[0] && !norm[1])
            f |= T_ONE_CHAR;
        if (norm[0] == '\'')
            f |= T_QUOTE;
        et->kid[i] = id;
        et->tfacts[i] = f;
    }
}

int
entity_tag_sentence(struct entity_tagger *et, const struct entity_token *toks,
                    size_t n, struct entity_tag *out, struct sk_err *err)
{
    size_t i;
    int limited = 0;

    for (i = 0; i < n; i++) {
        out[i].bio = 'O';
        out[i].type = ENTITY_NONE;
        out[i].id = "";
    }
    if (n == 0)
        return 0;
    reserve_scratch(et, n);
    for (i = 0; i < n; i++) {
        et->tshape[i] = (unsigned char)token_shape(toks[i].token);
        et->cover[i] = 0;
    }
    token_facts(et, toks, n);
    et->ncands = 0;
    if (phrase_set_size(et->ps) > 0)
        gazetteer(et, n);
    if (et->npats > 0 && !(et->flags & ENTITY_NO_PATTERNS) &&
        (limited = patterns(et, toks, n, err)) < 0)
        return -1;
    resolve(et, out);
    if (!(et->flags & ENTITY_NO_GUESS))
        guess(et, toks, n, out);
    return limited;
}

size_t
entity_patterns_skipped(const struct entity_tagger *et)
{
    return et->pats_skipped;
}

int
entity_lists_sorted(void)
{
    static const struct {
        const char *const *v;
        size_t n;
    } lists[] = {
#define L(x) {x, sizeof(x) / sizeof((x)[0])}
        L(func_words),   L(titles),    L(roles),        L(not_names),
        L(org_suffixes), L(org_heads), L(loc_suffixes), L(abbrevs),
        L(connectors),   L(speech),    L(place_preps),
#undef L
    };
    size_t l, i;

    for (l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
        for (i = 1; i < lists[l].n; i++)
            if (strcmp(lists[l].v[i - 1], lists[l].v[i]) >= 0)
                return 0;
    return 1;
}
