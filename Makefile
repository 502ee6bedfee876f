# geospectra — PostgreSQL extension (PGXS).  See README.md and
# ../shared/design/BUILD-NOTES.md for the recipe this follows.

# The versioned pg_config, not Debian's /usr/bin wrapper, which silently
# follows whichever PostgreSQL major is newest on the machine.
PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config

EXTVERSION = 0.1
MODULE_big = geospectra
MODULEDIR = extension

# One concept per file: every .c under these folders is part of the library.
LIB_SRCS := $(sort $(wildcard src/core/*.c src/io/*.c src/model/*.c))
PG_SRCS := $(sort $(wildcard src/pg/*.c))
OBJS = $(LIB_SRCS:.c=.o) $(PG_SRCS:.c=.o)

# The install script is assembled from one file per area, in name order.
SQL_PARTS := $(sort $(wildcard sql/src/*.sql))
DATA_built = sql/geospectra--$(EXTVERSION).sql
DATA = control/geospectra.control $(wildcard sql/geospectra--*--*.sql)

PG_CPPFLAGS = -Isrc/core -Isrc/io -Isrc/model -Isrc/pg -Icuda
# After PGXS's -O2: the loops of src/core gain 4 % at -O3 (scripts/bench_preprocess),
# with the same results (no -ffast-math, no FMA without -march).
PG_CFLAGS = -O3
SHLIB_LINK = -lfftw3 -lm -ldl

REGRESS = $(sort $(basename $(notdir $(wildcard test/sql/*.sql))))
REGRESS_OPTS = --inputdir=test --load-extension=geospectra

EXTRA_CLEAN = build test/results test/regression.diffs test/regression.out tmp_check \
	cuda/libgeospectra_cuda.so src/bin/gs-load

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

sql/geospectra--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $^ > $@

# src/core is plain C without server headers.  It keeps the compiler's own
# alias analysis and signed-overflow rules, which PostgreSQL's flags turn off
# for server code (-fno-strict-aliasing -fwrapv; the unit tests run src/core
# under UBSan, and gs-load and the benchmarks build it with the defaults),
# and its symbols stay inside the module, so that calls between them need no
# PLT.  Together 6 % of the standardization chain (scripts/bench_preprocess).
CORE_OBJS = $(patsubst %.c,%.o,$(wildcard src/core/*.c))
$(CORE_OBJS): CFLAGS += -fstrict-aliasing -fno-wrapv -fvisibility=hidden

# PGXS tracks no header dependencies: rebuild every object when any header
# changes, so a struct change can never leave a stale object behind.
$(OBJS): $(wildcard src/*/*.h cuda/*.h)

# ---------------------------------------------------------------------------
# CUDA: optional.  Built only when nvcc exists (`make NVCC=` skips it); the
# extension itself never links CUDA and dlopens this library on demand.
CUDA_HOME ?= /usr/local/cuda
NVCC ?= $(wildcard $(CUDA_HOME)/bin/nvcc)
CUDA_ARCH ?= -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90
CUDA_SRCS := $(sort $(wildcard cuda/*.cu))
ifneq ($(NVCC),)
CUDA_LIB = cuda/libgeospectra_cuda.so
endif

all: $(CUDA_LIB)

cuda/libgeospectra_cuda.so: $(CUDA_SRCS) $(wildcard cuda/*.h cuda/*.cuh)
	$(NVCC) -O2 -std=c++17 -shared -Xcompiler -fPIC -Xcompiler -fvisibility=hidden $(CUDA_ARCH) \
		-Isrc/core -Isrc/model -o $@ $(CUDA_SRCS) \
		-L$(CUDA_HOME)/lib64 -lcudnn -lcublas -lnccl -Xlinker -rpath=$(CUDA_HOME)/lib64

install: install-cuda
install-cuda: $(CUDA_LIB)
ifneq ($(CUDA_LIB),)
	$(INSTALL_SHLIB) $(CUDA_LIB) '$(DESTDIR)$(pkglibdir)/libgeospectra_cuda.so'
endif
uninstall: uninstall-cuda
uninstall-cuda:
	rm -f '$(DESTDIR)$(pkglibdir)/libgeospectra_cuda.so'

# ---------------------------------------------------------------------------
# gs-load, the command-line loader (src/bin, docs/loading.md): a libpq client.
# PGXS builds a module or a PROGRAM from one OBJS list, not both, so it has
# its own rules.  src/core and src/io are compiled again without server
# headers into an archive (the linker takes only what the loader uses: no
# FFTW); libpgcommon and libpgport supply the core's float formatting.
GS_LOAD = src/bin/gs-load
GS_LOAD_DIR = build/bin
GS_LOAD_CFLAGS = -std=gnu11 -O3 -g -pthread -Wall -Wextra -Wno-unused-parameter \
	-Isrc/core -Isrc/io -I$(shell $(PG_CONFIG) --includedir)
GS_LOAD_LIB_OBJS = $(patsubst %.c,$(GS_LOAD_DIR)/%.o,$(sort $(wildcard src/core/*.c src/io/*.c)))
GS_LOAD_OBJS = $(patsubst %.c,$(GS_LOAD_DIR)/%.o,$(sort $(wildcard src/bin/*.c)))

all: $(GS_LOAD)

$(GS_LOAD_DIR)/%.o: %.c $(wildcard src/core/*.h src/io/*.h src/bin/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(GS_LOAD_CFLAGS) -c -o $@ $<

$(GS_LOAD_DIR)/libgs.a: $(GS_LOAD_LIB_OBJS)
	rm -f $@ && $(AR) rcs $@ $^

$(GS_LOAD): $(GS_LOAD_OBJS) $(GS_LOAD_DIR)/libgs.a
	$(CC) $(GS_LOAD_CFLAGS) -o $@ $^ -L$(shell $(PG_CONFIG) --libdir) -lpq $(UNIT_PGLIBS) -lm

install: install-gs-load
install-gs-load: $(GS_LOAD)
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_PROGRAM) $(GS_LOAD) '$(DESTDIR)$(bindir)/gs-load'
uninstall: uninstall-gs-load
uninstall-gs-load:
	rm -f '$(DESTDIR)$(bindir)/gs-load'

# ---------------------------------------------------------------------------
# C unit tests of src/core, src/io and src/model: no server, no PostgreSQL
# headers.  `make unittest SANITIZE=1` builds them with ASan and UBSan.
PG_PKGLIBDIR := $(shell $(PG_CONFIG) --pkglibdir)
UNIT_PGLIBS = $(PG_PKGLIBDIR)/libpgcommon.a $(PG_PKGLIBDIR)/libpgport.a
SANITIZE ?=
comma := ,
UNIT_SAN = $(if $(SANITIZE),-fsanitize=address$(comma)undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
UNIT_CFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter $(UNIT_SAN) \
	-Isrc/core -Isrc/io -Isrc/model -Itest/unit -Ibuild/unit
UNIT_DIR = build/unit$(if $(SANITIZE),-san)
UNIT_TEST_SRCS := $(sort $(wildcard test/unit/test_*.c))
UNIT_OBJS = $(patsubst %.c,$(UNIT_DIR)/%.o,$(LIB_SRCS) $(UNIT_TEST_SRCS) test/unit/unit_main.c)

$(UNIT_DIR)/%.o: %.c $(wildcard src/*/*.h) test/unit/gs_test.h build/unit/tests.h
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -c -o $@ $<

build/unit/tests.h: $(UNIT_TEST_SRCS)
	@mkdir -p $(dir $@)
	sed -n 's/^GS_TEST(\([a-z0-9_]*\)).*/T(\1)/p' $^ > $@

$(UNIT_DIR)/unit_tests: $(UNIT_OBJS)
	$(CC) $(UNIT_CFLAGS) -o $@ $^ $(UNIT_PGLIBS) -lfftw3 -lm

unittest: $(UNIT_DIR)/unit_tests
	GEOSPECTRA_SRCDIR=$(CURDIR) $(UNIT_DIR)/unit_tests

print-regress:
	@echo $(REGRESS)

.PHONY: install-cuda uninstall-cuda install-gs-load uninstall-gs-load unittest print-regress
