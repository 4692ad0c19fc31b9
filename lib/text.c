#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pcre2.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "utf8.h"

/* A stretch that is one token whatever ICU says: a URL or an address. */
struct span {
    size_t start, end;
    enum text_type type;
};

struct tokenizer {
    UBreakIterator *words;
    UBreakIterator *sentences;
    UText *text;
    pcre2_code *links;
    pcre2_match_data *match;
    size_t *bounds;          /* sentence boundaries from ICU */
    size_t nbounds, bcap;
    struct span *spans;
    size_t nspans, scap;
    struct text_tokens phrase;
};

/*
 * URLs with a scheme or "www.", and e-mail addresses.  Trailing
 * punctuation is trimmed afterwards: "see https://a.example/x." ends the
 * sentence, not the URL.
 */
static const char links_pattern[] =
    "(?i:\\b(?:https?|ftp)://|\\bwww\\.)[^\\s<>\"“”‘’]+"
    "|(\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*"
    "\\.[A-Za-z]{2,}\\b)";

const char *
text_type_name(enum text_type type)
{
    static const char *const names[] = {"word", "number", "punct",
                                        "symbol", "url", "email"};

    return names[type];
}

void
text_tokens_release(struct text_tokens *toks)
{
    free(toks->v);
    memset(toks, 0, sizeof(*toks));
}

static void
push_token(struct text_tokens *toks, size_t start, size_t end,
           enum text_type type)
{
    struct text_token *t;

    if (toks->n == toks->cap) {
        toks->cap = toks->cap ? toks->cap * 2 : 256;
        toks->v = xrealloc(toks->v, toks->cap * sizeof(*toks->v));
    }
    t = &toks->v[toks->n++];
    t->start = start;
    t->end = end;
    t->type = type;
    t->sent_start = 0;
}

struct tokenizer *
tokenizer_new(struct sk_err *err)
{
    struct tokenizer *tk = xcalloc(1, sizeof(*tk));
    UErrorCode st = U_ZERO_ERROR;
    int code;
    PCRE2_SIZE off;

    tk->words = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_SUCCESS(st))
        tk->sentences = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0,
                                  &st);
    if (U_FAILURE(st)) {
        sk_fail(err, "cannot open ICU break iterators: %s",
                u_errorName(st));
        tokenizer_free(tk);
        return NULL;
    }
    tk->links = pcre2_compile((PCRE2_SPTR)links_pattern,
                              PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
                              &code, &off, NULL);
    if (!tk->links) {
        sk_fail(err, "cannot compile the URL pattern at offset %zu",
                (size_t)off);
        tokenizer_free(tk);
        return NULL;
    }
    pcre2_jit_compile(tk->links, PCRE2_JIT_COMPLETE); /* optional speed-up */
    tk->match = pcre2_match_data_create_from_pattern(tk->links, NULL);
    return tk;
}

void
tokenizer_free(struct tokenizer *tk)
{
    if (!tk)
        return;
    if (tk->words)
        ubrk_close(tk->words);
    if (tk->sentences)
        ubrk_close(tk->sentences);
    if (tk->text)
        utext_close(tk->text);
    pcre2_match_data_free(tk->match);
    pcre2_code_free(tk->links);
    free(tk->bounds);
    free(tk->spans);
    text_tokens_release(&tk->phrase);
    free(tk);
}

/* ---- character classes ------------------------------------------------- */

static UChar32
first_char(const char *s, size_t len)
{
    int32_t i = 0, n = len > 4 ? 4 : (int32_t)len;
    UChar32 c;

    if (len == 0)
        return -1;
    U8_NEXT((const uint8_t *)s, i, n, c);
    return c;
}

/* Does s hold a letter?  "H100" and "910C" are names, not numbers. */
static int
has_letter(const char *s, size_t len)
{
    int32_t i = 0, n = (int32_t)len;
    UChar32 c;

    while (i < n) {
        U8_NEXT((const uint8_t *)s, i, n, c);
        if (c >= 0 && u_isalpha(c))
            return 1;
    }
    return 0;
}

