/* Unit tests for lib/text: tokens, sentence rules, clitics, norm. */
#include "text.h"

#include "tap.h"

static struct tokenizer *tk;
static struct text_tokens toks;

/* The tokens of s as "tok tok | tok" with " | " between sentences. */
static const char *
split(const char *s)
{
    static struct buf out;
    static struct sk_err err;
    size_t i;

    buf_reset(&out);
    if (tokenizer_split(tk, s, strlen(s), &toks, &err) < 0)
        return err.msg;
    for (i = 0; i < toks.n; i++) {
        if (i)
            buf_adds(&out, toks.v[i].sent_start ? " | " : " ");
        buf_add(&out, s + toks.v[i].start, toks.v[i].end - toks.v[i].start);
    }
    return out.data ? out.data : "";
}

static const char *
types(const char *s)
{
    static struct buf out;
    struct sk_err err;
    size_t i;

    buf_reset(&out);
    tokenizer_split(tk, s, strlen(s), &toks, &err);
    for (i = 0; i < toks.n; i++) {
        if (i)
            buf_addc(&out, ' ');
        buf_adds(&out, text_type_name(toks.v[i].type));
    }
    return out.data ? out.data : "";
}

static const char *
norm(const char *s)
{
    static struct buf out;
    static struct sk_err err;

    buf_reset(&out);
    if (text_norm(&out, s, strlen(s), &err) < 0)
        return err.msg;
    return out.data ? out.data : "";
}

int
main(void)
{
    struct sk_err err;
    struct buf b = BUF_INIT;
    size_t n;

    tk = tokenizer_new(&err);
    if (!tk)
        bail("%s", err.msg);
    plan(30);

    is_string("One . | Two .", split("One. Two."), "two sentences");
    is_string("Huawei ’s chip", split("Huawei’s chip"), "possessive 's split");
    is_string("did n't go", split("didn't go"), "n't split");
    is_string("ca n't", split("can't"), "can't is ca + n't");
    is_string("we 're", split("we're"), "'re split");
    is_string("Mr . Liang left .", split("Mr. Liang left."),
              "a title keeps the sentence going");
    is_string("Dr . Ana Ruiz spoke .", split("Dr. Ana Ruiz spoke."),
              "Dr. is a title too (ICU splits there)");
    is_string("Turn to p . 55 .", split("Turn to p. 55."), "p. 55");
    is_string("At 5 a.m . Mr . Smith left .", split("At 5 a.m. Mr. Smith left."),
              "lower-case dotted abbreviation");
    is_string("the U.S . Government works .",
              split("the U.S. Government works."), "U.S. before a name");
    is_string("in the U.S . | How about you ?",
              split("in the U.S. How about you?"),
              "U.S. before a sentence starter ends it");
    is_string("Jonas E . Smith .", split("Jonas E. Smith."), "an initial");
    is_string("you and I . | Did he ?", split("you and I. Did he?"),
              "'I.' after a lower-case word ends the sentence");
    is_string("It rose 3.5 % .", split("It rose 3.5%."), "decimals stay whole");
    is_string("Yahoo ! in the office .", split("Yahoo! in the office."),
              "'!' before lower case continues");
    is_string("1 . The first | 2 . The second",
              split("1. The first 2. The second"), "inline numbered list");
    is_string("a . The first | b . The second",
              split("a. The first b. The second"), "inline lettered list");
    is_string("Plan b . | The end .", split("Plan b. The end."),
              "a lone letter is a marker only in order");
    is_string("• First | • Second", split("• First • Second"), "bullets");
    is_string("Headline | Body text .", split("Headline\nBody text."),
              "a line without a full stop is a headline");
    is_string("wrapped text goes on .", split("wrapped text\ngoes on."),
              "a wrapped line continues");
    is_string("See https://example.com/a.b?c=1 .",
              split("See https://example.com/a.b?c=1."), "a URL is one token");
    is_string("word url punct", types("See https://x.example/a."),
              "URL type; the final period is not in it");
    is_string("word email", types("mail jane.doe@example.org"), "email");
    is_string("symbol number punct", types("$47 ,"), "symbol, number, punct");

    is_string("huawei's", norm("Huawei’s"), "norm folds case and the apostrophe");
    is_string("\"ok\" - fine", norm("“OK” — fine"), "quotes and dashes");
    is_string("strasse", norm("STRASSE"), "ASCII fast path");
    is_string("strasse", norm("Straße"), "full case folding");
    text_phrase_norms(tk, "Self-Sufficiency of U.S.", 24, &b, &n, &err);
    is_int(6, n, "a phrase is tokenised like text: self - sufficiency of u.s .");

    tokenizer_free(tk);
    text_tokens_release(&toks);
    buf_release(&b);
    return tap_done();
}
