#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *progname = "stancekit";
static const char *argv0_seen;

void
sk_set_progname(const char *argv0)
{
    const char *slash;

    if (!argv0 || !*argv0)
        return;
    argv0_seen = argv0;
    slash = strrchr(argv0, '/');
    progname = slash ? slash + 1 : argv0;
}

const char *
sk_exe_path(void)
{
    static char path[4096];
    ssize_t n;

    if (!path[0]) {
        n = readlink("/proc/self/exe", path, sizeof(path) - 1);
        if (n > 0)
            path[n] = '\0';
        else
            snprintf(path, sizeof(path), "%s", argv0_seen ? argv0_seen : "");
    }
    return path;
}

const char *
sk_progname(void)
{
    return progname;
}

static void
vwarn(const char *fmt, va_list ap)
{
    fflush(stdout);
    fprintf(stderr, "%s: ", progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void
sk_warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
}

void
sk_die(int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
    exit(status);
}

int
sk_try_help(void)
{
    fprintf(stderr, "Try '%s --help' for more information.\n", progname);
    return SK_EXIT_USAGE;
}

void
sk_usage_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
    exit(sk_try_help());
}

void
sk_print_version(void)
{
    printf("%s (stancekit) %s\n", progname, SK_VERSION);
    exit(sk_close_stdout());
}

int
sk_close_stdout(void)
{
    int failed = fflush(stdout) != 0 || ferror(stdout);
    int saved = errno;

    if (fclose(stdout) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        sk_warn("write error: %s", saved ? strerror(saved) : "unknown error");
        return SK_EXIT_FAIL;
    }
    return SK_EXIT_OK;
}

void
sk_check_stdout(void)
{
    if (ferror(stdout))
        sk_die(SK_EXIT_FAIL, "write error: %s",
               errno ? strerror(errno) : "unknown error");
}

static void *
oom(size_t size)
{
    sk_die(SK_EXIT_FAIL, "out of memory (allocating %zu bytes)", size);
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    return p ? p : oom(size);
}

void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    return p ? p : oom(n * size);
}

void *
xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);

    return q ? q : oom(size);
}

char *
xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

int
sk_fail(struct sk_err *err, const char *fmt, ...)
{
    va_list ap;

    if (err) {
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
    }
    return -1;
}