static int
is_all_lower(const char *s, size_t len)
{
    int32_t i = 0, n = (int32_t)len;
    UChar32 c;
    int letters = 0;

    while (i < n) {
        U8_NEXT((const uint8_t *)s, i, n, c);
        if (c < 0 || u_isupper(c) || u_istitle(c))
            return 0;
        letters += u_islower(c) != 0;
    }
    return letters > 0;
}

static int
tok_is(const char *s, const struct text_token *t, const char *what)
{
    size_t n = strlen(what);

    return t->end - t->start == n && memcmp(s + t->start, what, n) == 0;
}

/* Sentence-final punctuation, including a closing quote after it. */
static int
is_terminal(const char *s, const struct text_token *t)
{
    UChar32 c = first_char(s + t->start, t->end - t->start);

    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':' ||
           c == ';' || c == 0x201d || c == '"' || c == 0x2019 ||
           c == '\'' || c == ')';
}

static int
is_bullet(const char *s, const struct text_token *t)
{
    UChar32 c;

    if ((unsigned char)s[t->start] != 0xe2) /* all bullets are U+2xxx */
        return 0;
    c = first_char(s + t->start, t->end - t->start);

    return t->type != TEXT_WORD &&
           (c == 0x2022 || c == 0x2043 || c == 0x2023 || c == 0x25e6 ||
            c == 0x25aa || c == 0x25cf);
}

/* Number of line breaks between two tokens (CRLF counts once). */
static int
line_breaks(const char *s, size_t from, size_t to)
{
    int n = 0;
    size_t i;

    for (i = from; i < to; i++) {
        if (s[i] == '\n')
            n++;
        else if (s[i] == '\r' && (i + 1 == to || s[i + 1] != '\n'))
            n++;
    }
    return n;
}

/* ---- splitting --------------------------------------------------------- */

static void
push_span(struct tokenizer *tk, struct span sp)
{
    if (tk->nspans == tk->scap) {
        tk->scap = tk->scap ? tk->scap * 2 : 16;
        tk->spans = xrealloc(tk->spans, tk->scap * sizeof(*tk->spans));
    }
    tk->spans[tk->nspans++] = sp;
}

/* Whether the word w[0..n) could hold a link: "@", "://" or "www.". */
static int
may_be_link(const char *w, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (w[i] == '@' || (w[i] == ':' && i + 2 < n && w[i + 1] == '/' &&
                            w[i + 2] == '/') ||
            ((w[i] == 'w' || w[i] == 'W') && i + 3 < n &&
             strncasecmp(w + i, "www.", 4) == 0))
            return 1;
    return 0;
}

/*
 * Finds the URLs and e-mail addresses.  The pattern runs only on the
 * whitespace-separated words that could hold one, so text without links
 * costs a byte scan, not a regex search at every position.
 */
static void
find_links(struct tokenizer *tk, const char *s, size_t len)
{
    static const char trim[] = ".,;:!?'\")]}";
    PCRE2_SIZE *ov;
    size_t i = 0, from, at;

    tk->nspans = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
                           s[i] == '\r'))
            i++;
        from = i;
        while (i < len && !(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
                            s[i] == '\r'))
            i++;
        if (i == from || !may_be_link(s + from, i - from))
            continue;
        /* the subject ends with the word; \b still sees what precedes it */
        for (at = from;
             at < i && pcre2_match(tk->links, (PCRE2_SPTR)s, i, at, 0,
                                   tk->match, NULL) > 0;) {
            struct span sp;

            ov = pcre2_get_ovector_pointer(tk->match);
            sp.start = ov[0];
            sp.end = ov[1];
            sp.type = ov[2] != PCRE2_UNSET ? TEXT_EMAIL : TEXT_URL;
            while (sp.end > sp.start && strchr(trim, s[sp.end - 1]))
                sp.end--;
            at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            if (sp.end > sp.start)
                push_span(tk, sp);
        }
    }
}

