/* SPDX-License-Identifier: MIT */
/*
 * Compiling a form module: `formc build --module` hands the generated C
 * of a form and its entry points (emit_c.h) to the system C compiler,
 * which links them into DIR/SLUG.so (formbuilder/module.h).
 */
#pragma once

/**
 * Compiles @p dir/@p slug.c and @p dir/@p slug.module.c into
 * @p dir/@p slug.so with $CC (default cc), through a temporary name
 * renamed into place, so a server watching @p dir never loads half a
 * file. @returns 0, or -1 after printing why to stderr.
 */
int
fb_module_compile(const char *dir, const char *slug);
