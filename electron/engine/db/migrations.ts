/**
 * The database schema as numbered steps. A step is never edited once released: change the
 * schema by adding a step. Each runs once, in order, inside a transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit log',
    sql: `
      CREATE TABLE audit (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,            -- ISO 8601, UTC
        user    TEXT NOT NULL,
        role    TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT NOT NULL,
        params  TEXT NOT NULL,            -- the request as JSON
        result  TEXT NOT NULL CHECK (result IN ('ok', 'failed')),
        error   TEXT
      );
      CREATE INDEX audit_at ON audit (at);
    `,
  },
];