/* Splits a clitic off the word token t: "n't", "'s", "'re", ... */
static size_t
clitic_at(const char *s, const struct text_token *t)
{
    const char *w = s + t->start;
    size_t n = t->end - t->start, i, apo = 0, alen = 0;

    for (i = n; i-- > 1;) {
        if (w[i] == '\'') {
            apo = i, alen = 1;
            break;
        }
        if (i >= 2 && (unsigned char)w[i - 2] == 0xe2 &&
            (unsigned char)w[i - 1] == 0x80 && (unsigned char)w[i] == 0x99) {
            apo = i - 2, alen = 3;
            break;
        }
    }
    if (!alen || apo == 0 || n - apo - alen > 2 || n - apo - alen == 0)
        return 0;
    const char *suf = w + apo + alen;
    size_t slen = n - apo - alen;
    if (slen == 1 && (*suf == 't' || *suf == 'T'))
        return (apo >= 2 && (w[apo - 1] == 'n' || w[apo - 1] == 'N'))
                   ? t->start + apo - 1
                   : 0;
    if ((slen == 1 && strchr("sSdDmM", *suf)) ||
        (slen == 2 && (strncasecmp(suf, "re", 2) == 0 ||
                       strncasecmp(suf, "ve", 2) == 0 ||
                       strncasecmp(suf, "ll", 2) == 0)))
        return t->start + apo;
    return 0;
}

static void
collect_bounds(struct tokenizer *tk)
{
    int32_t b;

    tk->nbounds = 0;
    ubrk_first(tk->sentences);
    while ((b = ubrk_next(tk->sentences)) != UBRK_DONE) {
        if (tk->nbounds == tk->bcap) {
            tk->bcap = tk->bcap ? tk->bcap * 2 : 64;
            tk->bounds = xrealloc(tk->bounds, tk->bcap * sizeof(size_t));
        }
        tk->bounds[tk->nbounds++] = (size_t)b;
    }
}

static enum text_type
classify(const char *s, int32_t from, int32_t to, int32_t status, int *skip)
{
    UChar32 c;

    *skip = 0;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
        return has_letter(s + from, (size_t)(to - from)) ? TEXT_WORD
                                                         : TEXT_NUMBER;
    if (status >= UBRK_WORD_LETTER)
        return TEXT_WORD;
    if (s[from] == ' ' || s[from] == '\n') {
        *skip = 1; /* the common case, without decoding */
        return TEXT_SYMBOL;
    }
    c = first_char(s + from, (size_t)(to - from));
    if (c < 0)
        return TEXT_SYMBOL; /* an ill-formed byte, read as U+FFFD */
    if (u_isUWhiteSpace(c) || u_charType(c) == U_CONTROL_CHAR ||
        u_charType(c) == U_FORMAT_CHAR) {
        *skip = 1;
        return TEXT_SYMBOL;
    }
    return u_ispunct(c) ? TEXT_PUNCT : TEXT_SYMBOL;
}

/* ICU's words, with links made whole and clitics split off. */
static void
collect_words(struct tokenizer *tk, const char *s, struct text_tokens *out)
{
    int32_t prev, cur;
    size_t si = 0, link_end = 0;
    int skip;

    out->n = 0;
    prev = ubrk_first(tk->words);
    for (; (cur = ubrk_next(tk->words)) != UBRK_DONE; prev = cur) {
        enum text_type type = classify(s, prev, cur,
                                       ubrk_getRuleStatus(tk->words), &skip);
        size_t a = (size_t)prev, b = (size_t)cur, cut;

        if (out->n && a < link_end) {
            /* inside a link: the link token absorbs it */
            if (b > out->v[out->n - 1].end)
                out->v[out->n - 1].end = b;
            continue;
        }
        while (si < tk->nspans && tk->spans[si].end <= a)
            si++;
        if (si < tk->nspans && tk->spans[si].start < b) {
            link_end = tk->spans[si].end > b ? tk->spans[si].end : b;
            push_token(out, a, link_end, tk->spans[si].type);
            continue;
        }
        if (skip)
            continue;
        push_token(out, a, b, type);
        if (type == TEXT_WORD &&
            (cut = clitic_at(s, &out->v[out->n - 1])) != 0) {
            out->v[out->n - 1].end = cut;
            push_token(out, cut, b, TEXT_WORD);
        }
    }
}

