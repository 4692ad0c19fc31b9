/*
 * Unit tests for lib/entity: gazetteer, case rule, patterns and their
 * snapping, who wins an overlap, and the capitalised-name guesses.
 * Sentences are tokenised with the tokenize core, so tokens are what the
 * filter would see.  Results are written as "[surface tokens|TYPE|ID]"
 * spans between the other tokens.
 */
#include "entity.h"

#include <string.h>

#include "buf.h"
#include "tap.h"
#include "text.h"

static struct tokenizer *tk;

/* Tags text and writes it as "[Huawei|ORG|HUAWEI] 's [...]". */
static const char *
tag(struct entity_tagger *et, const char *text)
{
    static struct buf out, strs;
    static struct text_tokens tt;
    struct entity_token toks[128];
    struct entity_tag tags[128];
    size_t offs[128][2], i, n;
    static struct sk_err err;

    if (tokenizer_split(tk, text, strlen(text), &tt, &err) < 0)
        bail("tokenizer: %s", err.msg);
    n = tt.n < 128 ? tt.n : 128;
    buf_reset(&strs);
    for (i = 0; i < n; i++) {
        const struct text_token *t = &tt.v[i];

        offs[i][0] = strs.len;
        buf_add(&strs, text + t->start, t->end - t->start);
        buf_addc(&strs, '\0');
        offs[i][1] = strs.len;
        text_norm(&strs, text + t->start, t->end - t->start, &err);
        buf_addc(&strs, '\0');
        toks[i].type = text_type_name(t->type);
        toks[i].start = t->start;
        toks[i].end = t->end;
    }
    for (i = 0; i < n; i++) {
        toks[i].token = strs.data + offs[i][0];
        toks[i].norm = strs.data + offs[i][1];
    }
    if (entity_tag_sentence(et, toks, n, tags, &err) < 0)
        return err.msg;
    buf_reset(&out);
    for (i = 0; i < n; i++) {
        if (i)
            buf_addc(&out, ' ');
        if (tags[i].bio == 'B')
            buf_addc(&out, '[');
        buf_adds(&out, toks[i].token);
        if (tags[i].bio != 'O' && (i + 1 == n || tags[i + 1].bio != 'I'))
            buf_addf(&out, "|%s|%s]", entity_type_name(tags[i].type),
                     tags[i].id);
    }
    return out.data ? out.data : "";
}

static void
add(struct entity_tagger *et, const char *phrase, const char *type,
    const char *id)
{
    struct sk_err err;

    if (entity_add_name(et, phrase, entity_type_parse(type, 0), id, "test",
                        NULL, &err) < 0)
        bail("add %s: %s", phrase, err.msg);
}

static void
pat(struct entity_tagger *et, const char *re, const char *type)
{
    struct sk_err err;

    if (entity_add_pattern(et, re, entity_type_parse(type, 1), &err) < 0)
        bail("pattern %s: %s", re, err.msg);
}

static void
cue(struct entity_tagger *et, const char *word, const char *kind)
{
    struct sk_err err;

    if (entity_add_cue(et, word, entity_cue_parse(kind), "test", &err) < 0)
        bail("cue %s: %s", word, err.msg);
}

static struct entity_tagger *
gazetteer(void)
{
    struct entity_tagger *et = entity_tagger_new(tk);

    add(et, "Huawei", "ORG", "HUAWEI");
    add(et, "Ascend", "PRODUCT", "ASCEND");
    add(et, "Ascend 910C", "PRODUCT", "ASCEND_910C");
    add(et, "US", "LOC", "US");
    add(et, "U.S.", "LOC", "US");
    add(et, "United States", "LOC", "US");
    add(et, "China", "LOC", "CN");
    add(et, "China Mobile", "ORG", "CHINA_MOBILE");
    add(et, "entity list", "LAW", "ENTITY_LIST");
    add(et, "DeepSeek V4", "PRODUCT", "DEEPSEEK_V4");
    add(et, "Kirin 9000S", "PRODUCT", "KIRIN_9000S");
    add(et, "SMIC", "ORG", "SMIC");
    return et;
}

