#ifndef SK_STANCE_H
#define SK_STANCE_H

/*
 * The stance model: scores a document for or against a topic's question
 * from the token stream (stems, entity ids, token polarities) and a topic
 * lexicon.  The model itself is pure computation (no I/O, no ICU, no
 * stemmer): entries are added as match keys (the same stems the stream
 * carries) and a document is fed one sentence at a time.
 * stance_topic_load() is the one part that reads a file: it turns a topic
 * lexicon's phrases into keys with lib/text and lib/stemcache.
 *
 * The model, in order (constants are in struct stance_params):
 *
 *  1. Matching.  In each sentence, for each entry kind separately, the
 *     longest entry starting at a token wins and matching resumes after
 *     it.  A key "@ID" matches a run of tokens whose entity_id is ID.
 *  2. Cues.  A cue's value is its weight, times the multiplier of each
 *     negator that ends within neg_window word tokens before it (3: at
 *     most two words between, as VADER looks three words back: "do not
 *     want to overstate"; multi-word negators such as "not yet" or "not
 *     a" are entries of their own; the window stays in the clause: it
 *     stops at punctuation, at a contrast entry and at the end of the
 *     previous cue, so a negator belongs to the first cue after it, or to
 *     the cue holding it), times contrast factors: a contrast
 *     entry of weight w multiplies cues after it in the sentence by w and
 *     cues before it by 2 - w (w < 1, a concession such as "although",
 *     only reaches to the end of its clause).  An irrealis entry ("until",
 *     "unless", "if") that opens a clause (first in the sentence or after
 *     punctuation) multiplies every cue after it in that clause (up to
 *     the next punctuation token) by its weight.
 *  3. Targets.  Each token with a non-zero polarity outside cue and target
 *     matches is credited to the nearest target within target_window
 *     tokens: polarity * side * target_scale.  (Polarity already carries
 *     sentiment-score's negation and contrast rules.)
 *  4. The sentence's raw score is the sum of 2 and 3.
 *  5. Structure.  Sentences from the first furniture marker (a furniture
 *     entry within the first furniture_lead tokens of a sentence that
 *     starts in the last furniture_frac of the words; a one-word entry
 *     only in a sentence of at most furniture_short words, a heading such
 *     as "14 Comments", not "Share prices rose") to the end are page
 *     furniture, weight 0.  In the body: sentence 1 is the headline
 *     (headline_w); sentences starting in the first lead_frac of body
 *     words are the lead (lead_w); sentences ending in the last
 *     conclusion_frac, and those from a conclusion marker on when it lies
 *     in the second half, are the conclusion (conclusion_w); others 1.
 *     A question (a sentence ending in '?') asserts nothing by itself:
 *     question_w.  A sentence opening with a contrast of weight w > 1 is
 *     multiplied by w and the sentence before it by 2 - w.
 *  6. Attribution.  The direction D is the sign of the weighted sum over
 *     sentences without attribution (all sentences if there are none).
 *     A sentence with attribution (factor a: the smallest weight of its
 *     attribution entries) whose raw score opposes D is multiplied by a.
 *  7. Document.  S = sum of weight * raw; pos and neg are the sums of the
 *     positive and negative parts.  score = 100 * S / (body_words + 100):
 *     evidence per hundred words, shrunk towards 0 for very short texts.
 *     confidence = |pos - neg| / (pos + neg) * (1 - exp(-(pos + neg) /
 *     confidence_scale)): how one-sided the evidence is times how much
 *     there is, in [0, 1); 0 without evidence.
 *     label: neutral when pos + neg < min_evidence or |score| <
 *     threshold, else optimistic (score > 0) or skeptical.
 */

#include <stddef.h>

#include "buf.h"
#include "util.h"

enum stance_kind {
    STANCE_CUE,
    STANCE_TARGET,
    STANCE_ATTRIBUTION,
    STANCE_NEGATOR,
    STANCE_CONTRAST,
    STANCE_CONCLUSION,
    STANCE_FURNITURE,
    STANCE_IRREALIS,
    STANCE_NKINDS
};

enum stance_label { STANCE_NEUTRAL, STANCE_OPTIMISTIC, STANCE_SKEPTICAL };

enum stance_role {
    STANCE_ROLE_BODY,
    STANCE_ROLE_HEADLINE,
    STANCE_ROLE_LEAD,
    STANCE_ROLE_CONCLUSION,
    STANCE_ROLE_FURNITURE
};

/* Kind from its lexicon name ("cue", ...); -1 when unknown. */
int stance_kind_parse(const char *name);
/* Static strings; never NULL. */
const char *stance_kind_name(enum stance_kind kind);
const char *stance_label_name(enum stance_label label);
const char *stance_role_name(enum stance_role role);

struct stance_params {
    double threshold;       /* |score| below this is neutral (0.05) */
    double min_evidence;    /* pos + neg below this is neutral (0.5) */
    int neg_window;         /* word tokens a negator reaches (3) */
    int target_window;      /* tokens a polarity reaches a target (10) */
    double target_scale;    /* polarity to cue units (0.25) */
    double headline_w;      /* 2.0 */
    double lead_w;          /* 1.5 */
    double conclusion_w;    /* 2.5 */
    double lead_frac;       /* 0.15 */
    double conclusion_frac; /* 0.15 */
    double furniture_frac;  /* 0.4 */
    int furniture_lead;     /* 4 */
    int furniture_short;    /* 6 */
    double confidence_scale; /* 4.0 */
    double question_w;      /* a sentence ending in '?' (0.5) */
};

