#include "lexicon.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "utf8.h"

struct lex_reader {
    FILE *fp;
    char *path;
    unsigned long lineno;
    char *line;
    size_t cap;
    char **fields;
    size_t nfields, fcap;
    char *kind;
    int pending;       /* the first entry was read while looking for a header */
    char where[4096];
};

/* Splits r->line in place at TABs; drops a trailing CR/LF. */
static void
split_line(struct lex_reader *r, size_t len)
{
    char *p = r->line;

    while (len && (p[len - 1] == '\n' || p[len - 1] == '\r'))
        p[--len] = '\0';
    r->nfields = 0;
    for (;;) {
        if (r->nfields == r->fcap) {
            r->fcap = r->fcap ? r->fcap * 2 : 8;
            r->fields = xrealloc(r->fields, r->fcap * sizeof(*r->fields));
        }
        r->fields[r->nfields++] = p;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p++ = '\0';
    }
}

static int
is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    return *s == '\0';
}

/* Reads the next line that is not a comment.  1, 0 at EOF, -1 on error. */
static int
read_entry(struct lex_reader *r, struct sk_err *err)
{
    ssize_t n;
    size_t bad;

    for (;;) {
        errno = 0;
        n = getline(&r->line, &r->cap, r->fp);
        if (n < 0) {
            if (ferror(r->fp))
                return sk_fail(err, "%s: read error: %s", r->path,
                               strerror(errno));
            return 0;
        }
        r->lineno++;
        if (memchr(r->line, '\0', (size_t)n))
            return sk_fail(err, "%s:%lu: NUL byte in a lexicon line",
                           r->path, r->lineno);
        bad = utf8_invalid_at(r->line, (size_t)n);
        if (bad < (size_t)n)
            return sk_fail(err, "%s:%lu: invalid UTF-8 at byte %zu",
                           r->path, r->lineno, bad + 1);
        if (r->lineno == 1 && n >= 3 && memcmp(r->line, "\xef\xbb\xbf", 3) == 0) {
            memmove(r->line, r->line + 3, (size_t)n - 2);
            n -= 3;
        }
        if (r->line[0] == '#' || is_blank(r->line))
            continue;
        split_line(r, (size_t)n);
        return 1;
    }
}

