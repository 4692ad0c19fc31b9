/*
 * tokenize: split English text files into sentences and tokens, one token
 * a line, in the token stream format of DESIGN.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "text.h"
#include "tsv.h"
#include "utf8.h"
#include "util.h"

static const char usage_text[] =
    "usage: tokenize [--id NAME] [FILE...]\n"
    "\n"
    "Split text into sentences and tokens: one token a line, TSV with the\n"
    "columns doc sent tok start end type token norm.  Each FILE is one\n"
    "document; with no FILE, or '-', standard input is read.\n"
    "\n"
    "  -i, --id NAME         document id for standard input (default '-')\n"
    "  -m, --max-tokens N    longest sentence in tokens (default 1000)\n"
    "  -u, --unbuffered      flush after each sentence\n"
    "  -h, --help            show this help and exit\n"
    "      --version         show the version and exit\n";

static const struct option longopts[] = {
    {"id", required_argument, NULL, 'i'},
    {"max-tokens", required_argument, NULL, 'm'},
    {"unbuffered", no_argument, NULL, 'u'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/*
 * Text is handed to ICU a paragraph at a time (a blank line always ends a
 * sentence), so memory is bounded by the longest paragraph; a paragraph
 * longer than BLOCK_MAX is cut at a line break or a space.
 */
enum { READ_SIZE = 1 << 16, BLOCK_MAX = 1 << 20 };

struct doc {
    const char *id;        /* the doc column */
    const char *name;      /* for messages */
    size_t offset;         /* of the block in the file */
    unsigned long sent;    /* current sentence number */
    unsigned long tok;     /* tokens so far in it */
    int warned_utf8;
};

static size_t max_tokens = 1000;
static int unbuffered;
static struct tokenizer *tk;
static struct text_tokens toks;
static struct buf line, norm, doc_field;

/* Appends a TAB and the decimal digits of n. */
static void
put_number(struct buf *b, size_t n)
{
    buf_addc(b, '\t');
    buf_add_ulong(b, n);
}

/*
 * Appends a TAB and s[0..n) as a field: U+FFFD for ill-formed bytes
 * (only when the block has any), escapes for a backslash (a token holds
 * no TAB, LF or CR: whitespace separates tokens).
 */
static void
put_text(struct buf *b, const char *s, size_t n, int clean)
{
    buf_addc(b, '\t');
    if (clean && !memchr(s, '\\', n)) {
        buf_add(b, s, n);
        return;
    }
    buf_reset(&norm);
    utf8_repair(&norm, s, n);
    tsv_escape(b, norm.data, norm.len);
}

static void
emit_empty(void)
{
    fwrite(doc_field.data, 1, doc_field.len, stdout);
    fputs("\t0\t0\t0\t0\tempty\t\t\n", stdout);
}

/* Tokenises s[0..len), which starts at d->offset in the file. */
static int
emit_block(struct doc *d, const char *s, size_t len)
{
    struct sk_err err;
    size_t i, bad = utf8_invalid_at(s, len), at;

    if (bad < len && !d->warned_utf8) {
        sk_warn("%s: invalid UTF-8 at byte offset %zu; replaced with U+FFFD",
                d->name, d->offset + bad);
        d->warned_utf8 = 1;
    }
    if (tokenizer_split(tk, s, len, &toks, &err) < 0) {
        sk_warn("%s: %s", d->name, err.msg);
        return -1;
    }
    for (i = 0; i < toks.n; i++) {
        const struct text_token *t = &toks.v[i];

        if (t->sent_start || d->sent == 0 || d->tok >= max_tokens) {
            d->sent++;
            d->tok = 0;
            if (unbuffered)
                fflush(stdout);
        }
        buf_reset(&line);
        buf_add(&line, doc_field.data, doc_field.len);
        put_number(&line, d->sent);
        put_number(&line, ++d->tok);
        put_number(&line, d->offset + t->start);
        put_number(&line, d->offset + t->end);
        buf_addc(&line, '\t');
        buf_adds(&line, text_type_name(t->type));
        put_text(&line, s + t->start, t->end - t->start, bad == len);
        buf_addc(&line, '\t');
        at = line.len;
        if (text_norm(&line, s + t->start, t->end - t->start, &err) < 0) {
            sk_warn("%s: %s", d->name, err.msg);
            return -1;
        }
        if (memchr(line.data + at, '\\', line.len - at)) {
            buf_reset(&norm);
            buf_add(&norm, line.data + at, line.len - at);
            line.len = at;
            tsv_escape(&line, norm.data, norm.len);
        }
        buf_addc(&line, '\n');
        fwrite(line.data, 1, line.len, stdout);
    }
    return 0;
}

/*
 * Where the next block ends in p[0..len): after the last blank line; or,
 * when the text runs past BLOCK_MAX without one (or at end of input),
 * after a line break or a space, or at a character boundary.
 */
