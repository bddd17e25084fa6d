import { startEngine, type Engine, type EngineOptions } from '../../../electron/engine/engine.js';
import type { CallOrigin } from '../../../electron/engine/engine-api.js';
import type { LoginResult } from '../../../shared/accounts.js';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import type { RpcReply } from '../../../shared/api/transport.js';
import type { Identity } from '../../../shared/roles.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';

export const DESK_A: CallOrigin = { source: '10.0.0.21', client: 'browser' };
export const DESK_B: CallOrigin = { source: '10.0.0.22', client: 'browser' };

/** An engine on the small inventory, no SNMP, no MCU, cheap scrypt (2^10) unless told. */
export function accountsEngine(accounts: EngineOptions['accounts'] = {}, databasePath?: string): Promise<Engine> {
  return startEngine({
    inventoryPath: writeInventory(smallInventory()),
    monitoring: false,
    mcuDriver: null,
    databasePath,
    accounts: { scryptCost: 10, demoAccounts: true, ...accounts },
  });
}

export function passwordOf(engine: Engine, user: string): string {
  const found = engine.createdAccounts.find((a) => a.user === user);
  if (!found?.password) throw new Error(`no created account ${user}`);
  return found.password;
}

export function ok<T = unknown>(reply: RpcReply): T {
  if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

export function err(reply: RpcReply): ApiErrorData {
  if (reply.ok) throw new Error(`expected an error, got ${JSON.stringify(reply.result)}`);
  return reply.error as ApiErrorData;
}

export async function login(engine: Engine, user: string, origin: CallOrigin = DESK_A): Promise<{ result: LoginResult; identity: Identity }> {
  const result = ok<LoginResult>(await engine.callAnonymous(origin, 'login', { user, password: passwordOf(engine, user) }));
  const identity = engine.authenticate(result.token, origin);
  if (!identity) throw new Error('fresh token not accepted');
  return { result, identity };
}
