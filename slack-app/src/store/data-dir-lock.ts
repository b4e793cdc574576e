import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * PGlite takes no lock on its data directory: two processes can open the same one and both write to it
 * (checked with 0.5.14), which PostgreSQL's storage is not built for. An exclusive lock file holding our pid
 * keeps a second process out; a lock left by a process that died is taken over.
 */
const LOCK_FILE = 'pglite.lock';

/** Locks held by this process, so a lock file naming our own pid (a restarted container is pid 1 again) is stale. */
const heldHere = new Set<string>();

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = resolve(dataDir, LOCK_FILE);
  if (!tryCreate(path)) {
    const owner = readOwner(path);
    if (owner !== undefined && isAlive(owner) && (owner !== process.pid || heldHere.has(path))) {
      throw new Error(`data directory ${dataDir} is in use by process ${owner}`);
    }
    // Not airtight: two processes that find the same stale lock at the same instant can both take it over.
    // That needs a crash followed by two simultaneous starts; a lock that never goes stale is worse.
    rmSync(path, { force: true });
    if (!tryCreate(path)) throw new Error(`data directory ${dataDir} is in use by another process`);
  }
  heldHere.add(path);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      rmSync(path, { force: true });
    },
  };
}

/** Creates the lock file with our pid already in it: link() is atomic, so nobody ever sees it empty. */
function tryCreate(path: string): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, String(process.pid));
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
