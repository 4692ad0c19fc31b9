/*
 * Unit tests for lib/stance: the stance model on hand-made sentences.
 * Keys are written as stems would be; entity ids and polarities as
 * entity-tag and sentiment-score would give them.
 */
#include "stance.h"

#include <math.h>
#include <string.h>

#include "stemcache.h"
#include "tap.h"
#include "text.h"

/* A sentence from "key key/ENTITY key:polarity , ..." (space-separated). */
struct sentence {
    struct stance_token tok[64];
    char store[1024];
    size_t n;
};

static void
parse(struct sentence *s, const char *src)
{
    char *p = s->store;
    s->n = 0;
    strncpy(p, src, sizeof(s->store) - 1);
    p[sizeof(s->store) - 1] = '\0';
    for (char *w = strtok(p, " "); w && s->n < 64; w = strtok(NULL, " ")) {
        struct stance_token *t = &s->tok[s->n++];
        t->entity_id = "";
        t->polarity = 0;
        char *c = strchr(w, ':');
        if (c && c != w) {
            *c = '\0';
            t->polarity = atof(c + 1);
        }
        char *e = strchr(w, '/');
        if (e && e != w) {
            *e = '\0';
            t->entity_id = e + 1;
        }
        t->key = w;
        t->is_word = !strchr(",.;:-()\"'?!", w[0]);
    }
}

