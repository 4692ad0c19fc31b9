#ifndef SK_ENTITY_H
#define SK_ENTITY_H

/*
 * Named entities in a sentence of tokens, from three sources in order of
 * trust:
 *
 *  1. the gazetteer (entities.tsv: phrase, type, id), matched on the
 *     tokens' norms, longest first, with a case rule taken from how the
 *     phrase is written: a token written all in capitals ("US", "BIS")
 *     matches only text in capitals, a token with a capital ("Huawei")
 *     needs a capital in the text, a lower-case token matches any case;
 *  2. patterns (entity-patterns.tsv: PCRE2 pattern, type) run over the
 *     sentence rebuilt from its tokens, each match snapped to the tokens
 *     that lie wholly inside it;
 *  3. guesses for names neither knows: a run of two or more capitalised
 *     words (joined by "of", "and", "&", "de" ...) that is not a headline
 *     in title case, without a sentence-initial function word ("The",
 *     "But").  Its type comes from clear cues: a title before it ("Mr.",
 *     "Dr.", "Sen.") or a byline ("By Jane Roe") makes a PER (one word is
 *     enough after a title), a company suffix ("Inc.", "Corp.", "Ltd.",
 *     "Group") an ORG, as does "Bank of" + a known place, a place word
 *     ("City", "Province", "River") a LOC; a known given name first or a
 *     family name first ("Zhao Minghui", cue words from entity-cues.tsv)
 *     a PER; a verb of speech next to it ("Okafor said") a PER, a
 *     preposition of place before it ("in Kingston") a LOC; otherwise it
 *     is MISC.  A known given name alone is a PER.
 *
 * Gazetteer and pattern matches compete: the longest (in tokens) wins;
 * at equal length the gazetteer wins, then the earlier pattern.  A MODEL
 * pattern that swallows a known PRODUCT ("DeepSeek V4 Pro") keeps its id.
 * Guesses only fill tokens nothing else claimed.
 */

#include <stddef.h>

#include "text.h"
#include "util.h"

enum entity_type {
    ENTITY_NONE = -1,
    ENTITY_ORG,
    ENTITY_PER,
    ENTITY_LOC,
    ENTITY_PRODUCT,
    ENTITY_LAW,
    ENTITY_MISC,
    ENTITY_MODEL,
    ENTITY_NODE,
    ENTITY_MONEY,
    ENTITY_PERCENT,
    ENTITY_DATE,
    ENTITY_QUANTITY,
    ENTITY_NTYPES
};

/* "ORG", "PER", ...; NULL for ENTITY_NONE. */
const char *entity_type_name(enum entity_type type);

/*
 * The type called name.  Gazetteer types are ORG PER LOC PRODUCT LAW
 * MISC; pattern types MODEL NODE MONEY PERCENT DATE QUANTITY.  Returns
 * ENTITY_NONE when name is not one of the kind asked for.
 */
enum entity_type entity_type_parse(const char *name, int for_patterns);

/* What to do; all on by default. */
enum entity_flags {
    ENTITY_NO_PATTERNS = 1 << 0, /* skip the patterns */
    ENTITY_NO_GUESS = 1 << 1,    /* skip capitalised-name guesses */
    ENTITY_ANY_CASE = 1 << 2     /* the gazetteer ignores the case rule */
};

struct entity_tagger;

/*
 * A tagger with no entries.  tk (borrowed; must outlive the tagger)
 * tokenises gazetteer phrases exactly as tokenize does.
 */
struct entity_tagger *entity_tagger_new(struct tokenizer *tk);
void entity_tagger_free(struct entity_tagger *et);

void entity_set_flags(struct entity_tagger *et, unsigned flags);

/*
 * Adds a gazetteer entry.  phrase is the name as written (it sets the case
 * rule); id may be empty.  where ("file:line", copied) is used in messages.
 * Returns 0; 1 when an entry for the same phrase existed with another type
 * or id: the new one replaces it and *prev (may be NULL) gets the old
 * entry's where (borrowed from et until the next call); -1 with err when the
 * phrase has no tokens.
 */
