/*
 * Unit tests for lib/rxscreen: a screen never rejects a text PCRE2 finds a
 * match in (checked against PCRE2 itself on made-up texts), rejects the
 * texts it should, and gives up on syntax it does not read.
 */
#include "rxscreen.h"

#include <pcre2.h>

#include "buf.h"
#include "tap.h"

/* Patterns with the syntax the screen reads, and some it does not. */
static const char *const patterns[] = {
    "\\d+%",
    "(?i)quarter",
    "Jan|Feb",
    "(?i)\\b(?:first|second) half(?: of)? (?:19|20)\\d\\d\\b",
    "[$€£¥]\\s?\\d[\\d,]*",
    "\\b[A-Z]{1,4}\\d{2,5}[A-Z]{0,3}s?\\b",
    "(?<![\\w.])\\d{3,5}[A-Z]{1,2}s?\\b",
    "(?i)(?:\\b(?-i:US|HK|NT|A|C|S))?[$€£¥]\\s?\\d",
    "(?i)\\d\\s?(?:micron|µm)\\b",
    "(?i)kilo|SAKE",
    "(?i)[k-l]x|[r-t]y",
    "a(?i)b|c",
    "(a(?i)b|c)d",
    "(?i:x)y|Z",
    "x(?=yz)|(?!q)w",
    "(?<=ab)c|(?<!x)d",
    "(?<name>ab)+c{2}",
    "(?P<n>q)u{1,}|zz{0,2}",
    "(?:ab|)c",
    "a?b*c+",
    "[]a]b|[^x]y|[a-]z",
    "[\\d\\s.]-[\\x41-\\x{43}]",
    "\\x{20AC}\\x41|\\t\\n",
    "[–—-]\\d|×\\d",
    "\\.\\$\\\\\\+",
    "(?|(a)|(b))c",
    "(?>ab|a)c",
    "^ab$|\\Aab\\z",
    "\\p{Lu}\\d|\\pL\\d\\P{N}",
    "(?s)a.b|(?m)^c",
    "(?^i)ab|(?-i)CD",
    "(?i)[^a]b|\\D\\W\\S",
    "(*UCP)\\d",
    "(a)\\1",
    "\\Qa.b\\E",
    "(?x) a b # c",
    "[[:alpha:]]\\d",
    "(?i)ß|Σ",
};

enum { NPATTERNS = sizeof(patterns) / sizeof(patterns[0]) };

/* Pieces made-up texts are built from: words of the patterns and more. */
static const char *const pieces[] = {
    "Q",    "q",     "uarter", "QUARTER", "quarter", "Jan",
    "Feb",  "first", "half",   "of",      "19",      "20",
    "24",   "$",     "€",      "£",       "¥",       "’",
    "–",    "—",     "-",      "×",       "%",       "1",
    "12",   "123",   "4567",   "H",       "B200",    "MI300X",
    "910C", "US",    "HK",     "micron",  "µm",      "µ",
    "Μ",    "μm",    "K",      "k",       "ilo",     "\xe2\x84\xaa",
    "ſ",    "SAKE",  "sake",   "a",       "b",       "B",
    "c",    "C",     "d",      "x",       "y",       "Y",
    "z",    "Z",     "w",      "q",       "ab",      "zz",
    "u",    "]",     "A",      "ABC",     "\t",      "\n",
    ".",    "\\",    "+",      "p",       "ß",       "ẞ",
    "σ",    "ς",     "ss",     "L",       "l",       "r",
    "s",    "t",     " ",      " ",
};

enum { NPIECES = sizeof(pieces) / sizeof(pieces[0]) };

static unsigned long rng = 12345;

static unsigned
next_random(void)
{
    rng = rng * 6364136223846793005u + 1442695040888963407u;
    return (unsigned)(rng >> 33);
}

static pcre2_code *
compile(const char *pattern)
{
    PCRE2_SIZE off;
    int code;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF, &code, &off, NULL);

    if (!re)
        bail("pattern %s does not compile", pattern);
    return re;
}

static int
matches(pcre2_code *re, pcre2_match_data *md, const char *s, size_t len)
{
    return pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL) >= 0;
}

/* Does the screen of pattern let text through? */
static int
passes(const char *pattern, const char *text)
{
    struct rxscreen *s = rxscreen_new(pattern, 0);
    struct rxscreen_text t;
    int r;

    rxscreen_text_of(&t, text, strlen(text));
    r = rxscreen_may_match(s, &t);
    rxscreen_free(s);
    return r;
}

static int
gives_up(const char *pattern)
{
    struct rxscreen *s = rxscreen_new(pattern, 0);
    int r = rxscreen_passes_all(s);

    rxscreen_free(s);
    return r;
}

/*
 * Every text that holds a match passes, over many made-up texts; and the
 * screens do reject some of the others.  Returns the texts wrongly
 * rejected.
 */
