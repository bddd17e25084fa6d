import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DatabaseSync } from 'node:sqlite';
import { parseHeads, verifyChain, type ChainHead, type VerifyResult } from './audit-chain.js';

export const AUDIT_USAGE = `bridgepoint audit verify --db FILE [--head-file FILE]
          walk the audit log's hash chain: exit 0 when intact, 1 with the first broken entry
          --head-file FILE  the chain heads exported with --audit-head-file (or saved from the
                            syslog collector as "id hash" lines): detects a cut-off tail`;

export class AuditUsageError extends Error {}

export interface AuditVerifyArgs {
  readonly db: string;
  readonly headFile: string | null;
}

export function parseAuditArgs(args: readonly string[]): AuditVerifyArgs {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new AuditUsageError(sub === undefined ? 'audit needs a subcommand: verify' : `unknown audit subcommand "${sub}" (try: audit verify --db FILE)`);
  let values;
  try {
    ({ values } = parseArgs({ args: [...rest], options: { db: { type: 'string' }, 'head-file': { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new AuditUsageError((e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
  if (!values.db) throw new AuditUsageError('audit verify needs --db FILE');
  return { db: values.db, headFile: values['head-file'] ?? null };
}

/**
 * Verify a database file without changing it (opened read-only, never migrated): every hash,
 * every link, and the exported heads when given. Throws with a clear message when the file
 * cannot be read or has no chain.
 */
export function verifyFile(args: AuditVerifyArgs): VerifyResult {
  if (!existsSync(args.db)) throw new Error(`${args.db}: no such file`);
  let heads: ChainHead[] = [];
  if (args.headFile !== null) {
    let text: string;
    try {
      text = readFileSync(args.headFile, 'utf8');
    } catch (e) {
      throw new Error(`${args.headFile}: cannot read the head file: ${(e as Error).message}`, { cause: e });
    }
    heads = parseHeads(text, args.headFile);
  }
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(args.db, { readOnly: true });
  } catch (e) {
    throw new Error(`${args.db}: cannot open the database: ${(e as Error).message}`, { cause: e });
  }
  try {
    const cols = (db.prepare("SELECT name FROM pragma_table_info('audit')").all() as { name: string }[]).map((c) => c.name);
    if (cols.length === 0) throw new Error(`${args.db}: not a Bridgepoint database (no audit table)`);
    if (!cols.includes('hash')) throw new Error(`${args.db}: the audit log has no hash chain yet (start this Bridgepoint on it once to chain it)`);
    return verifyChain(db, heads);
  } finally {
    db.close();
  }
}

/** The command: prints the verdict; resolves with the exit code (0 intact, 1 broken or unreadable, 2 usage). */
export function auditCommand(args: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  let parsed: AuditVerifyArgs;
  try {
    parsed = parseAuditArgs(args);
  } catch (e) {
    err(`bridgepoint: ${(e as Error).message}\n${AUDIT_USAGE}`);
    return 2;
  }
  let r: VerifyResult;
  try {
    r = verifyFile(parsed);
  } catch (e) {
    err(`bridgepoint: audit verify: ${(e as Error).message}`);
    return 1;
  }
  if (!r.ok) {
    err(`bridgepoint: audit verify: BROKEN: ${r.message} (${r.intact} ${r.intact === 1 ? 'entry' : 'entries'} checked good before it)`);
    return 1;
  }
  const head = r.head ? `; head #${r.head.id} ${r.head.hash}` : '';
  const checked = parsed.headFile ? `, ${r.checkedHeads} exported heads match` : ' (no head file given: a cut-off tail cannot be detected)';
  out(`audit log intact: ${r.entries} entries${head}${checked}`);
  return 0;
}
