/* Debian's reference LAPACK 3.11 (liblapack3 + libblas3) for the conformance programs,
 * loaded by full path (installing OpenBLAS switches the liblapack.so.3 alternative),
 * in every precision. Reference xerbla_ prints and stops the program on a bad argument,
 * so this one counts instead: the program exports only it to the library
 * (xerbla.list), never forklu's names, so the reference's zgesv_ calls its own zgetrf_.
 * Included like t_prec.h: the common part once, the rest per T_PREC (after t_prec.h). */

#ifndef FORKLU_T_REF_COMMON
#define FORKLU_T_REF_COMMON
#include <dlfcn.h>
#include "t_prec.h"

static void *t_ref_lapack;
static int t_xerbla_calls;

void xerbla_(const char *name, const int *info, size_t len) {
    (void)name; (void)info; (void)len;
    t_xerbla_calls++;
}

/* Loads the reference libraries; exits when they are missing. */
static void t_ref_open(void) {
    dlerror();
    void *blas = dlopen("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3", RTLD_NOW | RTLD_GLOBAL);
    t_ref_lapack = blas ? dlopen("/usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3", RTLD_NOW | RTLD_GLOBAL) : NULL;
    if (!t_ref_lapack) {
        t_error("reference LAPACK not loadable (%s): install liblapack3 libblas3\n", dlerror());
        exit(1);
    }
}

static void *t_ref_sym(const char *sym) {
    void *p = dlsym(t_ref_lapack, sym);
    if (!p) { t_error("reference LAPACK lacks %s\n", sym); exit(1); }
    return p;
}
#endif /* FORKLU_T_REF_COMMON */

#ifdef T_PREC
/* The reference's routines in this precision (LP64; getrs_ with the hidden length of
 * trans that gfortran passes). */
static void (*T_F(ref_getrf))(const int *, const int *, T_elem *, const int *, int *, int *);
static void (*T_F(ref_getrs))(const char *, const int *, const int *, const T_elem *, const int *, const int *,
                              T_elem *, const int *, int *, size_t);
static void (*T_F(ref_gesv))(const int *, const int *, T_elem *, const int *, int *, T_elem *, const int *, int *);
static void (*T_F(ref_getri))(const int *, T_elem *, const int *, const int *, T_elem *, const int *, int *);

static void T_F(ref_load)(void) {
    *(void **)&T_F(ref_getrf) = t_ref_sym(T_NAME "getrf_");
    *(void **)&T_F(ref_getrs) = t_ref_sym(T_NAME "getrs_");
    *(void **)&T_F(ref_gesv) = t_ref_sym(T_NAME "gesv_");
    *(void **)&T_F(ref_getri) = t_ref_sym(T_NAME "getri_");
}
#endif /* T_PREC */