static long
wrongly_rejected(long *rejected, long *matched)
{
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    struct buf text = BUF_INIT;
    struct rxscreen_text t;
    long bad = 0;
    size_t p;
    int i, k, n;

    *rejected = *matched = 0;
    for (p = 0; p < NPATTERNS; p++) {
        pcre2_code *re = compile(patterns[p]);
        struct rxscreen *s = rxscreen_new(patterns[p], 0);

        for (i = 0; i < 5000; i++) {
            buf_reset(&text);
            n = 1 + (int)(next_random() % 8);
            for (k = 0; k < n; k++)
                buf_adds(&text, pieces[next_random() % NPIECES]);
            rxscreen_text_of(&t, text.data, text.len);
            if (!matches(re, md, text.data, text.len)) {
                *rejected += !rxscreen_may_match(s, &t);
                continue;
            }
            (*matched)++;
            if (!rxscreen_may_match(s, &t) && bad++ < 5)
                diag("'%s' rejects '%s'", patterns[p], text.data);
        }
        rxscreen_free(s);
        pcre2_code_free(re);
    }
    buf_release(&text);
    pcre2_match_data_free(md);
    return bad;
}

/*
 * What the screen assumes of PCRE2's caseless matching: of the non-ASCII
 * characters (up to U+2FFF here), only U+017F and U+212A match ASCII ones.
 */
static int
caseless_partners_of_ascii(void)
{
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    char ascii[128], pattern[32];
    unsigned cp;
    int found = 0;

    for (cp = 1; cp < 128; cp++)
        ascii[cp - 1] = (char)cp;
    for (cp = 0x80; cp < 0x3000; cp++) {
        pcre2_code *re;

        if (cp >= 0xd800 && cp < 0xe000)
            continue;
        snprintf(pattern, sizeof(pattern), "(?i)\\x{%x}", cp);
        re = compile(pattern);
        if (matches(re, md, ascii, 127)) {
            if (cp != 0x17f && cp != 0x212a)
                diag("U+%04X matches ASCII", cp);
            found |= cp == 0x17f ? 1 : cp == 0x212a ? 2 : 4;
        }
        pcre2_code_free(re);
    }
    pcre2_match_data_free(md);
    return found;
}

static const char *
describe(const char *pattern)
{
    static struct buf out;
    struct rxscreen *s = rxscreen_new(pattern, 0);

    buf_reset(&out);
    rxscreen_describe(s, &out);
    rxscreen_free(s);
    return out.data;
}

int
main(void)
{
    long rejected, matched, bad;

    plan(31);
    bad = wrongly_rejected(&rejected, &matched);
    is_int(0, bad, "no text that holds a match is rejected");
    ok(matched > 10000, "made-up texts that hold a match: %ld", matched);
    ok(rejected > 10000, "made-up texts without one rejected: %ld", rejected);
    is_int(3, caseless_partners_of_ascii(),
           "caseless, only U+017F and U+212A match ASCII");

    ok(!passes("\\d+%", "no digits here %"), "\\d+%% needs a digit");
    ok(!passes("\\d+%", "12 percent"), "\\d+%% needs a '%%'");
    ok(!passes("\\d+%", "1 %"), "\\d+%% needs the pair digit, '%%'");
    ok(passes("\\d+%", "rose 12%"), "\\d+%% lets '12%%' through");
    ok(!passes("(?i)quarter", "the first half"), "(?i)quarter needs a q");
    ok(!passes("(?i)quarter", "quiet water"), "... and its pairs");
    ok(passes("(?i)quarter", "QuArTeR"), "... in any case");
    ok(!passes("Jan|Feb", "March"), "Jan|Feb needs one of them");
    ok(!passes("[$€]\\d", "it’s 5"), "a curly quote is not a euro sign");
    ok(passes("[$€]\\d", "€5"), "a euro sign is");
    ok(!passes("[A-Z]\\d", "A 1"), "[A-Z]\\d needs a capital, then a digit");
    ok(passes("[A-Z]\\d", "B200"), "... as in B200");
    ok(passes("(?i)k", "\xe2\x84\xaa"), "(?i)k lets the Kelvin sign through");
    ok(passes("(?i)s", "ſ"), "(?i)s lets the long s through");
    ok(passes("(?i)\\x{212A}", "k"), "the Kelvin sign lets k through");
    ok(!passes("Ascend|Kirin", "Kiscend"),
       "an alternation needs all of one branch");
    ok(passes("x(?:Ascend|Kirin)", "xKirin"), "... as in xKirin");
    is_string("[x] & [AK] & [K]|1 pairs & 2 pairs & one of 2 terms",
              describe("x(?:Ascend|Kirin)"),
              "describes an alternation tested branch by branch");
    ok(!passes("(?:ab)?c", "ab"), "an optional group needs nothing");
    ok(passes("(?:ab)?c", "c"), "... but what follows");

    ok(gives_up("(*UCP)\\d"), "gives up on verbs");
    ok(gives_up("(a)\\1"), "... on back references");
    ok(gives_up("\\Qa.b\\E"), "... on \\Q..\\E");
    ok(gives_up("(?x) a b"), "... on (?x)");
    ok(gives_up("[[:alpha:]]\\d"), "... on POSIX classes");
    is_string("[%] & [0-9] & class pairs 0000000000000010", describe("\\d+%"),
              "describes \\d+%%");
    is_string("true", describe("a?|b"), "describes a?|b");
    return tap_done();
}
