/* SPDX-License-Identifier: MIT */
/*
 * `formc build` and `formc registry`: the front end, then the emitters.
 */
#pragma once

/** Runs `formc build`; @p argv[0] is "build". @returns the exit status. */
int
fb_cmd_build(int argc, char **argv);

/** Runs `formc registry`; @p argv[0] is "registry". @returns the exit
 *  status. */
int
fb_cmd_registry(int argc, char **argv);
