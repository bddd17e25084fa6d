import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConferenceService } from '../../../electron/engine/conference/conference-service.js';
import { mcuUnavailable } from '../../../electron/engine/mcu/mcu-unavailable.js';
import { StatusTable } from '../../../electron/engine/status/status-table.js';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { ApiError, HTTP_STATUS } from '../../../shared/api/errors.js';
import { validateInventory, type Inventory } from '../../../shared/inventory.js';
import { smallInventory } from '../../fixtures/inventory.js';
import { CODECS, conference, CREDENTIALS, rosterReady, watch, type Watched } from './harness.js';

// A control action during an MCU outage answers mcu_unavailable with since/retryAt, not
// "no conference with id …" (issue 14 item 6).

describe('mcuUnavailable', () => {
  it('says since when and when the next attempt is, in the message and the params', () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    const e = mcuUnavailable({ state: 'disconnected', message: 'events socket closed (1006); retrying in 4 s', since: '2026-12-06T09:58:00.000Z', retryAt: '2026-12-06T10:00:03.200Z', problem: null }, now);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('mcu_unavailable');
    expect(HTTP_STATUS[e.code]).toBe(503);
    expect(e.message).toBe('MCU not connected since 2026-12-06T09:58:00.000Z, retrying in 4 s (events socket closed (1006); retrying in 4 s)');
    expect(e.params).toEqual({ since: '2026-12-06T09:58:00.000Z', retryAt: '2026-12-06T10:00:03.200Z', retryInS: 4, state: 'disconnected', problem: null });
  });

  it('while connecting or misconfigured there is no retry time', () => {
    expect(mcuUnavailable({ state: 'connecting', message: '', since: 'x' }).message).toBe('MCU not connected since x, connecting now');
    expect(mcuUnavailable({ state: 'bad_config', message: 'no API username', since: 'x' }).params).toMatchObject({ retryAt: null, retryInS: null, state: 'bad_config' });
  });
});

describe('control actions during an outage (CMS driver and simulator)', () => {
  let sim: CmsSimulator;
  let w: Watched;
  let service: ConferenceService;

  beforeAll(async () => {
    sim = await startCmsSimulator({
      port: 0, ...CREDENTIALS, codecs: CODECS, answerDelayMs: 50, speakerIntervalMs: 600_000,
      initialConferences: [{ name: 'Họp trực tuyến', participants: ['ba-be', 'pac-nam'] }],
    });
    w = watch({ backoff: { initialMs: 2000, maxMs: 4000 } });
    w.driver.init({ url: sim.url, ...CREDENTIALS });
    await w.until('the roster', rosterReady(w, 2));
    const r = validateInventory(smallInventory());
    if (!r.ok) throw new Error('fixture invalid');
    const inventory = r.inventory as Inventory;
    const status = new StatusTable(5);
    status.setEndpoints(inventory.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
    service = new ConferenceService(inventory, w.driver, status, 1);
  });

  afterAll(async () => {
    service?.close();
    await w?.driver.destroy();
    await sim?.close();
  });

  it('answers "MCU not connected since …, retrying in …", then works again after the outage', async () => {
    const op = { user: 'minh', role: 'operator' as const };
    const conferenceId = conference(w)!.id;
    const participantId = conference(w)!.participants[0]!.id;
    await w.until('service sees it', () => service.current().conferences.length === 1);
    sim.faults.refuseTokens(true);
    sim.faults.dropSockets();
    await w.until('disconnected', () => w.driver.status().state === 'disconnected');
    const down = w.driver.status();
    let error: unknown;
    try {
      await service.muteParticipant(op, { conferenceId, participantId, audio: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.code).toBe('mcu_unavailable');
    expect(api.message).toMatch(/^MCU not connected since \d{4}-\d\d-\d\dT[\d:.]+Z, retrying in [1-4] s \(/);
    expect(api.params).toMatchObject({ since: down.since, retryAt: down.retryAt, state: 'disconnected' });
    expect(api.params!['retryInS']).toBeGreaterThanOrEqual(1);
    const later = <T>(fn: () => Promise<T>): Promise<T> => Promise.resolve().then(fn);
    await expect(later(() => service.endConference(op, { conferenceId }))).rejects.toMatchObject({ code: 'mcu_unavailable' });
    await expect(later(() => service.dialOut(op, { conferenceId, uri: 'sip:x@y' }))).rejects.toMatchObject({ code: 'mcu_unavailable' });
    await expect(later(() => service.muteAllExceptChair(op, { conferenceId, chairParticipantId: participantId }))).rejects.toMatchObject({ code: 'mcu_unavailable' });
    sim.faults.refuseTokens(false);
    await w.until('back', rosterReady(w, 2), 10_000);
    await w.until('service sees it', () => service.current().mcu.state === 'ok' && service.current().conferences[0]?.rosterKnown === true);
    const result = await service.muteParticipant(op, { conferenceId, participantId, audio: true });
    expect(result).toMatchObject({ ok: true, error: null });
  }, 20_000);
});
