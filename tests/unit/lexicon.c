/* Unit tests for lib/lexicon: comments, headers, errors, search path. */
#include "lexicon.h"

#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

static char dir[] = "/tmp/sk-lexicon-XXXXXX";

static const char *
write_file(const char *name, const char *text)
{
    static char path[512];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    fp = fopen(path, "w");
    if (!fp)
        bail("cannot write %s", path);
    fputs(text, fp);
    fclose(fp);
    return path;
}

int
main(void)
{
    struct sk_err err;
    struct lex_reader *r;
    struct lex_search s;
    char **files, sub[600], root[600];
    size_t n;
    double v;
    const char *path;

    if (!mkdtemp(dir))
        bail("mkdtemp failed");
    plan(20);

    path = write_file("a.tsv", "# comment\n\nphrase\tvalence\n"
                               "# another\nchoke point\t-1.5\nbad\tx1\n"
                               "one\n");
    r = lex_open(path, &err);
    ok(r != NULL, "opens a lexicon");
    is_string("phrase\tvalence", lex_kind(r), "the header is the kind");
    is_int(1, lex_next(r, &err), "reads an entry past comments");
    is_string("choke point", lex_field(r, 0), "first field");
    ok(lex_number(r, 1, "valence", &v, &err) == 0 && v == -1.5,
       "a number in the C locale");
    is_int(1, lex_next(r, &err), "next entry");
    ok(lex_number(r, 1, "valence", &v, &err) < 0 &&
           strstr(err.msg, "a.tsv:6: valence 'x1' is not a number"),
       "a bad number names file and line: %s", err.msg);
    lex_next(r, &err);
    ok(lex_expect_fields(r, 2, 2, &err) < 0 &&
           strstr(err.msg, "a.tsv:7: expected 2 fields, got 1"),
       "a short line: %s", err.msg);
    is_int(0, lex_next(r, &err), "end of file");
    lex_close(r);

    path = write_file("vader.txt", "$:\t-1.5\t0.8\t[-1, -2]\n");
    r = lex_open(path, &err);
    ok(r && lex_kind(r) == NULL, "a file without a header has no kind");
    ok(lex_next(r, &err) == 1 && strcmp(lex_field(r, 0), "$:") == 0,
       "its first line is an entry");
    lex_close(r);

    path = write_file("bin.tsv", "phrase\tvalence\nx\xff\t1\n");
    r = lex_open(path, &err);
    ok(r && lex_next(r, &err) < 0 && strstr(err.msg, "bin.tsv:2: invalid UTF-8"),
       "invalid UTF-8 in a lexicon: %s", err.msg);
    lex_close(r);
    ok(lex_open("/nonexistent/x.tsv", &err) == NULL &&
           strstr(err.msg, "/nonexistent/x.tsv: "),
       "a missing file: %s", err.msg);

    /* search: bundled root, then environment, then options, in order */
    snprintf(root, sizeof(root), "%s/bundled", dir);
    mkdir(root, 0755);
    snprintf(sub, sizeof(sub), "%s/bundled/lexicons", dir);
    mkdir(sub, 0755);
    write_file("bundled/lexicons/entities.tsv", "phrase\ttype\tid\n");
    write_file("user.tsv", "phrase\ttype\tid\n");
    lex_search_init(&s, NULL, root);
    lex_search_env(&s, write_file("env.tsv", "phrase\ttype\tid\n"));
    snprintf(sub, sizeof(sub), "%s/user.tsv", dir);
    lex_search_add(&s, sub);
    ok(lex_search_files(&s, (const char *const[]){"entities.tsv"}, 1, 1,
                        &files, &n, &err) == 0 && n == 3,
       "finds bundled, environment and option files");
    ok(n == 3 && strstr(files[0], "bundled/lexicons/entities.tsv") &&
           strstr(files[1], "env.tsv") && strstr(files[2], "user.tsv"),
       "in that order");
    s.no_default = 1;
    ok(lex_search_files(&s, (const char *const[]){"entities.tsv"}, 1, 1,
                        &files, &n, &err) == 0 && n == 2,
       "--no-default-lexicons leaves the user's");
    ok(lex_search_find(&s, "entities.tsv") == NULL,
       "find looks in folders only, and there is none left");
    s.no_default = 0;
    ok(lex_search_find(&s, "entities.tsv") != NULL, "find in the bundled dir");
    lex_search_add(&s, "/nonexistent/dir");
    ok(lex_search_files(&s, (const char *const[]){"entities.tsv"}, 1, 1,
                        &files, &n, &err) < 0 &&
           strstr(err.msg, "/nonexistent/dir: no such file or directory"),
       "a missing -L/-l path is an error: %s", err.msg);
    lex_search_release(&s);
    lex_search_init(&s, NULL, "/nonexistent");
    ok(lex_search_files(&s, (const char *const[]){"entities.tsv"}, 1, 1,
                        &files, &n, &err) < 0 &&
           strstr(err.msg, "no lexicon found"),
       "nothing found at all is an error: %s", err.msg);
    lex_search_release(&s);
    snprintf(sub, sizeof(sub), "rm -rf '%s'", dir);
    if (system(sub) != 0)
        diag("could not remove %s", dir);
    return tap_done();
}