static size_t
block_end(const char *p, size_t len, int at_eof)
{
    size_t i, lim;

    if (at_eof)
        return len;
    for (i = len; i-- > 1;)
        if (p[i] == '\n' && (p[i - 1] == '\n' ||
                             (p[i - 1] == '\r' && i >= 2 && p[i - 2] == '\n')))
            return i + 1;
    for (i = len; i-- > 1;)
        if (p[i] == '\r' && p[i - 1] == '\r')
            return i + 1;
    if (len < BLOCK_MAX)
        return 0;
    lim = BLOCK_MAX;
    for (i = lim; i-- > lim / 2;)
        if (p[i] == '\n' || p[i] == '\r')
            return i + 1;
    for (i = lim; i-- > lim / 2;)
        if (p[i] == ' ' || p[i] == '\t')
            return i + 1;
    for (i = lim; i > lim - 4 && ((unsigned char)p[i] & 0xc0) == 0x80; i--)
        ;
    return i;
}

/* Tokenises one document.  Returns 0, or -1 when it could not be read. */
static int
tokenize_stream(FILE *fp, struct doc *d)
{
    struct buf pending = BUF_INIT;
    size_t n, cut, skip = 0;
    int eof = 0, rc = 0;
    char *nul;

    while (!eof) {
        buf_grow(&pending, READ_SIZE);
        n = fread(pending.data + pending.len, 1, READ_SIZE, fp);
        if (n < READ_SIZE) {
            if (ferror(fp)) {
                sk_warn("%s: read error: %s", d->name, strerror(errno));
                rc = -1;
                break;
            }
            eof = 1;
        }
        nul = memchr(pending.data + pending.len, '\0', n);
        pending.len += n;
        if (nul) {
            sk_warn("%s: binary file (NUL byte at byte %zu); %s", d->name,
                    d->offset + (size_t)(nul - pending.data),
                    d->sent ? "the rest of it is skipped"
                            : "emitted as an empty document");
            rc = -1;
            pending.len = (size_t)(nul - pending.data);
            eof = 1;
        }
        if (d->offset == 0 && skip == 0 && pending.len >= 3 &&
            memcmp(pending.data, "\xef\xbb\xbf", 3) == 0) {
            skip = 3; /* a byte order mark is not text */
            memmove(pending.data, pending.data + 3, pending.len - 3);
            pending.len -= 3;
            d->offset = 3;
        }
        while ((cut = block_end(pending.data, pending.len, eof)) > 0) {
            if (!(rc < 0 && d->sent == 0) &&
                emit_block(d, pending.data, cut) < 0) {
                rc = -1;
                eof = 1;
                break;
            }
            memmove(pending.data, pending.data + cut, pending.len - cut);
            pending.len -= cut;
            d->offset += cut;
            if (eof && pending.len == 0)
                break;
        }
        sk_check_stdout();
    }
    buf_release(&pending);
    return rc;
}

static int
tokenize_file(const char *path, const char *id)
{
    struct doc d = {id, path, 0, 0, 0, 0};
    struct stat st;
    FILE *fp;
    int rc;

    buf_reset(&doc_field);
    tsv_escape(&doc_field, id, strlen(id));
    if (strcmp(path, "-") == 0) {
        d.name = "<stdin>";
        fp = stdin;
    } else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        sk_warn("%s: is a directory; give its files (%s/*.txt) or use "
                "label-articles", path, path);
        emit_empty();
        return -1;
    } else if (!(fp = fopen(path, "rb"))) {
        sk_warn("%s: %s", path, strerror(errno));
        emit_empty();
        return -1;
    }
    rc = tokenize_stream(fp, &d);
    if (d.sent == 0)
        emit_empty();
    if (fp != stdin)
        fclose(fp);
    return rc;
}

int
main(int argc, char **argv)
{
    const char *stdin_id = "-";
    struct sk_err err;
    int opt, i, status = SK_EXIT_OK;
    char *end;

    sk_set_progname(argv[0]);
    tsv_buffer_stdout();
    while ((opt = getopt_long(argc, argv, "i:m:uh", longopts, NULL)) != -1) {
        switch (opt) {
        case 'i':
            stdin_id = optarg;
            break;
        case 'm':
            errno = 0;
            max_tokens = strtoul(optarg, &end, 10);
            if (errno || *end || !*optarg || max_tokens == 0)
                sk_usage_error("--max-tokens: '%s' is not a positive "
                               "number", optarg);
            break;
        case 'u':
            unbuffered = 1;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return sk_close_stdout();
        case 'V':
            sk_print_version();
        default:
            return sk_try_help();
        }
    }
    if (!(tk = tokenizer_new(&err)))
        sk_die(SK_EXIT_FAIL, "%s", err.msg);
    fputs("doc\tsent\ttok\tstart\tend\ttype\ttoken\tnorm\n", stdout);
    if (optind == argc && tokenize_file("-", stdin_id) < 0)
        status = SK_EXIT_FAIL;
    for (i = optind; i < argc; i++)
        if (tokenize_file(argv[i],
                          strcmp(argv[i], "-") ? argv[i] : stdin_id) < 0)
            status = SK_EXIT_FAIL;
    tokenizer_free(tk);
    text_tokens_release(&toks);
    buf_release(&line);
    buf_release(&norm);
    buf_release(&doc_field);
    if (sk_close_stdout() != SK_EXIT_OK)
        status = SK_EXIT_FAIL;
    return status;
}
