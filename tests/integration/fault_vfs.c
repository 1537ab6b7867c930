/* SPDX-License-Identifier: MIT */
/*
 * A test-only SQLite VFS that makes writes fail, linked into the
 * `formbuilder-faults` program the integration tests run and into nothing
 * that is installed, so production can never turn it on. When
 * FB_TEST_FAIL_WRITES is set, a constructor wraps the default VFS: writes
 * to the database, its WAL and its journal then fail with SQLITE_FULL
 * ("full", a full volume) or SQLITE_IOERR_WRITE and SQLITE_IOERR_FSYNC
 * ("ioerr"), always or, with ":while=PATH", only while PATH exists, so a
 * test can start the server healthy, break the disk and mend it. With
 * "readerr" reads fail instead (SQLITE_IOERR_READ) and writes work.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "log.h"

enum fault { FAULT_FULL, FAULT_IOERR, FAULT_READ };

static enum fault fault;
static char while_path[4096];   /* "" : always */
static sqlite3_vfs *real_vfs;

/* Our file: the methods pointer SQLite sees, what kind of file it is,
 * then the real VFS's file, which needs szOsFile bytes. */
struct fault_file {
    sqlite3_file base;
    bool faulty;                /* database, WAL or journal */
    sqlite3_file *real;         /* points just past this struct */
};

static bool
failing(const struct fault_file *f)
{
    return f->faulty && (!while_path[0] || access(while_path, F_OK) == 0);
}

static sqlite3_file *
real_of(sqlite3_file *f)
{
    return ((struct fault_file *)f)->real;
}

static int
f_close(sqlite3_file *f)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
}

static int
f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    if (fault == FAULT_READ && failing((struct fault_file *)f))
        return SQLITE_IOERR_READ;
    sqlite3_file *r = real_of(f);
    return r->pMethods->xRead(r, buf, n, off);
}

static int
f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    if (fault != FAULT_READ && failing((struct fault_file *)f))
        return fault == FAULT_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    sqlite3_file *r = real_of(f);
    return r->pMethods->xWrite(r, buf, n, off);
}

static int
f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xTruncate(r, size);
}

static int
f_sync(sqlite3_file *f, int flags)
{
    if (fault == FAULT_IOERR && failing((struct fault_file *)f))
        return SQLITE_IOERR_FSYNC;
    sqlite3_file *r = real_of(f);
    return r->pMethods->xSync(r, flags);
}

static int
f_file_size(sqlite3_file *f, sqlite3_int64 *out)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xFileSize(r, out);
}

static int
f_lock(sqlite3_file *f, int level)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xLock(r, level);
}

static int
f_unlock(sqlite3_file *f, int level)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xUnlock(r, level);
}

static int
f_check_reserved(sqlite3_file *f, int *out)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xCheckReservedLock(r, out);
}

static int
f_file_control(sqlite3_file *f, int op, void *arg)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xFileControl(r, op, arg);
}

static int
f_sector_size(sqlite3_file *f)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xSectorSize(r);
}

static int
f_device_characteristics(sqlite3_file *f)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xDeviceCharacteristics(r);
}

static int
f_shm_map(sqlite3_file *f, int page, int size, int extend,
          void volatile **out)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xShmMap(r, page, size, extend, out);
}

static int
f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xShmLock(r, offset, n, flags);
}

static void
f_shm_barrier(sqlite3_file *f)
{
    sqlite3_file *r = real_of(f);
    r->pMethods->xShmBarrier(r);
}

static int
f_shm_unmap(sqlite3_file *f, int delete_flag)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xShmUnmap(r, delete_flag);
}

static int
f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xFetch(r, off, n, out);
}

static int
f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xUnfetch(r, off, p);
}

static const sqlite3_io_methods fault_io = {
    .iVersion = 3,
    .xClose = f_close,
    .xRead = f_read,
    .xWrite = f_write,
    .xTruncate = f_truncate,
    .xSync = f_sync,
    .xFileSize = f_file_size,
    .xLock = f_lock,
    .xUnlock = f_unlock,
    .xCheckReservedLock = f_check_reserved,
    .xFileControl = f_file_control,
    .xSectorSize = f_sector_size,
    .xDeviceCharacteristics = f_device_characteristics,
    .xShmMap = f_shm_map,
    .xShmLock = f_shm_lock,
    .xShmBarrier = f_shm_barrier,
    .xShmUnmap = f_shm_unmap,
    .xFetch = f_fetch,
    .xUnfetch = f_unfetch,
};