static void
test_gazetteer(void)
{
    struct entity_tagger *et = gazetteer();

    entity_set_flags(et, ENTITY_NO_GUESS);
    is_string("[Huawei|ORG|HUAWEI] ’s [Ascend 910C|PRODUCT|ASCEND_910C] "
              "ships",
              tag(et, "Huawei’s Ascend 910C ships"),
              "clitic split off; the longest entry wins");
    is_string("[Ascend|PRODUCT|ASCEND] chips", tag(et, "Ascend chips"),
              "a prefix of a longer entry");
    is_string("made in [China|LOC|CN] .", tag(et, "made in China."),
              "an entry at the end of a sentence");
    is_string("[U.S .|LOC|US] and [United States|LOC|US] and [US|LOC|US]",
              tag(et, "U.S. and United States and US"),
              "aliases share one id");
    is_string("give it to us , Us", tag(et, "give it to us, Us"),
              "an all-capitals entry needs capitals in the text");
    is_string("ascend the hill", tag(et, "ascend the hill"),
              "a capitalised entry needs a capital in the text");
    is_string("[China|LOC|CN] mobile phones", tag(et, "China mobile phones"),
              "a longest match that fails the case rule falls back to a "
              "shorter one");
    is_string("[China Mobile|ORG|CHINA_MOBILE] said",
              tag(et, "China Mobile said"), "and passes it when it holds");
    is_string("the [Entity List|LAW|ENTITY_LIST] and the "
              "[entity list|LAW|ENTITY_LIST]",
              tag(et, "the Entity List and the entity list"),
              "a lower-case entry matches any case");
    entity_set_flags(et, ENTITY_NO_GUESS | ENTITY_ANY_CASE);
    is_string("[us|LOC|US]", tag(et, "us"), "--any-case drops the rule");
    entity_tagger_free(et);
}

static void
test_patterns(void)
{
    struct entity_tagger *et = gazetteer();

    entity_set_flags(et, ENTITY_NO_GUESS);
    pat(et, "(?i)\\b\\d+\\s?-?\\s?(?:nm|nanomet(?:er|re))\\b", "NODE");
    pat(et, "(?:\\bUS)?\\$\\d+(?:\\.\\d+)?(?:bn)?\\b", "MONEY");
    pat(et, "\\b\\d{3,5}[A-Z]\\b", "MODEL");
    pat(et, "\\bDeepSeek V\\d(?: Pro)?\\b", "MODEL");
    pat(et, "nm", "NODE");
    pat(et, "7nm-cla", "QUANTITY");
    is_string("[7nm|NODE|] and [5 - nanometre|NODE|] parts",
              tag(et, "7nm and 5-nanometre parts"),
              "patterns see the sentence as written");
    is_string("[US $ 1.5bn|MONEY|] deal", tag(et, "US$1.5bn deal"),
              "a longer pattern match beats a shorter gazetteer one");
    is_string("[Kirin 9000S|PRODUCT|KIRIN_9000S] and [9100X|MODEL|]",
              tag(et, "Kirin 9000S and 9100X"),
              "the gazetteer wins a tie; patterns fill the rest");
    is_string("[DeepSeek V4 Pro|MODEL|DEEPSEEK_V4]",
              tag(et, "DeepSeek V4 Pro"),
              "a model pattern swallowing a product keeps its id");
    is_string("[7nm -|QUANTITY|] class [SMIC|ORG|SMIC]",
              tag(et, "7nm-class SMIC"),
              "a match inside a token is dropped; one ending inside a "
              "token keeps the tokens wholly inside");
    entity_tagger_free(et);
}

