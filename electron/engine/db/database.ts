import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Database = DatabaseSync;

/**
 * Open (or create) the console's SQLite file through Node's built-in `node:sqlite` (no native
 * module to rebuild for Electron), in WAL mode, and bring its schema up to date. ':memory:' for tests.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Database {
  if (file !== ':memory:') prepareLocation(file);
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot open the database: ${(e as Error).message}`, { cause: e });
  }
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    migrate(db, migrations);
  } catch (e) {
    db.close();
    throw new Error(`${file}: cannot open the database: ${(e as Error).message}`, { cause: e });
  }
  return db;
}

/** A clear word for a path that cannot hold the database, before SQLite's "unable to open". */
function prepareLocation(file: string): void {
  const st = statSync(file, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new Error(`${file}: is a directory; --db names the database file (e.g. ${file.replace(/\/+$/, '')}/bridgepoint.db)`);
  if (st && !st.isFile()) throw new Error(`${file}: is not a regular file (a device, FIFO or socket); --db names the database file`);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'a part of the path is a file, not a folder' : (e as Error).message;
    throw new Error(`${file}: cannot create its folder ${dirname(file)}: ${why}`, { cause: e });
  }
}

/** Apply the steps newer than the file's version; refuses a file from a newer Bridgepoint. */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const newest = migrations.reduce((m, s) => Math.max(m, s.version), 0);
  if (current > newest) throw new Error(`schema version ${current} is newer than this Bridgepoint knows (${newest})`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
    if (step.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(step.sql);
      step.run?.(db);
      record.run(step.version, step.name, new Date().toISOString());
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw new Error(`migration ${step.version} (${step.name}) failed: ${(e as Error).message}`, { cause: e });
    }
  }
  return Math.max(current, newest);
}
