import type { Layout, McuStatus } from '../../../shared/conference.js';
import { McuActionError, type McuConference, type McuDriver } from '../../../electron/engine/mcu/mcu-driver.js';

/** A driver double: holds conferences the test sets, records actions, refuses what it is told to. */
export class FakeDriver implements McuDriver {
  actions: string[] = [];
  refuse = new Set<string>();
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
  setState(state: McuStatus['state']): void {
    this.state = { ...this.state, state };
    for (const l of this.statusListeners) l(this.state);
  }
  private async run(what: string): Promise<void> {
    this.actions.push(what);
    if ([...this.refuse].some((r) => what.includes(r))) throw new McuActionError(`MCU refused: ${what}`, 'participantNotFound', 400);
  }
  setMute(c: string, p: string, m: { audio?: boolean; video?: boolean }) {
    return this.run(`mute ${c} ${p} ${JSON.stringify(m)}`);
  }
  setParticipantLayout(c: string, p: string, l: Layout) {
    return this.run(`layout ${c} ${p} ${l}`);
  }
  setConferenceLayout(c: string, l: Layout) {
    return this.run(`layout ${c} * ${l}`);
  }
  async dialOut(c: string, uri: string) {
    await this.run(`dial ${c} ${uri}`);
    return { participantId: null };
  }
  disconnect(c: string, p: string) {
    return this.run(`disconnect ${c} ${p}`);
  }
  endConference(c: string) {
    return this.run(`end ${c}`);
  }
}