static void
test_guesses(void)
{
    struct entity_tagger *et = gazetteer();

    cue(et, "john", "given");
    cue(et, "zhao", "surname");
    is_string("Mr . [John Smith|PER|] of [Acme Corp .|ORG|] said",
              tag(et, "Mr. John Smith of Acme Corp. said"),
              "a title makes a PER; a company suffix an ORG");
    is_string("Dr . [Okonjo|PER|] spoke", tag(et, "Dr. Okonjo spoke"),
              "one word after a title is enough");
    is_string("The [Silicon Curtain|MISC|] fell",
              tag(et, "The Silicon Curtain fell"),
              "a sentence-initial function word is not part of a name");
    is_string("Why Does Everyone Still Want Nvidia",
              tag(et, "Why Does Everyone Still Want Nvidia"),
              "no guesses in a title-case headline");
    is_string("[Zhao Minghui|PER|] visited the [Pearl River|LOC|] and the "
              "[Bank of Somewhere|ORG|]",
              tag(et, "Zhao Minghui visited the Pearl River and the Bank of "
                      "Somewhere"),
              "surname first; place and organisation words");
    is_string("[Tom Ashdown|MISC|] and [Jane Roe|PER|] wrote",
              tag(et, "Tom Ashdown and Jane Roe wrote"),
              "'and' separates two names; a verb of speech makes a PER");
    is_string("Officials said [Okafor|PER|] told [Pearl Shore|PER|]",
              tag(et, "Officials said Okafor told Pearl Shore"),
              "but not for a sentence-initial word alone");
    is_string("offices in [Kingston|LOC|] , near [Lower Ruritania|LOC|] , "
              "not in AI or in Malaysian hands",
              tag(et, "offices in Kingston, near Lower Ruritania, not in AI "
                      "or in Malaysian hands"),
              "a preposition of place makes a LOC");
    is_string("[Procter and Gamble Co|ORG|] sells",
              tag(et, "Procter and Gamble Co sells"),
              "but not an organisation's");
    is_string("[Huawei|ORG|HUAWEI] and [Acme Labs|ORG|] in [China|LOC|CN]",
              tag(et, "Huawei and Acme Labs in China"),
              "guesses only fill what the gazetteer left");
    is_string("[John|PER|] left in March", tag(et, "John left in March"),
              "a known given name alone; months are not names");
    is_string("Chief Executive [Jane Roe|MISC|] spoke",
              tag(et, "Chief Executive Jane Roe spoke"),
              "job words are trimmed");
    is_string("the [University of China|ORG|] said",
              tag(et, "the University of China said"),
              "an organisation word, 'of' and a known place");
    is_string("By [Jane Roe|PER|]", tag(et, "By Jane Roe"),
              "a byline is a PER, not a headline");
    is_string("By Staff Reporter", tag(et, "By Staff Reporter"),
              "unless it names a job");
    is_string("[Huawei|ORG|HUAWEI] Unveils Its New Phone",
              tag(et, "Huawei Unveils Its New Phone"),
              "a headline after a known name");
    entity_set_flags(et, ENTITY_NO_GUESS);
    is_string("Mr . John Smith", tag(et, "Mr. John Smith"), "--no-guess");
    entity_tagger_free(et);
}

static void
test_entries(void)
{
    struct entity_tagger *et = entity_tagger_new(tk);
    const char *prev = NULL;
    struct sk_err err;

    ok(entity_lists_sorted(), "the built-in word lists are sorted");
    is_int(ENTITY_LAW, entity_type_parse("LAW", 0), "LAW is a name type");
    is_int(ENTITY_NONE, entity_type_parse("MONEY", 0),
           "MONEY is not a name type");
    is_int(ENTITY_MONEY, entity_type_parse("MONEY", 1), "but a pattern type");
    is_string("QUANTITY", entity_type_name(ENTITY_QUANTITY), "type names");
    is_int(0,
           entity_add_name(et, "Nvidia", ENTITY_ORG, "NVIDIA", "a:1", &prev,
                           &err),
           "a new entry");
    is_int(0,
           entity_add_name(et, "NVIDIA", ENTITY_ORG, "NVIDIA", "a:2", &prev,
                           &err),
           "the same again is quiet");
    is_int(1,
           entity_add_name(et, "nvidia", ENTITY_ORG, "NV", "a:3", &prev, &err),
           "another id is reported");
    is_string("a:2", prev, "with the line it overrides");
    is_int(1, (long)entity_nnames(et), "one entry");
    is_int(-1, entity_add_name(et, "  ", ENTITY_ORG, "X", "a:4", NULL, &err),
           "a phrase with no tokens");
    is_string("a:4: phrase '  ' has no tokens", err.msg, "says so");
    is_int(-1, entity_add_pattern(et, "(a", ENTITY_DATE, &err),
           "a bad pattern");
    ok(strstr(err.msg, "bad pattern: ") && strstr(err.msg, "at offset 2"),
       "with PCRE2's message and offset: %s", err.msg);
    is_int(-1, entity_add_cue(et, "two words", ENTITY_CUE_GIVEN, "c:1", &err),
           "a cue of two words");
    is_string("", tag(et, ""), "an empty sentence");
    entity_tagger_free(et);
}