/* A header is a line of lower-case column names: "phrase	valence". */
static int
is_header(const struct lex_reader *r)
{
    size_t i;
    const char *p;

    for (i = 0; i < r->nfields; i++) {
        if (!*r->fields[i])
            return 0;
        for (p = r->fields[i]; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
                return 0;
    }
    return 1;
}

struct lex_reader *
lex_open(const char *path, struct sk_err *err)
{
    struct lex_reader *r;
    struct buf kind = BUF_INIT;
    FILE *fp = fopen(path, "r");
    size_t i;
    int rc;

    if (!fp) {
        sk_fail(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    r = xcalloc(1, sizeof(*r));
    r->fp = fp;
    r->path = xstrdup(path);
    rc = read_entry(r, err);
    if (rc < 0) {
        lex_close(r);
        return NULL;
    }
    if (rc > 0 && is_header(r)) {
        for (i = 0; i < r->nfields; i++) {
            if (i)
                buf_addc(&kind, '\t');
            buf_adds(&kind, r->fields[i]);
        }
        r->kind = kind.data;
    } else {
        r->pending = rc > 0;
    }
    return r;
}

void
lex_close(struct lex_reader *r)
{
    if (!r)
        return;
    if (r->fp)
        fclose(r->fp);
    free(r->path);
    free(r->line);
    free(r->fields);
    free(r->kind);
    free(r);
}

const char *
lex_kind(const struct lex_reader *r)
{
    return r->kind;
}

int
lex_next(struct lex_reader *r, struct sk_err *err)
{
    if (r->pending) {
        r->pending = 0;
        return 1;
    }
    return read_entry(r, err);
}

size_t
lex_nfields(const struct lex_reader *r)
{
    return r->nfields;
}

const char *
lex_field(const struct lex_reader *r, size_t i)
{
    return i < r->nfields ? r->fields[i] : "";
}

const char *
lex_where(const struct lex_reader *r)
{
    struct lex_reader *w = (struct lex_reader *)r;

    snprintf(w->where, sizeof(w->where), "%s:%lu", r->path, r->lineno);
    return w->where;
}

const char *
lex_path(const struct lex_reader *r)
{
    return r->path;
}

unsigned long
lex_lineno(const struct lex_reader *r)
{
    return r->lineno;
}

int
lex_expect_fields(struct lex_reader *r, size_t min, size_t max,
                  struct sk_err *err)
{
    if (r->nfields >= min && (max == 0 || r->nfields <= max))
        return 0;
    if (min == max)
        return sk_fail(err, "%s: expected %zu fields, got %zu",
                       lex_where(r), min, r->nfields);
    if (max == 0)
        return sk_fail(err, "%s: expected at least %zu fields, got %zu",
                       lex_where(r), min, r->nfields);
    return sk_fail(err, "%s: expected %zu to %zu fields, got %zu",
                   lex_where(r), min, max, r->nfields);
}

int
lex_number(struct lex_reader *r, size_t i, const char *column, double *out,
           struct sk_err *err)
{
    const char *s = lex_field(r, i);
    char *end;

    /* the programs never call setlocale: strtod reads '.' decimals */
    errno = 0;
    *out = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (!*s || *end || errno || !isfinite(*out))
        return sk_fail(err, "%s: %s '%s' is not a number", lex_where(r),
                       column, s);
    return 0;
}

/* ---- where lexicons come from ------------------------------------------ */

static int
is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

static void
push(char ***v, size_t *n, char *s)
{
    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    (*v)[(*n)++] = s;
}

void
lex_search_init(struct lex_search *s, const char *exe_path,
                const char *datadir)
{
    struct buf b = BUF_INIT;
    const char *slash;

    memset(s, 0, sizeof(*s));
    /* bin/PROGRAM in a source tree: the lexicons are in ../lexicons */
    if (exe_path && (slash = strrchr(exe_path, '/'))) {
        buf_add(&b, exe_path, (size_t)(slash - exe_path));
        buf_adds(&b, "/../lexicons");
        if (is_dir(b.data) && access(b.data, R_OK) == 0) {
            s->bundled = b.data;
            return;
        }
    }
    buf_reset(&b);
    buf_adds(&b, datadir);
    buf_adds(&b, "/lexicons");
    s->bundled = b.data;
}

static void
free_list(char **v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void
lex_search_release(struct lex_search *s)
{
    free(s->bundled);
    free_list(s->env, s->nenv);
    free_list(s->opts, s->nopts);
    free_list(s->found, s->nfound);
    memset(s, 0, sizeof(*s));
}

void
lex_search_env(struct lex_search *s, const char *value)
{
    const char *p = value, *colon;

    while (p && *p) {
        colon = strchr(p, ':');
        if (!colon)
            colon = p + strlen(p);
        if (colon > p)
            push(&s->env, &s->nenv, xstrndup(p, (size_t)(colon - p)));
        p = *colon ? colon + 1 : colon;
    }
}

void
lex_search_add(struct lex_search *s, const char *path)
{
    push(&s->opts, &s->nopts, xstrdup(path));
}

/* Adds root/rel for each rel that exists under the folder root. */
static void
add_from_root(struct lex_search *s, const char *root,
              const char *const *rels, size_t nrels)
{
    struct buf b = BUF_INIT;
    size_t i;

    for (i = 0; i < nrels; i++) {
        buf_reset(&b);
        buf_adds(&b, root);
        buf_addc(&b, '/');
        buf_adds(&b, rels[i]);
        if (is_file(b.data))
            push(&s->found, &s->nfound, xstrdup(b.data));
    }
    buf_release(&b);
}

static int
add_item(struct lex_search *s, const char *item, const char *from,
         const char *const *rels, size_t nrels, struct sk_err *err)
{
    if (is_dir(item))
        add_from_root(s, item, rels, nrels);
    else if (is_file(item))
        push(&s->found, &s->nfound, xstrdup(item));
    else
        return sk_fail(err, "%s: %s (from %s)", item,
                       access(item, F_OK) ? "no such file or directory"
                                          : "cannot read it", from);
    return 0;
}

int
lex_search_files(struct lex_search *s, const char *const *rels,
                 size_t nrels, int required, char ***files, size_t *nfiles,
                 struct sk_err *err)
{
    size_t i;

    free_list(s->found, s->nfound);
    s->found = NULL;
    s->nfound = 0;
    if (!s->no_default && s->bundled)
        add_from_root(s, s->bundled, rels, nrels);
    for (i = 0; i < s->nenv; i++)
        if (add_item(s, s->env[i], "STANCEKIT_LEXICONS", rels, nrels, err))
            return -1;
    for (i = 0; i < s->nopts; i++)
        if (add_item(s, s->opts[i], "the command line", rels, nrels, err))
            return -1;
    if (required && s->nfound == 0)
        return sk_fail(err, "no lexicon found (looked for %s in %s%s); "
                            "give one with -L DIR or -l FILE",
                       rels[0], s->no_default ? "" : s->bundled,
                       s->no_default ? "the -L/-l options" : " and -L/-l");
    *files = s->found;
    *nfiles = s->nfound;
    return 0;
}

const char *
lex_search_find(struct lex_search *s, const char *rel)
{
    char **files;
    size_t n, i;
    struct sk_err err;
    const char *const rels[] = {rel};
    if (lex_search_files(s, rels, 1, 0, &files, &n, &err) < 0 || n == 0)
        return NULL;
    for (i = n; i-- > 0;) {
        size_t fl = strlen(files[i]), rl = strlen(rel);

        if (fl > rl && files[i][fl - rl - 1] == '/' &&
            strcmp(files[i] + fl - rl, rel) == 0)
            return files[i];
    }
    return NULL;
}
