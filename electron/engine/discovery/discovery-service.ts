import { randomUUID } from 'node:crypto';
import type snmp from 'net-snmp';
import { ApiError } from '../../../shared/api/errors.js';
import { suggestProfile, type DeviceProfile } from '../../../shared/device-profile.js';
import {
  cidrRange,
  endpointsFromResponders,
  inventoryHosts,
  type AddDiscoveredInput,
  type DiscoverySweep,
  type DiscoveryStartInput,
  type SweepStateName,
} from '../../../shared/discovery.js';
import { validateInventory, type Inventory, type SnmpSettings } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import { SNMP_TYPE, textFromOctets } from '../../../shared/snmp-values.js';
import type { CommitResult, InventoryCommitter } from '../inventory/inventory-commit.js';
import { EndpointSession } from '../snmp/endpoint-session.js';
import { createFloodLog, type FloodLog } from '../snmp/flood-log.js';
import { BURST, SweepSocket } from './sweep-socket.js';

export const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
export const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';
export const SYS_NAME = '1.3.6.1.2.1.1.5.0';
const ASKED = [SYS_NAME, SYS_DESCR, SYS_OBJECT_ID];

export interface DiscoveryOptions {
  readonly profiles: ReadonlyMap<string, DeviceProfile>;
  readonly committer: InventoryCommitter;
  /** How long each address has to answer (default 1000 ms; one attempt). */
  readonly timeoutMs?: number;
  /** Finished sweeps kept to read and add from (default 5, newest kept). */
  readonly keep?: number;
  /** Every datagram a sweep sends (tests and the benchmark count them). */
  readonly onSend?: (address: string, port: number) => void;
  readonly onLog?: (line: string) => void;
}

interface Found {
  address: string;
  sysName: string | null;
  sysDescr: string | null;
  sysObjectID: string | null;
  rttMs: number;
}

interface Sweep {
  readonly id: string;
  readonly cidr: string;
  readonly addresses: readonly string[];
  readonly port: number;
  readonly snmp: SnmpSettings;
  readonly ratePerS: number;
  readonly startedBy: string;
  readonly startedAt: string;
  endedAt: string | null;
  state: SweepStateName;
  done: number;
  readonly found: Found[];
  readonly socket: SweepSocket;
  ended: Promise<void>;
}

/**
 * Discovery sweeps (issue 12 item 5). One sweep at a time per engine: the rate bound protects the
 * province's network and its codecs, which every technician shares, so a second sweep would double
 * the load that the bound is there to cap; a technician who needs another range waits a few
 * seconds (a /22 takes about 6 s at 200 requests/s) or cancels. Each sweep has one UDP socket
 * (SweepSocket) for all its addresses, apart from the poller's, and one attempt per address.
 */
