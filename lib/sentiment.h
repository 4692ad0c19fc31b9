#ifndef SK_SENTIMENT_H
#define SK_SENTIMENT_H

/*
 * Lexicon-based sentiment with the rules of VADER (Hutto and Gilbert,
 * ICWSM 2014), over the token stream.  Pure: no I/O, no ICU; the caller
 * loads the lexicon files and hands over normalised phrases.
 *
 * A text (a sentence, or a whole document in "whole" mode) is given as its
 * tokens: surface form, normal form, and whether the token touches the one
 * before it (no whitespace between them).  From these the scorer rebuilds
 * the whitespace-separated words VADER sees ("didn't", ":)", "good!"),
 * strips one leading or trailing run of punctuation as VADER does, drops
 * one-character words, looks each word up in the lexicon (and runs of
 * words up to the longest multi-word entry), then applies the rules:
 *
 *   - ALL-CAPS emphasis: a capitalised lexicon word in a text that is not
 *     all capitals gains 0.733 in its direction (boosters too);
 *   - boosters and dampeners up to three words before a lexicon word add
 *     their value in its direction, scaled by distance (1, 0.95, 0.9);
 *   - negators up to three words before multiply by their value (-0.74),
 *     "never so good" multiplies by 1.5 (1.25 one word further), "least"
 *     right before negates unless "at least" / "very least";
 *   - idioms ("the bomb", "kiss of death") replace the valence;
 *   - the first contrast word ("but") halves what comes before it and
 *     multiplies what comes after by 1.5;
 *   - the sum gains 0.292 per '!' (at most 4) and 0.18 per '?' when there
 *     are 2 or 3 (0.96 for more), then compound = x / sqrt(x*x + 15);
 *     pos, neu, neg are the shares of positive, neutral and negative words
 *     (each lexicon word counting its intensity plus one).
 *
 * The word lists and their values come from the lexicon (modifiers.tsv),
 * never from this code.
 */

#include <stddef.h>

#include "util.h"

/* ---- the lexicon ------------------------------------------------------- */

struct sentiment_lexicon;

struct sentiment_lexicon *sentiment_lexicon_new(void);
void sentiment_lexicon_free(struct sentiment_lexicon *lex);

/*
 * Adds a valence entry.  key is the normalised phrase (the text's normal
 * form: words separated by single spaces); it is copied.  source numbers
 * the file it came from, in load order.  folded is 1 when the entry as
 * written differs from key (it had capitals): within one file an entry
 * written in lower case wins over one that only folds to the same key, as
 * in VADER, where ":P" never matches and ":p" keeps its own value.
 * Otherwise the later entry wins.
 */
void sentiment_lexicon_add_valence(struct sentiment_lexicon *lex,
                                   const char *key, double valence,
                                   unsigned source, int folded);

/*
 * Adds a modifier: key as for valences, kind one of negator, negator-part,
 * booster, dampener, contrast-before, contrast-after, idiom, least,
 * least-exception, never-so, never-so-far (see lexicons/modifiers.tsv).
 * Returns 0, or -1 with err ("unknown modifier kind 'x'", or a phrase of
 * the wrong length for its kind).  A later entry of the same kind wins.
 */
int sentiment_lexicon_add_modifier(struct sentiment_lexicon *lex,
                                   const char *key, const char *kind,
                                   double value, struct sk_err *err);

/* The valence of a normalised word or phrase; 1 when found, else 0. */
int sentiment_lexicon_valence(const struct sentiment_lexicon *lex,
                              const char *key, size_t len, double *out);

/* Number of valence entries and of modifier entries. */
size_t sentiment_lexicon_nvalences(const struct sentiment_lexicon *lex);
size_t sentiment_lexicon_nmodifiers(const struct sentiment_lexicon *lex);

/* ---- scoring ----------------------------------------------------------- */

/* One token of the text; the strings are borrowed for the call only. */
struct sentiment_token {
    const char *token; /* surface form, as in the source */
    size_t token_len;
    const char *norm; /* normal form (the norm column) */
    size_t norm_len;
    int joined; /* 1: no whitespace between it and the previous */
};

/* What the rules made of one token. */
struct sentiment_token_out {
    int has_valence; /* the token heads a lexicon word or phrase */
    double valence;  /* its lexicon value */
    double polarity; /* its contribution after all rules (0 if none) */
};

struct sentiment_result {
    double pos, neu, neg; /* shares, summing to 1 (all 0 without words) */
    double compound;      /* normalised to [-1, 1] */
    double sum;           /* the sum before normalising */
    size_t words;         /* the words VADER would see */
};

enum sentiment_flags {
    /*
     * Match negators, "never so", idioms and the contrast word with the
     * case of the text as written, as the reference implementation (npm
     * vader-sentiment 1.1.3) does: "Not" and "But" are then no modifiers
     * ("BUT" is).  Without it they are matched in the normal form.
     */
    SENTIMENT_CASE_SENSITIVE = 1 << 0
};

struct sentiment_scorer;

/* A scorer over lex (borrowed: it must outlive the scorer). */
struct sentiment_scorer *
sentiment_scorer_new(const struct sentiment_lexicon *lex, unsigned flags);
void sentiment_scorer_free(struct sentiment_scorer *sc);

/*
 * Scores the text toks[0..n) (n may be 0).  Fills *res; when out is not
 * NULL it must have n elements and gets each token's valence and polarity
 * (a word's values go to its first token after stripped punctuation).
 */
void sentiment_score(struct sentiment_scorer *sc,
                     const struct sentiment_token *toks, size_t n,
                     struct sentiment_result *res,
                     struct sentiment_token_out *out);

/*
 * Writes x with decimals (0..9) places to out (size at least 64), rounding
 * as JavaScript's toFixed does: an exact half rounds away from zero (printf
 * rounds it to even: 0.3125 gives 0.312, VADER prints 0.313).  A value
 * that rounds to zero is written without a minus sign.  Returns the length
 * written.
 */
size_t sentiment_fmt(char *out, size_t size, double x, int decimals);

/* ---- documents --------------------------------------------------------- */

/*
 * The mean of sentence scores, the document score of --level doc: VADER's
 * compound saturates on long texts, the mean of its sentences does not.
 * Zero-initialise (SENTIMENT_DOC_INIT), add each sentence, then read.
 */
struct sentiment_doc {
    size_t sentences;
    double pos, neu, neg, compound; /* sums */
};

#define SENTIMENT_DOC_INIT                                                    \
    {                                                                         \
        0, 0, 0, 0, 0                                                         \
    }

void sentiment_doc_add(struct sentiment_doc *d,
                       const struct sentiment_result *sentence);
/* The means (all 0 for a document without sentences). */
void sentiment_doc_mean(const struct sentiment_doc *d,
                        struct sentiment_result *res);

#endif
