#ifndef SK_LEXICON_H
#define SK_LEXICON_H

/*
 * Lexicon files: plain TSV that users edit by hand.  '#' lines and blank
 * lines are comments.  The first other line is a header naming the
 * columns when all its fields are lower-case names ("phrase	valence");
 * the header says what kind of lexicon the file is.  A file without one
 * (VADER's own lexicon) has kind NULL.
 *
 * Where lexicons come from, in load order (a later entry for the same key
 * wins): the bundled folder (the installed data dir, or lexicons/ next to
 * bin/ in a source tree) unless --no-default-lexicons; the entries of
 * STANCEKIT_LEXICONS (colon-separated files or folders); then -L DIR and
 * -l FILE options in the order given.  A folder is a lexicon root laid out
 * like the bundled one: a filter loads the files it knows by relative
 * name (entities.tsv, sentiment/vader.tsv, ...) from each root that has
 * them.  A single file is loaded whatever its name; its header says what
 * it is.
 */

#include <stddef.h>

#include "util.h"

/* ---- reading one file -------------------------------------------------- */

struct lex_reader;

/*
 * Opens path and reads up to its header.  NULL with err ("PATH: reason")
 * when the file cannot be opened or its first line is unreadable.
 */
struct lex_reader *lex_open(const char *path, struct sk_err *err);
void lex_close(struct lex_reader *r);

/* The header's column names joined by TAB, or NULL for a headerless file. */
const char *lex_kind(const struct lex_reader *r);

/*
 * Reads the next entry.  Returns 1, 0 at end of file, -1 with err
 * ("PATH:LINE: what is wrong") on a line that is not UTF-8, has a NUL,
 * or when the file cannot be read.
 */
int lex_next(struct lex_reader *r, struct sk_err *err);

/* The current entry's fields (NUL-terminated, borrowed until lex_next). */
size_t lex_nfields(const struct lex_reader *r);
const char *lex_field(const struct lex_reader *r, size_t i);

/* "PATH:LINE" of the current entry; borrowed until lex_next. */
const char *lex_where(const struct lex_reader *r);
const char *lex_path(const struct lex_reader *r);
unsigned long lex_lineno(const struct lex_reader *r);

/*
 * Checks the current entry has at least min and at most max fields
 * (max 0: no limit).  Returns 0 or -1 with "PATH:LINE: expected ...".
 */
int lex_expect_fields(struct lex_reader *r, size_t min, size_t max,
                      struct sk_err *err);

/*
 * Field i as a finite number, read in the C locale whatever the user's
 * locale.  Returns 0 or -1 with "PATH:LINE: COLUMN 'x' is not a number".
 */
int lex_number(struct lex_reader *r, size_t i, const char *column,
               double *out, struct sk_err *err);

/* ---- where lexicons come from ------------------------------------------ */

struct lex_search {
    int no_default;
    char *bundled;           /* the bundled folder, or NULL */
    char **env;              /* STANCEKIT_LEXICONS entries */
    size_t nenv;
    char **opts;             /* -L and -l, in order */
    size_t nopts;
    char **found;            /* the result of lex_search_files */
    size_t nfound;
};

/*
 * Sets up a search.  exe_path is the running program's path (for a
 * source tree, lexicons/ beside bin/); datadir the installed folder.
 */
void lex_search_init(struct lex_search *s, const char *exe_path,
                     const char *datadir);
void lex_search_release(struct lex_search *s);

/* STANCEKIT_LEXICONS's value (may be NULL or empty). */
void lex_search_env(struct lex_search *s, const char *value);

/* A -L DIR or -l FILE option. */
void lex_search_add(struct lex_search *s, const char *path);

/*
 * The files to load, in order: for each folder, the names in rels (paths
 * relative to a lexicon root) that exist there; each single file as is.
 * A -L or -l path that does not exist is an error; so is finding no file
 * at all when required is set ("no lexicon found; ...").  The array is
 * owned by s and lives until the next call or lex_search_release.
 */
int lex_search_files(struct lex_search *s, const char *const *rels,
                     size_t nrels, int required, char ***files,
                     size_t *nfiles, struct sk_err *err);

/*
 * The last existing root/rel over all folders (the user's wins), or NULL.
 * Owned by s.
 */
const char *lex_search_find(struct lex_search *s, const char *rel);

#endif
