/*
 * Unit tests for lib/sentiment: each VADER rule pinned on a tiny lexicon
 * of our own, with the expected numbers worked out by hand.
 */
#include "sentiment.h"

#include <math.h>
#include <string.h>

#include "tap.h"

static struct sentiment_lexicon *lex;
static struct sentiment_scorer *sc, *sc_cs;

/* Our own valences (not VADER's), and VADER's modifier lists in part. */
static void
setup(void)
{
    static const struct {
        const char *key;
        double v;
    } val[] = {{"good", 2.0}, {"bad", -2.0},      {"great", 3.0},
               {"kind", 2.4}, {"bomb", -2.2},     {"death", -2.9},
               {"yeah", 1.2}, {"cold war", -2.5}, {"fab", 0}};
    static const struct {
        const char *key, *kind;
        double v;
    } mod[] = {
        {"not", "negator", -0.74},       {"never", "negator", -0.74},
        {"n't", "negator-part", -0.74},  {"very", "booster", 0.293},
        {"so", "booster", 0.293},        {"slightly", "dampener", -0.293},
        {"kind of", "dampener", -0.293}, {"but", "contrast-before", 0.5},
        {"but", "contrast-after", 1.5},  {"the bomb", "idiom", 3},
        {"yeah right", "idiom", -2},     {"kiss of death", "idiom", -1.5},
        {"least", "least", -0.74},       {"at least", "least-exception", 0},
        {"never so", "never-so", 1.5},   {"never so", "never-so-far", 1.25}};
    struct sk_err err;
    size_t i;

    lex = sentiment_lexicon_new();
    for (i = 0; i < sizeof(val) / sizeof(val[0]); i++)
        sentiment_lexicon_add_valence(lex, val[i].key, val[i].v, 1, 0);
    for (i = 0; i < sizeof(mod) / sizeof(mod[0]); i++)
        if (sentiment_lexicon_add_modifier(lex, mod[i].key, mod[i].kind,
                                           mod[i].v, &err))
            bail("%s", err.msg);
    sc = sentiment_scorer_new(lex, 0);
    sc_cs = sentiment_scorer_new(lex, SENTIMENT_CASE_SENSITIVE);
}

/*
 * Splits text into tokens roughly as tokenize does: at spaces, and each
 * ASCII punctuation character but the apostrophe on its own, touching its
 * neighbours.  norm is the ASCII lower case.
 */
static struct sentiment_token toks[64];
static struct sentiment_token_out outs[64];
static char norms[1024];

static size_t
split(const char *s)
{
    size_t n = 0, np = 0;
    int joined = 0;

    while (*s) {
        const char *b = s;
        if (*s == ' ') {
            joined = 0;
            s++;
            continue;
        }
        if (strchr("!?.,;:()\"-", *s))
            s++;
        else
            while (*s && *s != ' ' && !strchr("!?.,;:()\"-", *s))
                s++;
        toks[n].token = b;
        toks[n].token_len = (size_t)(s - b);
        toks[n].norm = norms + np;
        toks[n].norm_len = (size_t)(s - b);
        for (; b < s; b++)
            norms[np++] = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;
        toks[n].joined = joined;
        joined = 1;
        n++;
    }
    return n;
}

static struct sentiment_result res;

static double
score_with(struct sentiment_scorer *s, const char *text)
{
    size_t n = split(text);

    sentiment_score(s, toks, n, &res, outs);
    return res.sum;
}

static double
score(const char *text)
{
    return score_with(sc, text);
}

#define EPS 1e-9

