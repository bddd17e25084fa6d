import { isIPv4, isIPv6 } from 'node:net';
import { STANDARD_TRAPS } from '../../shared/device-profile.js';
import type { Endpoint } from '../../shared/inventory.js';
import { snmpUser } from './codec-agent.js';
import { snmp, type TrapSession } from './snmp-lib.js';
import type { PlannedTrap } from './trap-plan.js';

/**
 * Sends the codecs' notifications to the engine's trap port: v1 or v2c traps with the endpoint's
 * community, v3 traps as the endpoint's user with the agent's own engine ID (the sender of a trap
 * is the authoritative engine). One session per community, one per v3 endpoint. Traps are paced
 * (a few thousand coldStarts at start would overflow the receiver's socket buffer).
 */

export interface TrapTarget {
  readonly host: string;
  readonly port: number;
}

export interface TrapSender {
  send(endpoint: Endpoint, engineId: string, upTimeTicks: number, trap: PlannedTrap): void;
  /** Resolves when everything queued has been handed to the socket. */
  drained(): Promise<void>;
  stats(): { readonly sent: number; readonly failed: number };
  close(): void;
}

const PER_BURST = 100;
const BURST_GAP_MS = 10;

const V1_GENERIC: Readonly<Record<string, number>> = {
  [STANDARD_TRAPS.coldStart]: snmp.TrapType.ColdStart,
  [STANDARD_TRAPS.linkDown]: snmp.TrapType.LinkDown,
  [STANDARD_TRAPS.linkUp]: snmp.TrapType.LinkUp,
};

export function createTrapSender(target: TrapTarget): TrapSender {
  const sessions = new Map<string, TrapSession>();
  const queue: (() => void)[] = [];
  let timer: NodeJS.Timeout | null = null;
  let waiters: (() => void)[] = [];
  let sent = 0;
  let failed = 0;
  let closed = false;
  const transport = isIPv6(target.host) ? 'udp6' : 'udp4';

  const session = (endpoint: Endpoint, engineId: string): TrapSession => {
    const s = endpoint.snmp;
    const key = s.version === '3' ? `v3:${endpoint.id}` : `${s.version}:${s.community}`;
    let found = sessions.get(key);
    if (!found) {
      const options = { trapPort: target.port, transport } as const;
      found =
        s.version === '3'
          ? snmp.createV3Session(target.host, snmpUser(s), { ...options, version: snmp.Version3, engineID: engineId })
          : snmp.createSession(target.host, s.community, { ...options, version: s.version === '1' ? snmp.Version1 : snmp.Version2c });
      found.on('error', () => failed++);
      sessions.set(key, found);
    }
    return found;
  };

  const pump = (): void => {
    timer = null;
    for (let i = 0; i < PER_BURST && queue.length; i++) queue.shift()!();
    if (queue.length && !closed) timer = setTimeout(pump, BURST_GAP_MS);
    else {
      const w = waiters;
      waiters = [];
      w.forEach((f) => f());
    }
  };

  return {
    send(endpoint, engineId, upTimeTicks, trap) {
      if (closed) return;
      queue.push(() => {
        const v1 = endpoint.snmp.version === '1';
        const typeOrOid = v1 ? (V1_GENERIC[trap.oid] ?? v1TrapOid(trap.oid)) : trap.oid;
        const options = { upTime: upTimeTicks, ...(v1 && isIPv4(endpoint.host) ? { agentAddr: endpoint.host } : {}) };
        try {
          session(endpoint, engineId).trap(typeOrOid, [...trap.varbinds], options, (error) => (error ? failed++ : sent++));
        } catch {
          failed++;
        }
      });
      timer ??= setTimeout(pump, 0);
    },
    drained: () => (queue.length === 0 && timer === null ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
    stats: () => ({ sent, failed }),
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      queue.length = 0;
      waiters.forEach((f) => f());
      for (const s of sessions.values()) s.close();
      sessions.clear();
    },
  };
}

/** SNMPv2 form enterprise.0.specific → what net-snmp's v1 trap() wants: enterprise.specific (RFC 3584 §3.2). */
function v1TrapOid(oid: string): string {
  return oid.replace(/\.0\.(\d+)$/, '.$1');
}
