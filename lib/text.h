#ifndef SK_TEXT_H
#define SK_TEXT_H

/*
 * The text core shared by tokenize and by every lexicon: ICU sentence and
 * word breaking over UTF-8 (no conversion: ICU reads the bytes through
 * UText and reports byte offsets), PCRE2 for URLs and e-mail addresses,
 * clitic splitting, and the normal form of a token.  Lexicon phrases go
 * through the same code, so a phrase matches what tokenize produces.
 */

#include <stddef.h>

#include "buf.h"
#include "util.h"

enum text_type {
    TEXT_WORD,
    TEXT_NUMBER,
    TEXT_PUNCT,
    TEXT_SYMBOL,
    TEXT_URL,
    TEXT_EMAIL
};

/* "word", "number", "punct", "symbol", "url", "email". */
const char *text_type_name(enum text_type type);

struct text_token {
    size_t start, end;   /* byte offsets into the text given */
    enum text_type type;
    int sent_start;      /* 1 when a sentence begins with this token */
};

/* A reusable array of tokens; zero-initialise, text_tokens_release. */
struct text_tokens {
    struct text_token *v;
    size_t n, cap;
};

void text_tokens_release(struct text_tokens *toks);

struct tokenizer;

/* Opens the break iterators and patterns.  NULL with err on failure. */
struct tokenizer *tokenizer_new(struct sk_err *err);
void tokenizer_free(struct tokenizer *tk);

/*
 * Splits s[0..len) (UTF-8; ill-formed bytes are read as U+FFFD) into
 * tokens and marks where sentences begin.  The first token always starts
 * a sentence.  out is overwritten.  Returns 0 or -1 with err.
 *
 * Sentences: ICU's sentence iterator for "en@ss=standard" (abbreviations
 * such as "Mr." and "U.S." do not end a sentence), then these rules: a
 * line break ends a sentence (a headline, a bullet) unless the line ends
 * without terminal punctuation and the next begins in lower case (wrapped
 * text); a lower-case word after '!' or '?' on the same line continues the
 * sentence ("Yahoo! in"); an inline list marker ("2.", "2)", "•") starts
 * one.  URLs and e-mail addresses are one token each and never contain a
 * boundary.  Clitics are tokens of their own as in the Penn Treebank:
 * "Huawei's" is "Huawei" + "'s", "didn't" is "did" + "n't".
 */
int tokenizer_split(struct tokenizer *tk, const char *s, size_t len,
                    struct text_tokens *out, struct sk_err *err);

/*
 * Appends the normal form of s[0..len) to out: NFKC, full Unicode case
 * folding (ICU's NFKC_Casefold, which also drops default-ignorable code
 * points such as soft hyphens), then typographic quotes, apostrophes and
 * dashes mapped to ASCII (’ ‘ → ', “ ” → ", – — → -).  Ill-formed UTF-8
 * becomes U+FFFD.  Returns 0 or -1 with err (an ICU failure).
 */
int text_norm(struct buf *out, const char *s, size_t len, struct sk_err *err);

/*
 * Tokenises a lexicon phrase and appends the normal forms of its tokens to
 * out, each followed by a NUL; *ntokens gets their number (0 for a phrase
 * that has no tokens).  Returns 0 or -1 with err.
 */
int text_phrase_norms(struct tokenizer *tk, const char *s, size_t len,
                      struct buf *out, size_t *ntokens, struct sk_err *err);

#endif