static void
add(struct stance_topic *t, enum stance_kind kind, const char *phrase,
    double w)
{
    char buf[256];
    const char *keys[16];
    size_t n = 0;
    strncpy(buf, phrase, sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = '\0';
    for (char *k = strtok(buf, " "); k && n < 16; k = strtok(NULL, " "))
        keys[n++] = k;
    stance_topic_add(t, kind, keys, n, w, phrase);
}

static struct stance_topic *
topic(void)
{
    struct stance_topic *t = stance_topic_new();
    add(t, STANCE_CUE, "fall behind", -1.5);
    add(t, STANCE_CUE, "close the gap", 1.5);
    add(t, STANCE_CUE, "sign of weak", -1.5);
    add(t, STANCE_CUE, "breakthrough", 1.5);
    add(t, STANCE_CUE, "smuggl", -1.0);
    add(t, STANCE_CUE, "not bet against", 2.0);
    add(t, STANCE_CUE, "bet against", 1.0);
    add(t, STANCE_TARGET, "@HUAWEI", 1);
    add(t, STANCE_TARGET, "export control", -1);
    add(t, STANCE_ATTRIBUTION, "critic", 0.3);
    add(t, STANCE_NEGATOR, "not", -0.8);
    add(t, STANCE_NEGATOR, "far from", -0.8);
    add(t, STANCE_NEGATOR, "not just", 1);
    add(t, STANCE_NEGATOR, "not a", -0.8);
    add(t, STANCE_NEGATOR, "cannot", -0.8);
    add(t, STANCE_NEGATOR, "yet to", -0.8);
    add(t, STANCE_CONTRAST, "but", 1.5);
    add(t, STANCE_CONTRAST, "although", 0.7);
    add(t, STANCE_CONTRAST, "yet to", 1);
    add(t, STANCE_IRREALIS, "until", -0.6);
    add(t, STANCE_CONCLUSION, "in conclus", 1);
    add(t, STANCE_FURNITURE, "comment", 0);
    return t;
}

/* Scores sentences given as strings; returns the result. */
static struct stance_result
score(const struct stance_topic *t, const struct stance_params *p,
      const char *const *sents, size_t n, struct stance_doc **keep)
{
    struct stance_doc *d = stance_doc_new(t, p);
    struct sentence s;
    struct stance_result r;
    for (size_t i = 0; i < n; i++) {
        parse(&s, sents[i]);
        stance_doc_add_sentence(d, s.tok, s.n, sents[i]);
    }
    stance_doc_finish(d, &r);
    if (keep)
        *keep = d;
    else
        stance_doc_free(d);
    return r;
}

static double
one(const struct stance_topic *t, const struct stance_params *p,
    const char *sentence)
{
    const char *v[1] = {sentence};
    struct stance_doc *d;
    score(t, p, v, 1, &d);
    struct stance_sentence s;
    stance_doc_sentence(d, 0, &s, NULL);
    stance_doc_free(d);
    return s.raw;
}

static int
near(double a, double b)
{
    return fabs(a - b) < 1e-9;
}

int
main(int argc, char **argv)
{
    struct stance_topic *t = topic();
    struct stance_params p;
    stance_params_init(&p);
    struct stance_result r;
    struct stance_doc *d;
    struct buf b = BUF_INIT;

    plan(74);
    (void)argc;

    /* names */
    is_int(STANCE_CUE, stance_kind_parse("cue"), "kind cue");
    is_int(STANCE_FURNITURE, stance_kind_parse("furniture"), "kind furniture");
    is_int(-1, stance_kind_parse("cues"), "unknown kind");
    is_string("skeptical", stance_label_name(STANCE_SKEPTICAL), "label name");
    is_int(7, (int)stance_topic_count(t, STANCE_CUE), "cue count");

    /* matching and negation */
    ok(near(one(t, &p, "china fall behind ."), -1.5), "plain cue");
    ok(near(one(t, &p, "china is not fall behind ."), 1.2),
       "negated cue flips and damps");
    ok(near(one(t, &p, "far from close the gap ."), -1.2),
       "multi-word negator: far from closing the gap");
    ok(near(one(t, &p, "not a sign of weak ."), 1.2),
       "not a sign of weakness");
    ok(near(one(t, &p, "not , in fact , fall behind"), -1.5),
       "negation stops at punctuation");

    /* negation scope: up to neg_window (3) words on, within the clause */
    ok(near(one(t, &p, "not really fall behind"), 1.2),
       "negation reaches a cue two words on");
    ok(near(one(t, &p, "we do not want to fall behind"), 1.2),
       "negation reaches a cue three words on (two between)");
    ok(near(one(t, &p, "not in any way fall behind"), -1.5),
       "negation stops beyond the window (three between)");
    ok(near(one(t, &p, "not really , fall behind"), -1.5),
       "negation does not cross a comma");
    ok(near(one(t, &p, "not slow but breakthrough"), 2.25),
       "negation stops at a contrast word");
    ok(near(one(t, &p, "they have yet to close the gap"), -1.2),
       "a negator that is also a contrast still reaches");
    ok(near(one(t, &p, "not a breakthrough to fall behind"), -2.7),
       "a negator belongs to the first cue after it");
    {
        struct stance_params p1 = p;
        p1.neg_window = 1;
        ok(near(one(t, &p1, "not really fall behind"), -1.5),
           "neg_window 1: only the next word");
        ok(near(one(t, &p1, "china is not fall behind ."), 1.2),
           "neg_window 1: the next word");
    }
    ok(near(one(t, &p, "not just a breakthrough"), 1.5),
       "longer negator entry cancels: not just");
    ok(near(one(t, &p, "i would not bet against them"), 2.0),
       "longest cue wins and its own negator is not applied");
    ok(near(one(t, &p, "they fall behind and fall behind"), -3.0),
       "every occurrence counts");

    /* contrast */
    ok(near(one(t, &p, "a breakthrough but they fall behind"),
            1.5 * 0.5 - 1.5 * 1.5),
       "but: before x0.5, after x1.5");
    ok(near(one(t, &p, "although a breakthrough , they fall behind"),
            1.5 * 0.7 - 1.5),
       "although reaches to the end of its clause");

    /* targets */
    ok(near(one(t, &p, "huawei/HUAWEI is great:3 ."), 0.75),
       "praise of a +1 target: polarity * side * scale");
    ok(near(one(t, &p, "export control fail:-2 ."), 0.5),
       "failure of a -1 target reads optimistic");
    ok(near(one(t, &p, "huawei/HUAWEI fall:-2 behind:-1 ."), -1.5),
       "cue tokens and target tokens: sentiment not credited twice");
    ok(near(one(t, &p, "good:2 news"), 0), "sentiment without a target is no evidence");
    ok(near(one(t, &p, "huawei/HUAWEI tech/HUAWEI won:2"), 0.5),
       "an entity run is one target");

    /* document: empty, neutral, labels */
    r = score(t, &p, NULL, 0, NULL);
    ok(r.label == STANCE_NEUTRAL && r.tokens == 0 && r.sentences == 0 &&
       r.confidence == 0, "empty document is neutral with zero counts");
    {
        const char *v[] = {"nothing to see here ."};
        r = score(t, &p, v, 1, NULL);
        ok(r.label == STANCE_NEUTRAL && r.tokens == 5 && r.sentences == 1,
           "no evidence: neutral");
    }
    {
        const char *v[] = {"a breakthrough and they fall behind ."};
        r = score(t, &p, v, 1, NULL);
        ok(r.label == STANCE_NEUTRAL, "balanced evidence: neutral");
        ok(r.confidence < 0.01, "balanced evidence: no confidence");
    }
    {
        const char *v[] = {"china makes a breakthrough", "more text here .",
                           "and more text ."};
        r = score(t, &p, v, 3, NULL);
        ok(r.label == STANCE_OPTIMISTIC && r.score > 0, "optimistic");
        ok(r.confidence > 0 && r.confidence < 1, "confidence in (0,1)");
        ok(near(r.pos, 1.5 * p.headline_w), "headline weight");
    }

    /* structure: furniture after the body is ignored */
    {
        const char *v[] = {
            "title words here",
            "one two three four five six seven eight nine ten .",
            "they fall behind , one two three four five six .",
            "one two three four five six seven eight nine ten .",
            "3 comment",
            "breakthrough breakthrough breakthrough breakthrough",
        };
        r = score(t, &p, v, 6, &d);
        ok(r.label == STANCE_SKEPTICAL, "comment section does not decide");
        struct stance_sentence s;
        stance_doc_sentence(d, 5, &s, NULL);
        is_int(STANCE_ROLE_FURNITURE, s.role, "furniture role");
        ok(s.weight == 0, "furniture weight 0");
        stance_doc_sentence(d, 0, &s, NULL);
        is_int(STANCE_ROLE_HEADLINE, s.role, "headline role");
        stance_doc_free(d);
    }
    {
        /* a furniture word early in the text is not furniture */
        const char *v[] = {"headline", "comment on this .",
                           "they fall behind .", "a", "b", "c"};
        r = score(t, &p, v, 6, &d);
        struct stance_sentence s;
        stance_doc_sentence(d, 2, &s, NULL);
        ok(s.weight > 0, "early furniture marker ignored");
        stance_doc_free(d);
    }

    /* attribution: the other side's voice weighs less */
    {
        const char *v[] = {
            "headline",
            "critic say they fall behind .",
            "a breakthrough .",
            "x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x .",
            "end .",
        };
        r = score(t, &p, v, 5, &d);
        struct stance_sentence s;
        stance_doc_sentence(d, 1, &s, &b);
        ok(near(s.weight, p.lead_w * 0.3), "attributed opposing sentence x0.3");
        ok(strstr(b.data, "attribution(x0.30)") != NULL, "explain names attribution");
        ok(r.label == STANCE_OPTIMISTIC, "author's voice decides");
        stance_doc_free(d);
    }

    /* opening contrast moves weight from the previous sentence */
    {
        const char *v[] = {
            "headline",
            "x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x .",
            "a breakthrough .",
            "but they fall behind .",
            "x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x .",
        };
        r = score(t, &p, v, 5, &d);
        struct stance_sentence s2, s3;
        stance_doc_sentence(d, 2, &s2, NULL);
        stance_doc_sentence(d, 3, &s3, NULL);
        ok(near(s2.weight, 0.5) && near(s3.weight, 1.5),
           "concession-first: previous x0.5, contrast x1.5");
        ok(r.label == STANCE_SKEPTICAL, "the contrast wins");
        stance_doc_free(d);
    }

    /* evidence string */
    {
        const char *v[] = {"smuggl smuggl", "they fall behind .",
                           "x x x x x x x x x x x x x x x x x x x x ."};
        r = score(t, &p, v, 3, &d);
        buf_reset(&b);
        stance_doc_evidence(d, 5, &b);
        is_string("smuggl(-4.00); fall behind(-2.25)", b.data,
                  "evidence: strongest first, weighted");
        buf_reset(&b);
        stance_doc_evidence(d, 1, &b);
        is_string("smuggl(-4.00)", b.data, "evidence limited to k");
        stance_doc_free(d);
    }

    /* irrealis: only when it opens a clause */
    ok(near(one(t, &p, "until they close the gap , no"), -0.9),
       "until opening a clause: the cue is not (yet) so");
    ok(near(one(t, &p, "they grow until they close the gap"), 1.5),
       "until inside a clause is a time, not a condition");

    /* questions weigh less */
    {
        const char *v[] = {"x", "do they fall behind ?", "y y y y y y y ."};
        r = score(t, &p, v, 3, &d);
        struct stance_sentence s;
        stance_doc_sentence(d, 1, &s, NULL);
        ok(near(s.weight, p.question_w * p.lead_w), "a question is damped");
        stance_doc_free(d);
    }

    /* a token at a time, as the filter feeds it */
    {
        struct stance_token tk[] = {{"they", "", 0, 1}, {"fall", "", 0, 1},
                                    {"behind", "", 0, 1}, {".", "", 0, 0},
                                    {"acme", "ACME", 0, 1}};
        const char *surf[] = {"They", "fell", "behind", ".", "Acme"};
        long off[][2] = {{0, 4}, {5, 9}, {10, 16}, {16, 17}, {18, 22}};
        d = stance_doc_new(t, &p);
        for (int i = 0; i < 4; i++)
            stance_doc_add_token(d, &tk[i], surf[i], off[i][0], off[i][1]);
        stance_doc_end_sentence(d);
        stance_doc_end_sentence(d); /* nothing pending: no sentence */
        stance_doc_add_token(d, &tk[4], surf[4], off[4][0], off[4][1]);
        stance_doc_finish(d, &r); /* ends the pending sentence */
        is_int(2, (int)r.sentences, "sentences from tokens");
        is_int(5, (int)r.tokens, "tokens counted");
        struct stance_sentence s;
        stance_doc_sentence(d, 0, &s, NULL);
        is_string("They fell behind.", s.text, "text rebuilt from offsets");
        ok(near(s.raw, -1.5), "keys copied, cue matched");
        stance_doc_reset(d);
        stance_doc_finish(d, &r);
        ok(r.sentences == 0 && r.label == STANCE_NEUTRAL, "reset forgets");
        stance_doc_free(d);
    }

    /* a token at a time from a reader's fields: lengths, no NULs */
    {
        const char line[] = "they\tfall\tbehind\t.\tACMEX";
        struct stance_row row[] = {
            {.key = line, .key_len = 4, .surface = "Theyx",
             .surface_len = 4, .start = 0, .end = 4, .is_word = 1},
            {.key = line + 5, .key_len = 4, .entity_id = line + 22,
             .entity_id_len = 0, .start = -1, .end = -1, .is_word = 1},
            {.key = line + 10, .key_len = 6, .entity_id = line + 19,
             .entity_id_len = 4, .polarity = -1, .is_word = 1},
            {.key = line + 17, .key_len = 1, .surface = ".", .surface_len = 1,
             .start = 16, .end = 17},
        };
        d = stance_doc_new(t, &p);
        for (int i = 0; i < 4; i++)
            stance_doc_add_row(d, &row[i]);
        stance_doc_finish(d, &r);
        struct stance_sentence s;
        stance_doc_sentence(d, 0, &s, NULL);
        ok(r.sentences == 1 && r.tokens == 4 && near(s.raw, -1.5),
           "rows: keys taken by their lengths, cue matched");
        is_string("They .", s.text, "rows: the text of the surfaces given");
        stance_doc_free(d);
    }

    /* entity ids: each kind its own, a run per id, phrases first */
    {
        struct stance_topic *et = stance_topic_new();
        add(et, STANCE_CUE, "@SMIC", 1.0);
        add(et, STANCE_CUE, "smic fab", 2.0);
        add(et, STANCE_TARGET, "@HUAWEI", 1);
        add(et, STANCE_NEGATOR, "@ACME", -1);
        ok(near(one(et, &p, "smic/SMIC smic/SMIC rose ."), 1.0),
           "a run of one id is one match");
        ok(near(one(et, &p, "huawei/HUAWEI smic/SMIC smic/SMIC ."), 1.0),
           "a run ends where the id changes");
        ok(near(one(et, &p, "smic/SMIC fab ."), 2.0),
           "a phrase takes its tokens before entity ids");
        ok(near(one(et, &p, "acme/ACME smic/SMIC ."), -1.0),
           "an id of another kind: a negator before the cue");
        ok(near(one(et, &p, "huawei/HUAWEI great:2 acme/ACME ."), 0.5),
           "a target by id, next to an id of another kind");
        stance_topic_free(et);
    }

    /* a big topic: its tables grow, every entry still found */
    {
        struct stance_topic *bt = stance_topic_new();
        char ph[64], sent[128];
        for (int i = 0; i < 3000; i++) {
            snprintf(ph, sizeof(ph), "w%d x%d y", i, i % 7);
            add(bt, STANCE_CUE, ph, i % 2 ? 1.0 : -1.0);
        }
        for (int i = 0; i < 300; i++) {
            snprintf(ph, sizeof(ph), "@E%d", i);
            add(bt, STANCE_TARGET, ph, 1);
        }
        is_int(3000, (int)stance_topic_count(bt, STANCE_CUE), "big: cues");
        int found = 0;
        for (int i = 0; i < 3000; i += 37) {
            snprintf(sent, sizeof(sent), "w%d x%d y w%d x%d .", i, i % 7,
                     i, (i + 1) % 7);
            found += near(one(bt, &p, sent), i % 2 ? 1.0 : -1.0);
        }
        is_int(82, found, "big: each phrase matched, a near miss not");
        ok(near(one(bt, &p, "e/E299 good:2 ."), 0.5), "big: the last id");
        stance_topic_free(bt);
    }

    /* loading a topic file: phrases stemmed as stem(1) stems text */
    {
        struct sk_err err;
        struct tokenizer *tk = tokenizer_new(&err);
        struct stemcache *sc = stemcache_new("english", 0, &err);
        struct stance_topic *ft = stance_topic_new();
        char path[4096];
        const char *slash = strrchr(argv[0], '/');
        int dl = slash ? (int)(slash - argv[0]) : 1;
        snprintf(path, sizeof(path), "%.*s/../lexicons/topic-test.tsv", dl,
                 slash ? argv[0] : ".");
        ok(tk && sc, "tokenizer and stemmer");
        ok(stance_is_topic(path), "the test topic is a topic");
        ok(stance_topic_load(ft, path, tk, sc, &err) == 0, "loads: %s",
           err.msg);
        is_int(4, (int)stance_topic_count(ft, STANCE_CUE), "its cues");
        FILE *fp = fopen("stance-unit-bad.tsv", "w");
        if (fp) {
            fputs("# bad\nkind\tphrase\tweight\ncue\tok\t1\ntarget\tx\t0\n", fp);
            fclose(fp);
        }
        ok(stance_topic_load(ft, "stance-unit-bad.tsv", tk, sc, &err) < 0 &&
           strstr(err.msg, "stance-unit-bad.tsv:4: weight 0 is out of range"),
           "a bad line: file:line (%s)", err.msg);
        remove("stance-unit-bad.tsv");
        ok(!stance_is_topic("no/such/file.tsv"), "a missing file is not a topic");
        stance_topic_free(ft);
        stemcache_free(sc);
        tokenizer_free(tk);
    }

    /* a later entry replaces an earlier one */
    add(t, STANCE_CUE, "smuggl", -2.0);
    is_int(7, (int)stance_topic_count(t, STANCE_CUE), "replacement keeps count");
    ok(near(one(t, &p, "smuggl ."), -2.0), "later weight wins");

    buf_release(&b);
    stance_topic_free(t);
    return tap_done();
}