static int
v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
       int *out_flags)
{
    (void)vfs;
    struct fault_file *f = (struct fault_file *)file;
    f->real = (sqlite3_file *)(f + 1);
    f->faulty = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL
                          | SQLITE_OPEN_MAIN_JOURNAL)) != 0;
    int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
    /* SQLite calls xClose only when pMethods is set. The real methods
     * must be version 3 (WAL needs the shm calls), as unix's are. */
    f->base.pMethods = f->real->pMethods ? &fault_io : NULL;
    return rc;
}

static int
v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int
v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *
v_dl_open(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return real_vfs->xDlOpen(real_vfs, name);
}

static void
v_dl_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    real_vfs->xDlError(real_vfs, n, out);
}

static void (*v_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    (void)vfs;
    return real_vfs->xDlSym(real_vfs, h, sym);
}

static void
v_dl_close(sqlite3_vfs *vfs, void *h)
{
    (void)vfs;
    real_vfs->xDlClose(real_vfs, h);
}

static int
v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int
v_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return real_vfs->xSleep(real_vfs, us);
}

static int
v_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return real_vfs->xCurrentTime(real_vfs, out);
}

static int
v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return real_vfs->xGetLastError(real_vfs, n, out);
}

static int
v_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs fault_vfs = {
    .iVersion = 2,
    .zName = "fb-test-faults",
    .xOpen = v_open,
    .xDelete = v_delete,
    .xAccess = v_access,
    .xFullPathname = v_full_pathname,
    .xDlOpen = v_dl_open,
    .xDlError = v_dl_error,
    .xDlSym = v_dl_sym,
    .xDlClose = v_dl_close,
    .xRandomness = v_randomness,
    .xSleep = v_sleep,
    .xCurrentTime = v_current_time,
    .xGetLastError = v_last_error,
    .xCurrentTimeInt64 = v_current_time64,
};

/* "full" or "ioerr", then optionally ":while=PATH". */
static bool
parse(const char *spec)
{
    const char *colon = strchr(spec, ':');
    size_t kind = colon ? (size_t)(colon - spec) : strlen(spec);
    if (kind == 4 && strncmp(spec, "full", 4) == 0)
        fault = FAULT_FULL;
    else if (kind == 5 && strncmp(spec, "ioerr", 5) == 0)
        fault = FAULT_IOERR;
    else if (kind == 7 && strncmp(spec, "readerr", 7) == 0)
        fault = FAULT_READ;
    else
        return false;
    if (!colon)
        return true;
    static const char key[] = "while=";
    const char *path = colon + 1;
    if (strncmp(path, key, sizeof key - 1) != 0)
        return false;
    path += sizeof key - 1;
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof while_path)
        return false;
    memcpy(while_path, path, n + 1);
    return true;
}

/* Runs before main(): registers the faulty VFS as the default, so every
 * connection the server opens uses it. */
__attribute__((constructor)) static void
install(void)
{
    const char *spec = getenv("FB_TEST_FAIL_WRITES");
    if (!spec)
        return;
    if (!parse(spec)) {
        fprintf(stderr, "FB_TEST_FAIL_WRITES: '%s' is not full, ioerr or "
                "readerr, optionally followed by :while=PATH\n", spec);
        _exit(2);
    }
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs || real_vfs->iVersion < 2) {
        fprintf(stderr, "FB_TEST_FAIL_WRITES: no usable default VFS\n");
        _exit(2);
    }
    fault_vfs.szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile;
    fault_vfs.mxPathname = real_vfs->mxPathname;
    if (sqlite3_vfs_register(&fault_vfs, 1) != SQLITE_OK) {
        fprintf(stderr, "FB_TEST_FAIL_WRITES: cannot register the VFS\n");
        _exit(2);
    }
    fb_log(FB_LOG_WARN, "test build: database %s fail with %s%s%s",
           fault == FAULT_READ ? "reads" : "writes",
           fault == FAULT_FULL ? "SQLITE_FULL" : "SQLITE_IOERR",
           while_path[0] ? " while this file exists: " : "", while_path);
}