int entity_add_name(struct entity_tagger *et, const char *phrase,
                    enum entity_type type, const char *id, const char *where,
                    const char **prev, struct sk_err *err);

/*
 * Adds a pattern.  Returns 0, or -1 with err ("bad pattern: PCRE2's
 * message at offset N").
 */
int entity_add_pattern(struct entity_tagger *et, const char *pattern,
                       enum entity_type type, struct sk_err *err);

/* Cue words for the guesses (entity-cues.tsv: word, cue). */
enum entity_cue {
    ENTITY_CUE_GIVEN,      /* a given name: starts a PER, or is one alone */
    ENTITY_CUE_GIVEN_RUN,  /* a given name that is also a word */
    ENTITY_CUE_SURNAME,    /* a family name written first */
    ENTITY_CUE_TITLE,      /* "Mr": the name after it is PER */
    ENTITY_CUE_ROLE,       /* "Chief": trimmed from a run */
    ENTITY_CUE_ORG_SUFFIX, /* "Inc": the run is ORG */
    ENTITY_CUE_LOC_SUFFIX, /* "River": the run is LOC */
    ENTITY_CUE_NOT_NAME,   /* "Monday": never part of a name */
    ENTITY_NCUES
};

/* The cue called name ("given", "org-suffix" ...), or ENTITY_NCUES. */
enum entity_cue entity_cue_parse(const char *name);

/*
 * Adds a cue word (one token; matched on its norm).  Titles, roles,
 * suffixes and not-names add to built-in lists.  Returns 0, or -1 with
 * err ("WHERE: cue 'x' must be one word").
 */
int entity_add_cue(struct entity_tagger *et, const char *word,
                   enum entity_cue cue, const char *where, struct sk_err *err);

/*
 * Loads a lexicon file by its header: "phrase type id" (or "phrase type")
 * is a gazetteer, "pattern type" a pattern file, "word cue" a cue file.  Every
 * bad line is an error "PATH:LINE: what is wrong" (fields, empty phrase,
 * unknown type, bad pattern).  A phrase repeated with another type or id calls
 * warn (may be NULL) with "PATH:LINE: 'phrase' overrides PATH:LINE" and the
 * later entry wins.  Returns 1 when loaded, 0 when the file is some other
 * kind of lexicon (nothing loaded), -1 with err.
 */
int entity_load_file(struct entity_tagger *et, const char *path,
                     void (*warn)(void *ctx, const char *msg), void *ctx,
                     struct sk_err *err);

/* Entries loaded so far. */
size_t entity_nnames(const struct entity_tagger *et);
size_t entity_npatterns(const struct entity_tagger *et);

/* One token of a sentence, as the filter read it (all borrowed). */
struct entity_token {
    const char *token; /* surface form, NUL-terminated */
    const char *norm;  /* normal form (the matching key) */
    const char *type;  /* "word", "number", "punct" ...; NULL: unknown */
    size_t start, end; /* byte offsets; start == end == 0: unknown */
};

/* The result for one token. */
struct entity_tag {
    char bio;              /* 'B', 'I' or 'O' */
    enum entity_type type; /* ENTITY_NONE with 'O' */
    const char *id;        /* canonical id, "" when none; borrowed from
                              et, valid until it is freed or given
                              another entry */
};

/*
 * Tags the n tokens of one sentence into out[0..n).  Returns 0; 1 when a
 * pattern hit a PCRE2 limit (runaway backtracking) for the first time:
 * the sentence is tagged without it and err says which pattern, from
 * which file and line (later sentences it fails on are only counted); -1
 * with err when the tokens are not valid UTF-8.
 */
int entity_tag_sentence(struct entity_tagger *et,
                        const struct entity_token *toks, size_t n,
                        struct entity_tag *out, struct sk_err *err);

/* Sentences on which a pattern was skipped for a PCRE2 limit, so far. */
size_t entity_patterns_skipped(const struct entity_tagger *et);

/* 1 when the built-in word lists are sorted (for the unit test). */
int entity_lists_sorted(void);

#endif