/* The where an override reports, after adding with where first. */
static const char *
overridden_where(const char *first)
{
    static char copy[64];
    struct entity_tagger *et = entity_tagger_new(tk);
    const char *prev = NULL;
    struct sk_err err;

    entity_add_name(et, "Nvidia", ENTITY_ORG, "NVIDIA", "other:9", NULL, &err);
    entity_add_name(et, "Nvidia", ENTITY_ORG, "NVIDIA", first, NULL, &err);
    entity_add_name(et, "Arm", ENTITY_ORG, "ARM", "other:10", NULL, &err);
    if (entity_add_name(et, "Nvidia", ENTITY_ORG, "NV", "b:1", &prev, &err) !=
        1)
        prev = "(no override)";
    snprintf(copy, sizeof(copy), "%s", prev ? prev : "(null)");
    entity_tagger_free(et);
    return copy;
}

/*
 * Entries are stored compactly (file numbers and lines, case rules in two
 * bits a token, words numbered once for the gazetteer and the rules):
 * what goes in comes out.
 */
static void
test_compact(void)
{
    struct entity_tagger *et = entity_tagger_new(tk);
    char phrase[256], text[256];
    int i;

    is_string("a:12", overridden_where("a:12"), "where: file and line");
    is_string("we:ird:7", overridden_where("we:ird:7"), "a file with ':'");
    is_string("x:007", overridden_where("x:007"), "a line with a zero");
    is_string("no line", overridden_where("no line"), "no line at all");
    is_string("f:", overridden_where("f:"), "an empty line");

    entity_set_flags(et, ENTITY_NO_GUESS | ENTITY_NO_PATTERNS);
    add(et, "John Deere", "ORG", "DEERE");
    cue(et, "john", "given");
    add(et,
        "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa "
        "Lambda Mu Nu Xi Omicron",
        "MISC", "GREEK15");
    add(et,
        "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa "
        "Lambda Mu Nu Xi Omicron Pi",
        "MISC", "GREEK16");
    for (i = 0; i < 20000; i++) {
        snprintf(phrase, sizeof(phrase), "Made Up X%d Co", i);
        snprintf(text, sizeof(text), "MADEUP%d", i);
        add(et, phrase, "ORG", text);
    }
    is_string("[John Deere|ORG|DEERE] tractors",
              tag(et, "John Deere tractors"),
              "a gazetteer word that is also a cue word");
    is_string("[Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa "
              "Lambda Mu Nu Xi Omicron|MISC|GREEK15] pi",
              tag(et, "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota "
                      "Kappa Lambda Mu Nu Xi Omicron pi"),
              "a case rule of 16 tokens holds on the last");
    is_string("[Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa "
              "Lambda Mu Nu Xi Omicron Pi|MISC|GREEK16]",
              tag(et, "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota "
                      "Kappa Lambda Mu Nu Xi Omicron Pi"),
              "and passes when it holds");
    is_string("alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa "
              "Lambda Mu Nu Xi Omicron",
              tag(et, "alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota "
                      "Kappa Lambda Mu Nu Xi Omicron"),
              "a case rule of 15 tokens holds on the first");
    is_string("[Made Up X12345 Co|ORG|MADEUP12345] and [Made Up X0 "
              "Co|ORG|MADEUP0]",
              tag(et, "Made Up X12345 Co and Made Up X0 Co"),
              "found among 20,000 more entries");
    is_int(20003, (long)entity_nnames(et), "entries counted");
    entity_tagger_free(et);
}

int
main(void)
{
    struct sk_err err;

    if (!(tk = tokenizer_new(&err)))
        bail("tokenizer: %s", err.msg);
    plan(59);
    test_entries();
    test_compact();
    test_gazetteer();
    test_patterns();
    test_guesses();
    tokenizer_free(tk);
    return tap_done();
}
