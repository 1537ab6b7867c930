/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder file get HASH`: a staff command that writes an uploaded
 * file (upload_store.h), named by the sha256 a payload gives, to
 * standard output. Files are never served over HTTP to the public; this,
 * run on the server with access to the files directory, is how staff
 * read one.
 */
#pragma once

#include <stdio.h>

#include "config.h"

/**
 * Runs the command with its arguments @p argv[1..] (argv[0] is "file")
 * and the configuration @p cfg (its files_dir). @returns 0, 1 when there
 * is no such file or writing fails, 2 for a usage error.
 */
int
fb_cmd_file(int argc, char **argv, const struct fb_config *cfg, FILE *out);
