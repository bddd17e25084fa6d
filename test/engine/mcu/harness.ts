import type { McuStatus } from '../../../shared/conference.js';
import { createCmsDriver, type CmsDriverOptions } from '../../../electron/engine/mcu/cms/cms-driver.js';
import type { McuConference, McuDriver } from '../../../electron/engine/mcu/mcu-driver.js';

/** A driver under test with everything it reports recorded. */
export interface Watched {
  readonly driver: McuDriver;
  readonly logs: string[];
  readonly statuses: McuStatus[];
  readonly emissions: (readonly McuConference[])[];
  /** Resolve when `check` holds (checked on every report and every 20 ms); reject after `ms`. */
  until(what: string, check: () => boolean, ms?: number): Promise<void>;
}

export const CODECS = [
  { endpointId: 'ba-be', uri: 'sip:babe@vc.backan.gov.vn', name: 'UBND huyện Ba Bể' },
  { endpointId: 'pac-nam', uri: 'sip:pacnam@vc.backan.gov.vn', name: 'UBND huyện Pác Nặm' },
  { endpointId: 'cho-don', uri: 'sip:chodon@vc.backan.gov.vn', name: 'UBND huyện Chợ Đồn' },
  { endpointId: 'na-ri', uri: 'sip:nari@vc.backan.gov.vn', name: 'UBND huyện Na Rì' },
] as const;

export const CREDENTIALS = { username: 'bridgepoint', password: 's3cret&pass' } as const;

export function watch(options: CmsDriverOptions = {}): Watched {
  const logs: string[] = [];
  const statuses: McuStatus[] = [];
  const emissions: (readonly McuConference[])[] = [];
  const driver = createCmsDriver({ liveness: { probeAfterMs: 300, unconfirmedAfterMs: 600, deadAfterMs: 1500 }, backoff: { initialMs: 20, maxMs: 100 }, callListGraceMs: 300, ...options, onLog: (l) => logs.push(l) });
  const waiters = new Set<() => void>();
  const poke = (): void => waiters.forEach((w) => w());
  driver.onStatus((s) => {
    statuses.push(s);
    poke();
  });
  driver.onConferences((c) => {
    emissions.push(c);
    poke();
  });
  const until = (what: string, check: () => boolean, ms = 5000): Promise<void> =>
    new Promise((resolve, reject) => {
      const tick = (): void => {
        if (!check()) return;
        done();
        resolve();
      };
      const timer = setInterval(tick, 20);
      const timeout = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; status ${JSON.stringify(driver.status())}; last logs:\n${logs.slice(-15).join('\n')}`));
      }, ms);
      const done = (): void => {
        clearInterval(timer);
        clearTimeout(timeout);
        waiters.delete(tick);
      };
      waiters.add(tick);
      tick();
    });
  return { driver, logs, statuses, emissions, until };
}

/** The only conference, or the one with this name. */
export function conference(w: Watched, name?: string): McuConference | undefined {
  const list = w.driver.conferences();
  return name === undefined ? list[0] : list.find((c) => c.name === name);
}

export function participantByUri(c: McuConference | undefined, uriPart: string) {
  return c?.participants.find((p) => p.uri.includes(uriPart));
}

export const rosterReady = (w: Watched, size: number) => () => {
  const c = conference(w);
  return w.driver.status().state === 'ok' && c !== undefined && c.rosterKnown && c.participants.length === size;
};