export class DiscoveryService {
  private readonly sweeps: Sweep[] = [];
  private readonly flood: FloodLog;
  private readonly timeoutMs: number;
  private readonly keep: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: DiscoveryOptions) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.keep = options.keep ?? 5;
    this.log = options.onLog ?? (() => {});
    this.flood = createFloodLog(this.log, 'discovery: ');
  }

  start(caller: Identity, input: DiscoveryStartInput, inventory: Inventory): DiscoverySweep {
    const range = cidrRange(input.cidr);
    if (!range.ok) {
      const why = range.reason === 'cidr_too_large' ? `at most a /${range.params['maxPrefix']} (${range.params['maxAddresses']} addresses) per sweep` : range.reason === 'cidr_not_unicast' ? 'not a range of host addresses' : 'write an IPv4 range as a.b.c.d/n';
      throw new ApiError('bad_request', `cannot sweep "${input.cidr}": ${why}`, undefined, { reason: range.reason, ...range.params });
    }
    const running = this.sweeps.find((s) => s.state === 'running');
    if (running) {
      throw new ApiError('too_many_requests', `a sweep of ${running.cidr} by ${running.startedBy} is running: wait for it or cancel it`, undefined, {
        reason: 'discovery_busy',
        cidr: running.cidr,
        by: running.startedBy,
        retryAfterS: Math.ceil(((running.addresses.length - running.done) * packetsPerAddress(running.snmp)) / running.ratePerS + this.timeoutMs / 1000),
      });
    }
    const socket = new SweepSocket(input.ratePerS, this.options.onSend, (e) => this.flood.line('socket errors', 'sweep', `discovery: socket error ${e.message}`));
    const sweep: Sweep = {
      id: randomUUID(),
      cidr: range.cidr,
      addresses: range.addresses,
      port: input.port,
      snmp: input.snmp,
      ratePerS: input.ratePerS,
      startedBy: caller.user,
      startedAt: new Date().toISOString(),
      endedAt: null,
      state: 'running',
      done: 0,
      found: [],
      socket,
      ended: Promise.resolve(),
    };
    this.sweeps.push(sweep);
    // Older finished sweeps go; the running one is always kept.
    while (this.sweeps.length > this.keep) this.sweeps.splice(this.sweeps.findIndex((s) => s.state !== 'running'), 1);
    sweep.ended = this.run(sweep).catch((e: unknown) => this.log(`discovery ${sweep.cidr}: failed unexpectedly: ${String(e)}`));
    return this.view(sweep, inventory);
  }

  cancel(sweepId: string, inventory: Inventory): DiscoverySweep {
    const sweep = this.find(sweepId);
    if (sweep.state === 'running') this.end(sweep, 'cancelled');
    return this.view(sweep, inventory);
  }

  get(sweepId: string, inventory: Inventory): DiscoverySweep {
    return this.view(this.find(sweepId), inventory);
  }

  /** Wait for a sweep's probes to end (tests, close). */
  async settled(sweepId: string): Promise<void> {
    await this.find(sweepId).ended;
  }

  /** The chosen responders as new endpoints of a site, through the committer (backup, atomic write, undo). */
  add(caller: Identity, input: AddDiscoveredInput): Promise<CommitResult> {
    const sweep = this.find(input.sweepId);
    const chosen = [...new Set(input.addresses)].map((address) => {
      const f = sweep.found.find((x) => x.address === address);
      if (!f) throw new ApiError('bad_request', `${address} did not answer sweep ${sweep.cidr}`, undefined, { reason: 'not_a_responder', address });
      return f;
    });
    return this.options.committer.commit(caller.user, (before) => {
      const site = before.sites.find((s) => s.id === input.siteId);
      if (!site) throw new ApiError('not_found', `no site "${input.siteId}"`, undefined, { reason: 'unknown_site', siteId: input.siteId });
      const hosts = inventoryHosts(before);
      for (const f of chosen) {
        const there = hosts.get(`${f.address}:${sweep.port}`);
        if (there) throw new ApiError('conflict', `${f.address}:${sweep.port} is already endpoint "${there.endpointId}"`, undefined, { reason: 'already_in_inventory', address: f.address, endpointId: there.endpointId });
      }
      const fallback = this.options.profiles.has('generic-mib2') ? 'generic-mib2' : [...this.options.profiles.keys()][0]!;
      const responders = chosen.map((f) => ({ address: f.address, port: sweep.port, sysName: f.sysName, suggestedProfile: this.suggest(f.sysObjectID) }));
      const added = endpointsFromResponders(before, responders, sweep.snmp, fallback);
      const next: Inventory = { ...before, sites: before.sites.map((s) => (s.id === site.id ? { ...s, endpoints: [...s.endpoints, ...added] } : s)) };
      const checked = validateInventory(next);
      if (!checked.ok) throw new ApiError('bad_request', `the new endpoints do not fit the inventory: ${checked.issues[0]!.path} ${checked.issues[0]!.message}`, undefined, { reason: 'discovered_not_valid', problem: `${checked.issues[0]!.path} ${checked.issues[0]!.message}` });
      return checked.inventory;
    });
  }

  async close(): Promise<void> {
    for (const s of this.sweeps) if (s.state === 'running') this.end(s, 'cancelled');
    await Promise.all(this.sweeps.map((s) => s.ended));
    this.flood.close();
  }

  private find(sweepId: string): Sweep {
    const sweep = this.sweeps.find((s) => s.id === sweepId);
    if (!sweep) throw new ApiError('not_found', `no sweep "${sweepId}" (only the last ${this.keep} are kept)`, undefined, { reason: 'unknown_sweep' });
    return sweep;
  }

  private suggest(sysObjectID: string | null): string | null {
    return suggestProfile(this.options.profiles.values(), sysObjectID);
  }

  private end(sweep: Sweep, state: SweepStateName): void {
    sweep.state = state;
    sweep.endedAt = new Date().toISOString();
    sweep.socket.close();
  }

  private view(s: Sweep, inventory: Inventory): DiscoverySweep {
    const hosts = inventoryHosts(inventory);
    return {
      sweepId: s.id,
      cidr: s.cidr,
      port: s.port,
      version: s.snmp.version,
      ratePerS: s.ratePerS,
      startedBy: s.startedBy,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      state: s.state,
      total: s.addresses.length,
      done: s.done,
      sent: s.socket.sent,
      responders: s.found.map((f) => ({ ...f, port: s.port, suggestedProfile: this.suggest(f.sysObjectID), inInventory: hosts.get(`${f.address}:${s.port}`) ?? null })),
    };
  }

  /**
   * Start the probes as fast as the pacer lets their datagrams out (by the clock, so a late timer
   * starts a few at once rather than slowing the sweep), with a few datagrams queued at most.
   */
  private async run(sweep: Sweep): Promise<void> {
    const perAddress = packetsPerAddress(sweep.snmp);
    const began = performance.now();
    const probes: Promise<void>[] = [];
    let next = 0;
    while (next < sweep.addresses.length && sweep.state === 'running') {
      const due = Math.floor(((performance.now() - began) * sweep.ratePerS) / (1000 * perAddress)) + 1;
      while (next < Math.min(due, sweep.addresses.length) && sweep.socket.queued < BURST) probes.push(this.probe(sweep, sweep.addresses[next++]!));
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, (1000 * perAddress) / sweep.ratePerS)));
    }
    await Promise.all(probes);
    if (sweep.state === 'running') this.end(sweep, 'finished');
  }

  private async probe(sweep: Sweep, address: string): Promise<void> {
    const session = new EndpointSession(`discovery ${address}:${sweep.port}`, address, sweep.port, sweep.snmp, {
      timeoutMs: this.timeoutMs,
      onLog: this.log,
      flood: this.flood,
      dgramModule: sweep.socket.moduleFor(address, sweep.port),
    });
    try {
      const values = new Map<string, snmp.Varbind>();
      let asked = ASKED;
      let rttMs: number | null = null;
      // SNMPv1 refuses the whole GET for one missing object (noSuchName): ask again without it.
      for (let round = 0; round < ASKED.length && asked.length > 0 && sweep.state === 'running'; round++) {
        const out = await session.request('get', asked, 1);
        if (out.ok) {
          rttMs = Math.round(out.rttMs * 10) / 10;
          asked.forEach((oid, i) => {
            const vb = out.varbinds[i];
            if (vb) values.set(oid, vb);
          });
          break;
        }
        const missing = /^agent error: NoSuchName: (\S+)/.exec(out.error)?.[1];
        if (!missing || !asked.includes(missing)) break;
        rttMs = 0;
        asked = asked.filter((o) => o !== missing);
      }
      if (sweep.state !== 'running') return;
      sweep.done++;
      if (rttMs === null) return;
      sweep.found.push({ address, ...readSystem(values), rttMs });
    } finally {
      await session.close();
    }
  }
}

/** Datagrams one address costs when it answers: v3 asks the agent's engine first. */
const packetsPerAddress = (s: SnmpSettings): number => (s.version === '3' ? 2 : 1);

function readSystem(values: ReadonlyMap<string, snmp.Varbind>): Pick<Found, 'sysName' | 'sysDescr' | 'sysObjectID'> {
  const text = (oid: string): string | null => {
    const vb = values.get(oid);
    if (!vb || vb.type !== SNMP_TYPE.OctetString) return null;
    const v = vb.value as unknown;
    return typeof v === 'string' || v instanceof Uint8Array ? textFromOctets(v).text : null;
  };
  const objectId = values.get(SYS_OBJECT_ID);
  const oid = objectId?.type === SNMP_TYPE.OID && typeof objectId.value === 'string' && /^\d+(\.\d+)*$/.test(objectId.value) ? objectId.value : null;
  return { sysName: text(SYS_NAME), sysDescr: text(SYS_DESCR), sysObjectID: oid };
}
