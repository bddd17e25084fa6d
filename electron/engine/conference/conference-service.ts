import { ApiError } from '../../../shared/api/errors.js';
import type { ActionResult, Conference, ConferencesView, Layout, McuStatus } from '../../../shared/conference.js';
import { districtResolver, type Inventory } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import { sipKey } from '../../../shared/sip-uri.js';
import { McuActionError, type McuActionParams, type McuConference, type McuDriver } from '../mcu/mcu-driver.js';
import { mcuUnavailable } from '../mcu/mcu-unavailable.js';
import type { StatusTable } from '../status/status-table.js';

const NO_MCU: McuStatus = { state: 'none', message: 'no MCU in the inventory', since: new Date(0).toISOString() };
/** Dial-outs of a bulk connect in flight at once: enough to be quick, few enough not to flood the MCU. */
const DIAL_CONCURRENCY = 8;

/**
 * Conferences for the console: the driver's calls and rosters joined to the inventory by URI,
 * pushed into the status table (conference, mute), and every control action checked, carried out
 * and carried out through the driver, with one result per target (the audit gate records the request).
 */
export class ConferenceService {
  private endpointByUri = new Map<string, string>();
  private view: ConferencesView = { mcu: NO_MCU, conferences: [] };
  private readonly listeners = new Set<(v: ConferencesView) => void>();
  private timer: NodeJS.Timeout | null = null;
  private readonly offs: (() => void)[] = [];

  constructor(
    private inventory: Inventory,
    private readonly driver: McuDriver | null,
    private readonly status: StatusTable,
    private readonly flushMs = 50,
  ) {
    this.setInventory(inventory);
    if (driver) {
      this.offs.push(driver.onConferences(() => this.schedule()), driver.onStatus(() => this.schedule()));
      this.rebuild();
    }
  }

  setInventory(inv: Inventory): void {
    this.inventory = inv;
    this.endpointByUri = new Map(inv.sites.flatMap((s) => s.endpoints.flatMap((e) => (e.uri ? [[sipKey(e.uri), e.id] as const] : []))));
    if (this.driver) this.rebuild();
  }

  current(): ConferencesView {
    return this.view;
  }

