# stancekit: one non-recursive GNU Makefile.
# User variables (CC, CFLAGS, CPPFLAGS, LDFLAGS, LDLIBS, PREFIX, DESTDIR...) are
# never overwritten; project flags live in SK_* variables appended to them.

VERSION     = 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share/stancekit
CC         ?= cc
CFLAGS     ?= -O2 -g
AR         ?= ar
PKG_CONFIG ?= pkg-config
PROVE      ?= prove

ifeq ($(SANITIZE),1)
CFLAGS     += -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=undefined
LDFLAGS    += -fsanitize=address,undefined
endif

# Dependencies.  libstemmer ships no .pc file on Debian: header and -l only.
ICU_CFLAGS     ?= $(shell $(PKG_CONFIG) --cflags icu-uc icu-i18n 2>/dev/null)
ICU_LIBS       ?= $(shell $(PKG_CONFIG) --libs icu-uc icu-i18n 2>/dev/null)
PCRE2_CFLAGS   ?= $(shell $(PKG_CONFIG) --cflags libpcre2-8 2>/dev/null)
PCRE2_LIBS     ?= $(shell $(PKG_CONFIG) --libs libpcre2-8 2>/dev/null)
STEMMER_CFLAGS ?=
STEMMER_LIBS   ?= -lstemmer

SK_CPPFLAGS = -Ilib -DSK_VERSION='"$(VERSION)"' -DSK_DATADIR='"$(DATADIR)"' \
              -DPCRE2_CODE_UNIT_WIDTH=8 \
              $(ICU_CFLAGS) $(PCRE2_CFLAGS) $(STEMMER_CFLAGS)
SK_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra
ifeq ($(DEVELOPER),1)
SK_CFLAGS  += -Wpedantic -Wshadow -Wmissing-prototypes -Werror
endif
SK_LIBS     = $(ICU_LIBS) $(PCRE2_LIBS) $(STEMMER_LIBS) -lm

ALL_CPPFLAGS = $(SK_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = $(SK_CFLAGS) $(CFLAGS)

LIB_SRC   = $(sort $(wildcard lib/*.c))
LIB_OBJ   = $(LIB_SRC:.c=.o)
LIB       = lib/libstancekit.a
PROGS     = $(patsubst filters/%.c,bin/%,$(sort $(wildcard filters/*.c)))
MANPAGES  = $(sort $(wildcard filters/*.1 scripts/*.1))
UNIT_SRC  = $(sort $(wildcard tests/unit/*.c))
UNIT_T    = $(UNIT_SRC:.c=.t)
HEADERS   = $(wildcard lib/*.h) tests/tap.h
LEXICONS  = $(shell find lexicons -type f 2>/dev/null | sort)
SCRIPTS   = scripts/label-articles

ifneq ($(V),1)
QUIET_CC = @echo '   CC     ' $@;
QUIET_AR = @echo '   AR     ' $@;
QUIET_LD = @echo '   LINK   ' $@;
endif

.PHONY: all units check test install uninstall clean bench demo deps lint fmt fuzz fuzz-smoke

all: deps-ok $(LIB) $(PROGS)

# One line naming what is missing and how to install it, instead of a
# cascade of compiler errors.
.PHONY: deps-ok
deps-ok:
	@scripts/check-deps

# Rebuild when the flags change (a new PREFIX changes the compiled-in
# DATADIR), as git does with GIT-CFLAGS.
BUILD_FLAGS = $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) $(SK_LIBS)
.build-flags: FORCE
	@echo '$(subst ','\'',$(BUILD_FLAGS))' | cmp -s - $@ || \
		echo '$(subst ','\'',$(BUILD_FLAGS))' >$@

.PHONY: FORCE
FORCE:

lib/%.o: lib/%.c $(HEADERS) .build-flags
	$(QUIET_CC)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	$(QUIET_AR)rm -f $@ && $(AR) rcs $@ $(LIB_OBJ)

bin/%: filters/%.c $(LIB) $(HEADERS) .build-flags
	@mkdir -p bin
	$(QUIET_LD)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(SK_LIBS) $(LDLIBS)

tests/unit/%.t: tests/unit/%.c $(LIB) $(HEADERS) .build-flags
	$(QUIET_LD)$(CC) $(ALL_CPPFLAGS) -Itests $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(SK_LIBS) $(LDLIBS)

# VALGRIND=1 (or a valgrind command): tests/tap.sh runs every program of
# the shell tests under memcheck; the unit tests run under it here.  Any
# error or leak makes the test exit 99, which prove reports as failed.
VALGRIND_OPTS = -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect \
	--show-leak-kinds=definite,indirect --suppressions=tests/valgrind.supp
VALGRIND_CMD = $(if $(filter 1 yes,$(VALGRIND)),valgrind,$(VALGRIND))
VALGRIND_RUN = $(if $(filter-out 0,$(VALGRIND)),$(VALGRIND_CMD) $(VALGRIND_OPTS))

# check and demo set up what is missing first, so that they work on a
# fresh machine; a plain 'make' only says what is missing.
check test:
	@scripts/install-deps
	@$(MAKE) --no-print-directory all units
	LC_ALL=C $(PROVE) $(PROVE_OPTS) tests/*.t $(if $(VALGRIND_RUN),,tests/unit/*.t)
ifneq ($(VALGRIND_RUN),)
	LC_ALL=C $(PROVE) $(PROVE_OPTS) --exec '$(VALGRIND_RUN)' tests/unit/*.t
endif

units: $(UNIT_T)

demo:
	@scripts/install-deps
	@$(MAKE) --no-print-directory all
	scripts/demo

bench: all
	scripts/bench

# libFuzzer targets (clang): fuzz/*.c, built against a clang build of lib/.
fuzz:
	scripts/fuzz build

fuzz-smoke:
	scripts/fuzz smoke

deps:
	scripts/install-deps

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	for s in $(SCRIPTS); do [ ! -f $$s ] || install -m 755 $$s $(DESTDIR)$(BINDIR); done
	install -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man1
	for f in $(LEXICONS); do \
		d=$(DESTDIR)$(DATADIR)/$$(dirname $$f); install -d $$d && install -m 644 $$f $$d; \
	done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGS) $(SCRIPTS)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MANPAGES)))
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -f lib/*.o $(LIB) tests/unit/*.t .build-flags
	rm -rf bin

lint:
	clang-format --dry-run --Werror lib/*.[ch] filters/*.c tests/unit/*.c tests/tap.h

fmt:
	clang-format -i lib/*.[ch] filters/*.c tests/unit/*.c tests/tap.h