/* Marks ICU's sentence starts on the tokens. */
static void
mark_icu_starts(struct tokenizer *tk, struct text_tokens *out)
{
    size_t i, bi = 0;

    for (i = 0; i < out->n; i++) {
        out->v[i].sent_start = i == 0;
        if (i == 0)
            continue;
        while (bi < tk->nbounds && tk->bounds[bi] < out->v[i - 1].end)
            bi++;
        if (bi < tk->nbounds && tk->bounds[bi] <= out->v[i].start)
            out->v[i].sent_start = 1;
    }
}

/* ---- rules on top of ICU's sentence breaks ---------------------------- */

static int
in_list(const char *s, const struct text_token *t, const char *const *list)
{
    for (; *list; list++)
        if (tok_is(s, t, *list))
            return 1;
    return 0;
}

/* Titles before a name: "Dr. Ruiz" never ends a sentence at the period. */
static const char *const titles[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Gen", "Gov", "Sen",
    "Rep", "Capt", "Col", "Lt", "Sgt", "Rev", "Hon", "Fr", "Pres", NULL};

/* Abbreviations before a number: "p. 55", "No. 5". */
static const char *const before_number[] = {
    "p", "pp", "No", "no", "Nos", "nos", "Vol", "vol", "Fig", "fig", "ch",
    "Ch", "Art", "art", "approx", "ca", "\xc2\xb0", "Sec",
    "sec", "para", NULL};

/*
 * Words that begin sentences far more often than they continue a name:
 * after "U.S." they mean the abbreviation ended the sentence.
 */
static const char *const starters[] = {
    "I", "He", "She", "It", "We", "They", "You", "The", "This", "That",
    "These", "Those", "There", "Then", "How", "What", "Why", "When",
    "Where", "Who", "But", "And", "So", "Yet", "Its", "His", "Her", "Our",
    "Their", "My", "A", "An", "In", "On", "At", "For", "If", "As", "After",
    "Before", "While", "However", "Still", "Meanwhile", "Some", "Many",
    NULL};

static int
is_capitalised(const char *s, const struct text_token *t)
{
    return t->type == TEXT_WORD &&
           u_isupper(first_char(s + t->start, t->end - t->start));
}

static int
has_dot(const char *s, const struct text_token *t)
{
    return memchr(s + t->start, '.', t->end - t->start) != NULL;
}

/*
 * Whether the sentence ICU started at token i (after "WORD .") should go
 * on: the period belongs to an abbreviation or an initial.
 */
static int
abbreviation_continues(const char *s, const struct text_tokens *toks,
                       size_t i)
{
    const struct text_token *t = &toks->v[i], *dot = &toks->v[i - 1];
    const struct text_token *w = &toks->v[i - 2];
    size_t wlen = w->end - w->start;

    if (!tok_is(s, dot, ".") || w->end != dot->start)
        return 0;
    if (in_list(s, w, titles))
        return 1;
    if (t->type == TEXT_NUMBER && in_list(s, w, before_number))
        return 1;
    if (w->type != TEXT_WORD)
        return 0;
    if (has_dot(s, w) && is_all_lower(s + w->start, wlen))
        return 1; /* "a.m.", "e.g." */
    if (has_dot(s, w) && is_capitalised(s, t) && !in_list(s, t, starters) &&
        !in_list(s, t, titles))
        return 1; /* "the U.S. Government", but not "6 P.M. Mr. Smith" */
    if (wlen == 1 && w->type == TEXT_WORD && u_isupper((UChar32)s[w->start]) &&
        i >= 3 && is_capitalised(s, &toks->v[i - 3]) &&
        !toks->v[i - 2].sent_start && is_capitalised(s, t))
        return 1; /* "Jonas E. Smith", but not "you and I. Did" */
    return 0;
}