int
main(void)
{
    struct sk_err err;
    struct sentiment_doc doc = SENTIMENT_DOC_INIT;
    char num[64];
    double v;

    plan(56);
    setup();

    /* The lexicon. */
    ok(sentiment_lexicon_valence(lex, "good", 4, &v) && v == 2.0,
       "lexicon lookup");
    ok(!sentiment_lexicon_valence(lex, "very", 4, &v),
       "a booster has no valence");
    sentiment_lexicon_add_valence(lex, ":p", 1.0, 2, 0);
    sentiment_lexicon_add_valence(lex, ":p", 1.4, 2, 1);
    ok(sentiment_lexicon_valence(lex, ":p", 2, &v) && v == 1.0,
       "same file: the entry written in lower case wins over ':P'");
    sentiment_lexicon_add_valence(lex, ":p", 1.4, 3, 1);
    ok(sentiment_lexicon_valence(lex, ":p", 2, &v) && v == 1.4,
       "a later file wins");
    ok(sentiment_lexicon_add_modifier(lex, "x", "frobnicator", 1, &err) ==
               -1 &&
           strstr(err.msg, "unknown modifier kind 'frobnicator'"),
       "unknown kind is an error");
    ok(sentiment_lexicon_add_modifier(lex, "never", "never-so", 1, &err) ==
               -1 &&
           strstr(err.msg, "2 words"),
       "never-so needs two words");

    /* Plain valence, compound normalisation, shares. */
    is_double(2.0, score("good"), EPS, "one word");
    is_double(2.0 / sqrt(4.0 + 15.0), res.compound, EPS,
              "compound = x / sqrt(x^2 + 15)");
    score("the food is good");
    is_double(0.5, res.pos, EPS, "pos share: (2 + 1) / (3 + 3)");
    is_double(0.5, res.neu, EPS, "neu share");
    score("good bad food");
    is_double(3.0 / 7, res.pos, EPS, "pos with both signs");
    is_double(3.0 / 7, res.neg, EPS, "neg with both signs");
    is_double(1.0 / 7, res.neu, EPS, "neu with both signs");
    score("a");
    ok(res.words == 0 && res.compound == 0 && res.neu == 0,
       "one-character words do not count; no words gives zeros");
    score_with(sc, "");
    ok(res.words == 0 && res.pos == 0, "empty text gives zeros");

    /* Negation within three words. */
    is_double(2.0 * -0.74, score("not good"), EPS, "negator right before");
    is_double(2.0 * -0.74, score("not the food good"), EPS,
              "negator three words before");
    is_double(2.0, score("not the food is good"), EPS,
              "negator four words before: no effect");
    is_double(2.0 * -0.74, score("isn't good"), EPS,
              "a word containing n't negates");
    is_double((2.0 + 0.293) * -0.74, score("not very good"), EPS,
              "booster then negator");

    /* Boosters and dampeners, scaled by distance. */
    is_double(2.293, score("very good"), EPS, "booster: +0.293");
    is_double(2.0 + 0.293 * 0.95, score("very nice good"), EPS,
              "booster two words before: x0.95");
    is_double(2.0 + 0.293 * 0.9, score("very nice fine good"), EPS,
              "booster three words before: x0.9");
    is_double(-2.293, score("very bad"), EPS,
              "booster on a negative word pushes it down");
    is_double(1.707, score("slightly good"), EPS, "dampener: -0.293");
    is_double(2.0 - 0.293, score("it's kind of good"), EPS,
              "'kind of' dampens and 'kind' loses its valence");

    /* ALL CAPS. */
    is_double(2.733, score("the food is GOOD"), EPS,
              "ALL-CAPS word among others: +0.733");
    is_double(2.0, score("GOOD FOOD"), EPS, "all words in caps: no change");
    is_double(2.0 + 0.293 + 0.733, score("VERY good food"), EPS,
              "ALL-CAPS booster adds 0.733 too");

    /* Contrast. */
    is_double(2.0 * 0.5 - 2.0 * 1.5, score("good but bad"), EPS,
              "but: before x0.5, after x1.5");
    is_double(-2.0 * 1.5, score("But bad"), EPS,
              "'But' counts in the normal form");
    is_double(-2.0, score_with(sc_cs, "But bad"), EPS,
              "case-sensitive: 'But' is no contrast word");
    is_double(2.0 * 0.5 - 2.0 * 1.5, score_with(sc_cs, "good BUT bad"), EPS,
              "case-sensitive: 'BUT' is");
    is_double(2.0, score_with(sc_cs, "Not good"), EPS,
              "case-sensitive: 'Not' does not negate");

    /* least, never so. */
    is_double(2.0 * -0.74, score("the least good"), EPS, "least negates");
    is_double(2.0, score("at least good"), EPS, "at least does not");
    is_double((2.0 + 0.293) * 1.5, score("never so good"), EPS,
              "never so: x1.5");
    is_double((2.0 + 0.293) * 1.25, score("it is so good"), EPS,
              "so right before, four words: x1.25 (VADER's rule)");

    /* Idioms. */
    is_double(3.0, score("that is the bomb"), EPS,
              "idiom replaces the valence");
    is_double(-1.5, score("that was the kiss of death"), EPS,
              "three-word idiom");
    is_double(-2.2, score("the bomb"), EPS,
              "idioms only three words into the text (VADER)");

    /* Punctuation. */
    is_double(2.0 + 0.292, score("good!"), EPS, "one '!' adds 0.292");
    is_double(2.0 + 4 * 0.292, score("good ! ! ! ! ! !"), EPS,
              "at most four '!'");
    is_double(0.0, score("good!!!!!!"), EPS,
              "'good!!!!!!' is not stripped: not a lexicon word (VADER)");
    is_double(2.0 + 2 * 0.18, score("good ??"), EPS, "two '?': 0.18 each");
    is_double(2.0 + 0.96, score("good ? ? ? ?"), EPS, "four '?': 0.96");
    is_double(0.0, score("(good)"), EPS,
              "parentheses around a word are not stripped (VADER)");

    is_double(0.0, score("VERY big the fab"), EPS,
              "a valence of 0 is neutral: no booster or caps effect");

    /* Phrases and per-token output. */
    is_double(-2.5 * -0.74, score("not a cold war"), EPS,
              "a multi-word entry is one word for the rules");
    score("Very good!");
    ok(outs[1].has_valence && outs[1].valence == 2.0 &&
           fabs(outs[1].polarity - 2.293) < EPS && !outs[0].has_valence &&
           !outs[2].has_valence,
       "valence and polarity go to the word's token");

    /* Formatting and documents. */
    sentiment_fmt(num, sizeof(num), 0.3125, 3);
    is_string("0.313", num, "exact halves round away from zero");
    sentiment_fmt(num, sizeof(num), -0.00001, 4);
    is_string("0.0000", num, "no negative zero");
    sentiment_fmt(num, sizeof(num), -12.34567, 4);
    is_string("-12.3457", num, "ordinary rounding");
    sentiment_fmt(num, sizeof(num), 0.99996, 4);
    is_string("1.0000", num, "rounding carries into the units");
    sentiment_fmt(num, sizeof(num), 2.5, 0);
    is_string("3", num, "no decimals");
    res.compound = 0.5;
    sentiment_doc_add(&doc, &res);
    res.compound = -0.25;
    sentiment_doc_add(&doc, &res);
    sentiment_doc_mean(&doc, &res);
    is_double(0.125, res.compound, EPS, "document: mean of sentences");

    sentiment_scorer_free(sc);
    sentiment_scorer_free(sc_cs);
    sentiment_lexicon_free(lex);
    return tap_done();
}
