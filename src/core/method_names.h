/*
 * method_names.h — turning a method name given in SQL into an enum value.
 *
 * Every function with a `method text` argument keeps a table of names indexed
 * by its enum; an unknown name fails with GS_ERR_PARAM and a hint listing the
 * valid ones, so a typo is answered with the menu.
 */
#ifndef GS_METHOD_NAMES_H
#define GS_METHOD_NAMES_H

#include "gs_error.h"

/*
 * Finds `name` (exact, case-sensitive) among names[0..count-1] and stores its
 * index.  `kind` names the argument in the error ("interpolation method").
 */
gs_status	gs_method_lookup(const char *name, const char *const *names, int count,
							 const char *kind, int *index, gs_error *err);

#endif