/*
 * An inline list marker at token i: "2." or "2)" or "2.)" or "b." before
 * a capitalised word.  Returns the number of marker tokens, or 0.
 */
static size_t
list_marker(const char *s, const struct text_tokens *toks, size_t i)
{
    const struct text_token *t = &toks->v[i];
    size_t n = t->end - t->start, k = i + 1;
    int letter = t->type == TEXT_WORD && n == 1 && s[t->start] >= 'a' &&
                 s[t->start] <= 'z';

    if (!(t->type == TEXT_NUMBER && n <= 2) && !letter)
        return 0;
    if (k < toks->n && tok_is(s, &toks->v[k], "."))
        k++;
    if (k < toks->n && tok_is(s, &toks->v[k], ")"))
        k++;
    if (k == i + 1 || k >= toks->n || toks->v[k - 1].end == toks->v[k].start)
        return 0;
    if (!tok_is(s, &toks->v[k - 1], ")") && !is_capitalised(s, &toks->v[k]))
        return 0;
    return k - i;
}

static void
clear_starts(struct text_tokens *toks, size_t from, size_t to)
{
    for (; from < to && from < toks->n; from++)
        toks->v[from].sent_start = 0;
}

/* Line breaks, "!" before lower case, and abbreviations. */
static void
apply_line_rules(const char *s, struct text_tokens *out)
{
    size_t i;

    for (i = 1; i < out->n; i++) {
        struct text_token *t = &out->v[i], *p = &out->v[i - 1];
        int nl = line_breaks(s, p->end, t->start);

        if (nl >= 2) {
            t->sent_start = 1;
        } else if (nl == 1) {
            /* wrapped text continues; a headline or a bullet does not */
            t->sent_start = !(!is_terminal(s, p) && t->type == TEXT_WORD &&
                              is_all_lower(s + t->start, t->end - t->start));
        } else if (t->sent_start && t->type == TEXT_WORD &&
                   (tok_is(s, p, "!") || tok_is(s, p, "?")) &&
                   is_all_lower(s + t->start, t->end - t->start)) {
            t->sent_start = 0; /* "Yahoo! in the ..." */
        } else if (t->sent_start && i >= 2 &&
                   abbreviation_continues(s, out, i)) {
            t->sent_start = 0;
        }
    }
}

/* Bullets and inline list markers start sentences. */
static void
apply_list_rules(const char *s, struct text_tokens *out)
{
    size_t i, m;
    char next_letter = 'a';

    for (i = 0; i < out->n; i++) {
        const struct text_token *t = &out->v[i];
        int glued = i > 0 && out->v[i - 1].end == t->start;

        if (is_bullet(s, t)) {
            out->v[i].sent_start = 1;
            m = i + 1 < out->n ? list_marker(s, out, i + 1) : 0;
            clear_starts(out, i + 1, i + 2 + m);
            i += m;
            continue;
        }
        if (glued || !(m = list_marker(s, out, i)))
            continue;
        if (t->type == TEXT_WORD) {
            /* "a. ... b. ... c." only in order, so "plan b. The" is safe */
            if (s[t->start] != next_letter &&
                !(s[t->start] == 'a' && (i == 0 || t->sent_start)))
                continue;
            next_letter = (char)(s[t->start] + 1);
        }
        out->v[i].sent_start = 1;
        clear_starts(out, i + 1, i + m + 1);
        i += m;
    }
}

int
tokenizer_split(struct tokenizer *tk, const char *s, size_t len,
                struct text_tokens *out, struct sk_err *err)
{
    UErrorCode st = U_ZERO_ERROR;

    if (len > INT32_MAX)
        return sk_fail(err, "text block of %zu bytes is too long for ICU",
                       len);
    tk->text = utext_openUTF8(tk->text, s, (int64_t)len, &st);
    ubrk_setUText(tk->words, tk->text, &st);
    ubrk_setUText(tk->sentences, tk->text, &st);
    if (U_FAILURE(st))
        return sk_fail(err, "ICU cannot read the text: %s", u_errorName(st));
    find_links(tk, s, len);
    collect_words(tk, s, out);
    collect_bounds(tk);
    mark_icu_starts(tk, out);
    apply_line_rules(s, out);
    apply_list_rules(s, out);
    return 0;
}

