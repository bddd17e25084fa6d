import type { Layout, McuStatus } from '../../../shared/conference.js';
import { McuActionError, type McuConference, type McuDriver } from '../../../electron/engine/mcu/mcu-driver.js';

/**
 * A driver double: holds conferences the test sets, records actions, refuses what it is told to.
 * With `answer` on it also plays the far ends: a dialled URI joins connected (unless listed in
 * `silent`, which never answer), mutes show in the roster and an ended conference goes away.
 */
export class FakeDriver implements McuDriver {
  actions: string[] = [];
  refuse = new Set<string>();
  answer = false;
  silent = new Set<string>();
  private dialled = 0;
  private state: McuStatus = { state: 'ok', message: '', since: '2026-11-22T00:00:00Z' };
  private confs: McuConference[] = [];
  private confListeners = new Set<(c: readonly McuConference[]) => void>();
  private statusListeners = new Set<(s: McuStatus) => void>();

  init(): void {}
  configUpdated(): void {}
  async destroy(): Promise<void> {}
  status(): McuStatus {
    return this.state;
  }
  onStatus(l: (s: McuStatus) => void): () => void {
    this.statusListeners.add(l);
    return () => this.statusListeners.delete(l);
  }
  conferences(): readonly McuConference[] {
    return this.confs;
  }
  onConferences(l: (c: readonly McuConference[]) => void): () => void {
    this.confListeners.add(l);
    return () => this.confListeners.delete(l);
  }
  setConferences(c: McuConference[]): void {
    this.confs = c;
    for (const l of this.confListeners) l(c);
  }
  setState(state: McuStatus['state'], since?: string): void {
    this.state = { ...this.state, state, since: since ?? this.state.since };
    for (const l of this.statusListeners) l(this.state);
  }
  private async run(what: string): Promise<void> {
    this.actions.push(what);
    if ([...this.refuse].some((r) => what.includes(r))) throw new McuActionError(`MCU refused: ${what}`, 'participantNotFound', 400);
  }
  async setMute(c: string, p: string, m: { audio?: boolean; video?: boolean }) {
    await this.run(`mute ${c} ${p} ${JSON.stringify(m)}`);
    if (this.answer) this.patchParticipant(c, p, { ...(m.audio !== undefined ? { audioMuted: m.audio } : {}), ...(m.video !== undefined ? { videoMuted: m.video } : {}) });
  }
  /** Change one participant (state, mute …) and announce the list. */
  patchParticipant(c: string, p: string, patch: Partial<McuConference['participants'][number]>): void {
    this.setConferences(this.confs.map((x) => (x.id === c ? { ...x, participants: x.participants.map((q) => (q.id === p ? { ...q, ...patch } : q)) } : x)));
  }
  /** Take a participant out of a conference (a site dropping). */
  removeParticipant(c: string, p: string): void {
    this.setConferences(this.confs.map((x) => (x.id === c ? { ...x, participants: x.participants.filter((q) => q.id !== p) } : x)));
  }
  setParticipantLayout(c: string, p: string, l: Layout) {
    return this.run(`layout ${c} ${p} ${l}`);
  }
  setConferenceLayout(c: string, l: Layout) {
    return this.run(`layout ${c} * ${l}`);
  }
  /** Created calls get ids conf-1, conf-2 … and appear at once with an empty, known roster. */
  private created = 0;
  async createConference(name: string) {
    await this.run(`create ${name}`);
    const id = `conf-${++this.created}`;
    this.setConferences([...this.confs, { id, name, layout: null, rosterKnown: true, participants: [] }]);
    return { conferenceId: id };
  }
  async dialOut(c: string, uri: string) {
    await this.run(`dial ${c} ${uri}`);
    if (!this.answer) return { participantId: null };
    const id = `p-${++this.dialled}`;
    const state = this.silent.has(uri) ? ('ringing' as const) : ('connected' as const);
    const p = { id, name: uri, uri, state, audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null };
    this.setConferences(this.confs.map((x) => (x.id === c ? { ...x, participants: [...x.participants, p] } : x)));
    return { participantId: id };
  }
  disconnect(c: string, p: string) {
    return this.run(`disconnect ${c} ${p}`);
  }
  async endConference(c: string) {
    await this.run(`end ${c}`);
    if (this.answer) this.setConferences(this.confs.filter((x) => x.id !== c));
  }
}