/* Fills p with the defaults above. */
void stance_params_init(struct stance_params *p);

/* A topic: the entries of one topic lexicon.  Opaque. */
struct stance_topic;

struct stance_topic *stance_topic_new(void);
void stance_topic_free(struct stance_topic *t); /* NULL is fine */

/*
 * Adds an entry.  keys: n >= 1 match keys (copied), compared with the
 * tokens' keys byte for byte; a single key "@ID" matches entity ID.
 * label: how evidence names the entry (copied; NULL: keys joined by
 * spaces).  An entry with the same kind and keys as an earlier one
 * replaces it (a user's lexicon overrides the bundled one).
 */
void stance_topic_add(struct stance_topic *t, enum stance_kind kind,
                      const char *const *keys, size_t n, double weight,
                      const char *label);
/*
 * Loads a topic lexicon file (header "kind<TAB>phrase<TAB>weight") into t:
 * each phrase is tokenised and normalised by tk and its words stemmed by
 * sc, as tokenize and stem treat text.  Returns 0, or -1 with err
 * ("PATH:LINE: what is wrong") on a bad file or line; entries before the
 * bad line stay added.  tk and sc are borrowed.
 */
struct tokenizer;
struct stemcache;
int stance_topic_load(struct stance_topic *t, const char *path,
                      struct tokenizer *tk, struct stemcache *sc,
                      struct sk_err *err);
/* 1 when path is readable and has a topic lexicon's header, else 0. */
int stance_is_topic(const char *path);

/* Entries of a kind (after replacement). */
size_t stance_topic_count(const struct stance_topic *t,
                          enum stance_kind kind);

/* One token as the model sees it.  Strings are borrowed for the call. */
struct stance_token {
    const char *key;       /* the match key: the stem (never NULL) */
    const char *entity_id; /* "" or NULL when none */
    double polarity;       /* sentiment-score's polarity, 0 when none */
    int is_word;           /* 1 for words and numbers, 0 for punctuation */
};

/* A document being scored.  Opaque; reuse it with stance_doc_reset. */
struct stance_doc;

/* topic and params are borrowed and must outlive the doc. */
struct stance_doc *stance_doc_new(const struct stance_topic *t,
                                  const struct stance_params *p);
void stance_doc_free(struct stance_doc *d); /* NULL is fine */
/* Forgets the document, keeps the memory. */
void stance_doc_reset(struct stance_doc *d);

/*
 * Adds the next sentence: n tokens (n may be 0), text for --explain
 * (copied; NULL for none).
 */
void stance_doc_add_sentence(struct stance_doc *d,
                             const struct stance_token *toks, size_t n,
                             const char *text);

/*
 * The same, a token at a time, for a filter reading a stream: tok's
 * strings are copied; surface (may be NULL) and the byte offsets start
 * and end (-1 when unknown) rebuild the sentence's text for --explain.
 * stance_doc_end_sentence adds the sentence built so far (nothing when
 * it is empty); stance_doc_finish ends a pending one.
 */
void stance_doc_add_token(struct stance_doc *d, const struct stance_token *tok,
                          const char *surface, long start, long end);

/*
 * A token as a stream reader holds it: strings with their lengths, not
 * necessarily NUL-terminated (none may hold a NUL), borrowed for the call.
 */
struct stance_row {
    const char *key;       /* the match key: the stem */
    size_t key_len;
    const char *entity_id; /* none: NULL or entity_id_len 0 */
    size_t entity_id_len;
    const char *surface;   /* NULL: no text for --explain */
    size_t surface_len;
    long start, end;       /* surface's byte offsets, -1 when unknown */
    double polarity;
    int is_word;
};

/* stance_doc_add_token for such a token: the same, without a strlen. */
void stance_doc_add_row(struct stance_doc *d, const struct stance_row *row);
void stance_doc_end_sentence(struct stance_doc *d);

struct stance_result {
    enum stance_label label;
    double score;
    double confidence;
    double pos, neg;   /* weighted evidence for each side, both >= 0 */
    size_t tokens;     /* all tokens added */
    size_t sentences;  /* sentences added */
    size_t body_words; /* word tokens before the furniture */
};

/* Scores the document; call after the last sentence, before the rest. */
void stance_doc_finish(struct stance_doc *d, struct stance_result *r);

/*
 * Appends the document's strongest evidence to out: up to k entries by
 * weighted contribution, "label(+1.23)" joined by "; ", strongest first.
 * Nothing is appended when there is no evidence.
 */
void stance_doc_evidence(const struct stance_doc *d, size_t k,
                         struct buf *out);

/* After finish: one sentence's part in the decision. */
struct stance_sentence {
    enum stance_role role;
    double weight;       /* structure, contrast and attribution combined */
    double raw;          /* the sentence's own score */
    double contribution; /* weight * raw */
    const char *text;    /* borrowed until reset; "" when none given */
};

size_t stance_doc_sentences(const struct stance_doc *d);
/*
 * Fills s for sentence i (0-based) and appends its evidence to out (if
 * not NULL): "kind:label(value)" with notes in brackets ("negated",
 * "contrast", "attribution"), joined by "; ".
 */
void stance_doc_sentence(const struct stance_doc *d, size_t i,
                         struct stance_sentence *s, struct buf *out);

#endif