/* ---- normal form ------------------------------------------------------- */

/* Typographic marks that the normal form writes in ASCII. */
static UChar
ascii_mark(UChar c)
{
    switch (c) {
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
    case 0xff07:
        return '\'';
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
    case 0x00ab: case 0x00bb:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xfe58: case 0xfe63: case 0xff0d:
        return '-';
    default:
        return c;
    }
}

int
text_norm(struct buf *out, const char *s, size_t len, struct sk_err *err)
{
    UChar small_in[128], small_out[256], *in = small_in, *nf = small_out;
    int32_t nin = 0, nout = 0, i, cap;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf;
    size_t k;
    int rc = 0;

    /*
     * ASCII letters, digits and punctuation are their own NFKC form and
     * fold to their lower case: the common case skips ICU altogether.
     */
    for (k = 0; k < len && (unsigned char)s[k] < 0x80; k++)
        ;
    if (k == len) {
        buf_grow(out, len);
        for (k = 0; k < len; k++) {
            char c = s[k];
            out->data[out->len++] = c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
        out->data[out->len] = '\0';
        return 0;
    }
    nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
    cap = (int32_t)(sizeof(small_in) / sizeof(UChar));
    if (len + 1 > (size_t)cap)
        in = xmalloc((len + 1) * sizeof(UChar)), cap = (int32_t)len + 1;
    u_strFromUTF8WithSub(in, cap, &nin, s, (int32_t)len, 0xfffd, NULL, &st);
    if (U_FAILURE(st))
        goto icu_error;
    cap = (int32_t)(sizeof(small_out) / sizeof(UChar));
    nout = unorm2_normalize(nfkc_cf, in, nin, nf, cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        st = U_ZERO_ERROR;
        nf = xmalloc(((size_t)nout + 1) * sizeof(UChar));
        nout = unorm2_normalize(nfkc_cf, in, nin, nf, nout + 1, &st);
    }
    if (U_FAILURE(st))
        goto icu_error;
    for (i = 0; i < nout; i++)
        nf[i] = ascii_mark(nf[i]);
    buf_grow(out, (size_t)nout * 3);
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), &nin,
                nf, nout, &st);
    if (U_FAILURE(st))
        goto icu_error;
    out->len += (size_t)nin;
    out->data[out->len] = '\0';
    goto done;
icu_error:
    rc = sk_fail(err, "ICU cannot normalise text: %s", u_errorName(st));
done:
    if (in != small_in)
        free(in);
    if (nf != small_out)
        free(nf);
    return rc;
}

int
text_phrase_norms(struct tokenizer *tk, const char *s, size_t len,
                  struct buf *out, size_t *ntokens, struct sk_err *err)
{
    size_t i, start;

    /*
     * Letters, digits and single spaces in ASCII: ICU would break at the
     * spaces and nowhere else, so split there without it.  A big lexicon
     * loads fast this way.
     */
    for (i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') ||
              (s[i] == ' ' && i > 0 && s[i - 1] != ' ')))
            break;
    if (i == len && len > 0 && s[len - 1] != ' ') {
        *ntokens = 0;
        for (start = 0, i = 0; i <= len; i++) {
            if (i < len && s[i] != ' ')
                continue;
            text_norm(out, s + start, i - start, err); /* ASCII: no ICU */
            buf_addc(out, '\0');
            ++*ntokens;
            start = i + 1;
        }
        return 0;
    }
    *ntokens = 0;
    if (tokenizer_split(tk, s, len, &tk->phrase, err) < 0)
        return -1;
    for (i = 0; i < tk->phrase.n; i++) {
        const struct text_token *t = &tk->phrase.v[i];

        if (text_norm(out, s + t->start, t->end - t->start, err) < 0)
            return -1;
        buf_addc(out, '\0');
    }
    *ntokens = tk->phrase.n;
    return 0;
}