  onChange(listener: (v: ConferencesView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  mcuState(): McuStatus['state'] {
    return this.view.mcu.state;
  }

  // --- actions -------------------------------------------------------------------------------

  muteParticipant(caller: Identity, req: { conferenceId: string; participantId: string; audio?: boolean; video?: boolean }): Promise<ActionResult> {
    const target = this.participantTarget(req.conferenceId, req.participantId);
    return this.act(target, (d) => d.setMute(req.conferenceId, req.participantId, { audio: req.audio, video: req.video }));
  }

  async muteAllExceptChair(caller: Identity, req: { conferenceId: string; chairParticipantId: string }): Promise<ActionResult[]> {
    const conf = this.conference(req.conferenceId);
    if (!conf.participants.some((p) => p.id === req.chairParticipantId)) {
      throw new ApiError('not_found', `no participant ${req.chairParticipantId} in conference ${conf.name}`);
    }
    const others = conf.participants.filter((p) => p.id !== req.chairParticipantId && p.state !== 'disconnected');
    return this.inBatches(others, (p) =>
      this.act(this.participantTarget(conf.id, p.id), (d) => d.setMute(conf.id, p.id, { audio: true })),
    );
  }

  setLayout(caller: Identity, req: { conferenceId: string; participantId?: string; layout: Layout }): Promise<ActionResult> {
    const conf = this.conference(req.conferenceId);
    if (req.participantId === undefined) {
      return this.act(`conference:${conf.id}`, (d) => d.setConferenceLayout(conf.id, req.layout));
    }
    const pid = req.participantId;
    return this.act(this.participantTarget(conf.id, pid), (d) => d.setParticipantLayout(conf.id, pid, req.layout));
  }

  dialOut(caller: Identity, req: { conferenceId: string; endpointId?: string; uri?: string }): Promise<ActionResult> {
    this.conference(req.conferenceId);
    const uri = req.uri ?? this.uriOf(req.endpointId!);
    return this.act(req.endpointId ?? uri, (d) => d.dialOut(req.conferenceId, uri).then(() => undefined));
  }

  /** Every endpoint of the chosen sites that is not already in the conference, dialled out. */
  async connectSites(caller: Identity, req: { conferenceId: string; district?: string; tier?: string; siteIds?: string[] }): Promise<ActionResult[]> {
    const conf = this.conference(req.conferenceId);
    const sites = this.selectSites(req);
    const present = new Set(conf.participants.filter((p) => p.state !== 'disconnected').map((p) => sipKey(p.uri)));
    return this.inBatches(sites, async (site) => {
      const endpoints = site.endpoints.filter((e) => e.uri);
      if (endpoints.length === 0) return { target: site.id, ok: false, error: 'the site has no endpoint with a SIP URI' };
      for (const e of endpoints) {
        if (present.has(sipKey(e.uri!))) return { target: site.id, ok: true, error: null };
      }
      const r = await this.act(site.id, (d) =>
        d.dialOut(conf.id, endpoints[0]!.uri!).then(() => undefined),
      );
      return { ...r, target: site.id };
    });
  }

  disconnectParticipant(caller: Identity, req: { conferenceId: string; participantId: string }): Promise<ActionResult> {
    const target = this.participantTarget(req.conferenceId, req.participantId);
    return this.act(target, (d) => d.disconnect(req.conferenceId, req.participantId));
  }

  endConference(caller: Identity, req: { conferenceId: string }): Promise<ActionResult> {
    const conf = this.conference(req.conferenceId);
    return this.act(`conference:${conf.id}`, (d) => d.endConference(conf.id));
  }

  close(): void {
    for (const off of this.offs) off();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  // --- internals -----------------------------------------------------------------------------

  /** Run one action through the driver; the MCU's refusal is a result, not a throw. */
  private async act(target: string, run: (d: McuDriver) => Promise<void>): Promise<ActionResult> {
    let error: string | null = null;
    let params: McuActionParams | undefined;
    if (!this.driver) error = 'no MCU is configured in the inventory';
    else {
      try {
        await run(this.driver);
      } catch (e) {
        error = (e as Error).message || String(e);
        if (e instanceof McuActionError && e.params) params = e.params;
      }
    }
    return params ? { target, ok: false, error, params: { ...params } } : { target, ok: error === null, error };
  }

  private async inBatches<T>(items: readonly T[], run: (item: T) => Promise<ActionResult>): Promise<ActionResult[]> {
    const results: ActionResult[] = new Array(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const i = next++;
        results[i] = await run(items[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(DIAL_CONCURRENCY, items.length) }, worker));
    return results;
  }

  private conference(id: string): Conference {
    if (this.driver && this.driver.status().state !== 'ok') throw mcuUnavailable(this.driver.status());
    const conf = this.view.conferences.find((c) => c.id === id);
    if (!conf) throw new ApiError('not_found', `no conference with id ${id}`);
    return conf;
  }

  /** The audit target of a participant: its endpoint id when it is one of ours, else its URI. */
  private participantTarget(conferenceId: string, participantId: string): string {
    const p = this.conference(conferenceId).participants.find((x) => x.id === participantId);
    if (!p) throw new ApiError('not_found', `no participant ${participantId} in conference ${conferenceId}`);
    return p.endpointId ?? p.uri;
  }

  private uriOf(endpointId: string): string {
    for (const s of this.inventory.sites) {
      const e = s.endpoints.find((x) => x.id === endpointId);
      if (e) {
        if (!e.uri) throw new ApiError('bad_request', `endpoint ${endpointId} has no SIP URI in the inventory`, undefined, { reason: 'endpoint_without_uri', endpointId });
        return e.uri;
      }
    }
    throw new ApiError('not_found', `no endpoint with id ${endpointId}`);
  }

  private selectSites(req: { district?: string; tier?: string; siteIds?: string[] }): Inventory['sites'] {
    const sites = this.inventory.sites;
    if (req.siteIds) {
      const unknown = req.siteIds.filter((id) => !sites.some((s) => s.id === id));
      if (unknown.length) throw new ApiError('not_found', `unknown sites: ${unknown.join(', ')}`);
      return sites.filter((s) => req.siteIds!.includes(s.id));
    }
    if (req.tier) {
      if (!this.inventory.tiers.includes(req.tier)) throw new ApiError('not_found', `unknown tier "${req.tier}"`);
      return sites.filter((s) => s.tier === req.tier);
    }
    const district = req.district!;
    const districtOf = districtResolver(this.inventory);
    const chosen = sites.filter((s) => districtOf(s.id) === district);
    if (chosen.length === 0) throw new ApiError('not_found', `unknown district "${district}"`);
    return chosen;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.rebuild();
    }, this.flushMs);
  }

  private rebuild(): void {
    if (!this.driver) return;
    const mcu = this.driver.status();
    const live = mcu.state === 'ok';
    const conferences = live ? this.driver.conferences().map((c) => this.join(c)) : [];
    this.view = { mcu, conferences };
    this.pushToStatus(conferences);
    for (const l of this.listeners) {
      try {
        l(this.view);
      } catch (e) {
        console.error('bridgepoint: conference listener failed:', e);
      }
    }
  }

  private join(c: McuConference): Conference {
    return {
      ...c,
      participants: c.participants.map((p) => ({ ...p, endpointId: this.endpointByUri.get(sipKey(p.uri)) ?? null })),
    };
  }

  /**
   * Each endpoint's conference and mute state, written only where it changed. Null (unknown) for
   * endpoints in no conference, and for mute while a roster is not yet known after a reconnect.
   */
  private pushToStatus(conferences: readonly Conference[]): void {
    const at = new Date().toISOString();
    type Seat = { conferenceId: string | null; audioMuted: boolean | null; videoMuted: boolean | null; layout: string | null };
    const seen = new Map<string, Seat>();
    for (const c of conferences) {
      for (const p of c.participants) {
        if (!p.endpointId || p.state === 'disconnected') continue;
        const known = c.rosterKnown;
        seen.set(p.endpointId, { conferenceId: c.id, audioMuted: known ? p.audioMuted : null, videoMuted: known ? p.videoMuted : null, layout: known ? (p.layout ?? c.layout) : null });
      }
    }
    const none: Seat = { conferenceId: null, audioMuted: null, videoMuted: null, layout: null };
    for (const s of this.inventory.sites) {
      for (const e of s.endpoints) {
        const v = seen.get(e.id) ?? none;
        const row = this.status.get(e.id);
        if (!row || (row.conferenceId === v.conferenceId && row.audioMuted === v.audioMuted && row.videoMuted === v.videoMuted && row.layout === v.layout)) continue;
        this.status.update(e.id, { ...v, measuredAt: { conferenceId: at, audioMuted: at, videoMuted: at, layout: at } });
      }
    }
  }
}
