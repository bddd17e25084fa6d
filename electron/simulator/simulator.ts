import type { DeviceProfile } from '../../shared/device-profile.js';
import type { Endpoint, Inventory } from '../../shared/inventory.js';
import { startCodecAgent, type CodecAgent } from './codec-agent.js';
import type { Scenario } from './codec-model.js';
import { parseFaultRequest } from './fault-request.js';
import { ProvinceModel, type SimEvent } from './province-model.js';
import { createTrapSender, type TrapSender, type TrapTarget } from './trap-sender.js';
import { trapsFor } from './trap-plan.js';

/**
 * The simulated province: one SNMP agent per codec of the inventory, on its host:port, serving its
 * profile's OIDs from a live model, sending coldStart/linkDown/linkUp and the profile's vendor
 * traps to the engine. Faults and MCU calls change the model; every change is visible on the SNMP
 * side at once. A codec that goes dark is announced to onCodecLost listeners (the simulated MCU
 * drops its call legs after its media timeout).
 *
 * For the trap receiver: every agent shares 127.0.0.1, so the source address of a trap does not
 * say which codec sent it. Each notification therefore ends with
 *   snmpTrapAddress.0 (1.3.6.1.6.3.18.1.3.0, IpAddress)  = the endpoint's inventory host (IPv4 only)
 *   sysName.0         (1.3.6.1.2.1.1.5.0,    OCTET STRING) = the endpoint id
 * Match the endpoint on sysName.0 (details in trap-plan.ts). v1/v2c traps carry the endpoint's
 * community; v3 traps its user, from the agent's own engine ID (engineIdFor in codec-agent.ts).
 */

export interface SimulatorOptions {
  readonly inventory: Inventory;
  readonly profiles: ReadonlyMap<string, DeviceProfile>;
  /** Where traps go; default 127.0.0.1 and the inventory's `traps.port` (else 162); null: none. */
  readonly trapTarget?: TrapTarget | null;
  readonly seed?: number;
  /** Model step (ms), default 1000. */
  readonly tickMs?: number;
  /** static: no random changes (tests, benchmarks); put codecs in call with setCall. Default calm. */
  readonly scenario?: Scenario;
}

export type Simulator = {
  applyFault(f: unknown): { ok: true } | { ok: false; error: string };
  setCall(endpointId: string, call: { inCall: boolean; remote?: string }): boolean;
  /** Called with the endpoint id whenever a codec stops answering (a `down` fault, a dark district). */
  onCodecLost(listener: (endpointId: string) => void): () => void;
  endpoints(): number;
  close(): Promise<void>;
};

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { inventory, profiles } = options;
  const clock = () => performance.now();
  const placed: { endpoint: Endpoint; siteName: string; profile: DeviceProfile }[] = [];
  const missing: string[] = [];
  for (const site of inventory.sites) {
    for (const endpoint of site.endpoints) {
      const profile = profiles.get(endpoint.profile);
      if (profile) placed.push({ endpoint, siteName: site.name, profile });
      else missing.push(`"${endpoint.id}" uses profile "${endpoint.profile}"`);
    }
  }
  if (missing.length) {
    throw new Error(`simulator: profiles not loaded (loaded: ${[...profiles.keys()].join(', ') || 'none'}): ${missing.join('; ')}`);
  }

  const model = new ProvinceModel(inventory, { seed: options.seed ?? 1, scenario: options.scenario ?? 'calm', now: clock() });
  const started = await Promise.allSettled(
    placed.map(({ endpoint, siteName, profile }) =>
      startCodecAgent(endpoint, siteName, profile, {
        answering: () => model.isAnswering(endpoint.id),
        view: () => model.view(endpoint.id, clock())!,
      }),
    ),
  );
  const agents = new Map<string, { agent: CodecAgent; endpoint: Endpoint; profile: DeviceProfile }>();
  const failures: string[] = [];
  started.forEach((r, i) => {
    if (r.status === 'fulfilled') agents.set(placed[i]!.endpoint.id, { agent: r.value, ...placed[i]! });
    else failures.push(r.reason instanceof Error ? r.reason.message : String(r.reason));
  });
  if (failures.length) {
    await Promise.all([...agents.values()].map((a) => a.agent.close()));
    const more = failures.length > 5 ? ` (and ${failures.length - 5} more)` : '';
    throw new Error(`${failures.slice(0, 5).join('\n')}${more}`);
  }

  const target = options.trapTarget === undefined ? { host: '127.0.0.1', port: inventory.traps?.port ?? 162 } : options.trapTarget;
  const traps: TrapSender | null = target ? createTrapSender(target) : null;

  const lostListeners = new Set<(endpointId: string) => void>();
  const notify = (event: SimEvent | { kind: 'coldStart'; endpointId: string }): void => {
    const a = agents.get(event.endpointId);
    if (!a) return;
    if (event.kind === 'dark') for (const l of lostListeners) l(event.endpointId);
    if (event.kind !== 'excessive' && event.kind !== 'changed' && event.kind !== 'coldStart') a.agent.syncCalls();
    if (!traps) return;
    const view = model.view(event.endpointId, clock())!;
    const upTime = Math.floor(view.uptimeS * 100) % 2 ** 32;
    for (const trap of trapsFor(event, a.profile, view, a.endpoint.host, a.endpoint.id)) traps.send(a.endpoint, a.agent.engineId, upTime, trap);
  };
  for (const endpointId of agents.keys()) notify({ kind: 'coldStart', endpointId });

  const timer = setInterval(() => model.step(clock()).forEach(notify), options.tickMs ?? 1000);
  timer.unref();

  let closing: Promise<void> | null = null;
  return {
    applyFault(raw) {
      try {
        const parsed = parseFaultRequest(raw);
        if (!parsed.ok) return parsed;
        const { target: name, kind, value, durationS } = parsed.fault;
        const ids = model.resolveTarget(name);
        if (!ids) return { ok: false, error: `unknown target "${name}": no site or endpoint has this id` };
        const now = clock();
        model.applyFault(ids, kind, value, durationS === undefined ? null : now + durationS * 1000, now).forEach(notify);
        return { ok: true };
      } catch (e) {
        return { ok: false, error: `simulator: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
    setCall(endpointId, call) {
      if (typeof call?.inCall !== 'boolean') return false;
      const remote = typeof call.remote === 'string' && call.remote.trim() ? call.remote.trim().slice(0, 64) : undefined;
      const events = model.setCall(endpointId, { inCall: call.inCall, ...(remote ? { remote } : {}) }, clock());
      events?.forEach(notify);
      // A dark codec cannot be called: false tells the MCU the dial-out failed.
      return events !== null && (!call.inCall || model.isAnswering(endpointId));
    },
    onCodecLost(listener) {
      lostListeners.add(listener);
      return () => void lostListeners.delete(listener);
    },
    endpoints: () => agents.size,
    close: () =>
      (closing ??= (async () => {
        clearInterval(timer);
        await traps?.drained();
        traps?.close();
        await Promise.all([...agents.values()].map((a) => a.agent.close()));
      })()),
  };
}
