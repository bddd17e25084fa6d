import { beforeEach, describe, expect, it } from 'vitest';
import { ConferenceService } from '../../../electron/engine/conference/conference-service.js';
import { StatusTable } from '../../../electron/engine/status/status-table.js';
import { validateInventory, type Inventory } from '../../../shared/inventory.js';
import { smallInventory } from '../../fixtures/inventory.js';
import { McuActionError } from '../../../electron/engine/mcu/mcu-driver.js';
import { FakeDriver } from './fake-driver.js';

const op = { user: 'minh', role: 'operator' as const };
const inv = (() => {
  const r = validateInventory(smallInventory());
  if (!r.ok) throw new Error('fixture invalid');
  return r.inventory as Inventory;
})();

const participant = (id: string, uri: string, extra = {}) => ({
  id, name: id, uri, state: 'connected' as const, audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null, ...extra,
});

let driver: FakeDriver;
let status: StatusTable;
let service: ConferenceService;

beforeEach(() => {
  driver = new FakeDriver();
  status = new StatusTable(5);
  status.setEndpoints(inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
  service = new ConferenceService(inv, driver, status, 1);
  driver.setConferences([
    {
      id: 'call-1', name: 'Giao ban', layout: 'allEqual', rosterKnown: true,
      participants: [
        participant('p-tinh', 'sip:UBND-TINH@vc.test;transport=tls'),
        participant('p-babe', 'sip:ba-be@vc.test', { audioMuted: true }),
        participant('p-guest', 'sip:guest@elsewhere'),
      ],
    },
  ]);
});

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('ConferenceService', () => {
  it('joins roster participants to inventory endpoints by URI, whatever the spelling', async () => {
    await settle();
    const [conf] = service.current().conferences;
    expect(conf!.participants.map((p) => p.endpointId)).toEqual(['ubnd-tinh-1', 'ba-be-1', null]);
  });

  it("writes each endpoint's conference and mute state into the status table", async () => {
    await settle();
    expect(status.get('ba-be-1')).toMatchObject({ conferenceId: 'call-1', audioMuted: true, videoMuted: false, layout: 'allEqual' });
    expect(status.get('na-ri-1')).toMatchObject({ conferenceId: null, audioMuted: null });
    expect(status.get('ba-be-1')!.measuredAt.audioMuted).toMatch(/^\d{4}-/);
  });

  it('shows mute as unknown while a roster is not known, and nothing while the MCU is down', async () => {
    driver.setConferences([{ ...driver.conferences()[0]!, rosterKnown: false }]);
    await settle();
    expect(status.get('ba-be-1')).toMatchObject({ conferenceId: 'call-1', audioMuted: null, videoMuted: null });
    driver.setState('disconnected');
    await settle();
    expect(service.current()).toMatchObject({ mcu: { state: 'disconnected' }, conferences: [] });
    expect(status.get('ba-be-1')).toMatchObject({ conferenceId: null, audioMuted: null });
  });

  it('carries out an action through the driver', async () => {
    await settle();
    const r = await service.muteParticipant(op, { conferenceId: 'call-1', participantId: 'p-babe', audio: false });
    expect(r).toEqual({ target: 'ba-be-1', ok: true, error: null });
    expect(driver.actions).toEqual(['mute call-1 p-babe {"audio":false}']);
  });

  it("returns the MCU's refusal as a result", async () => {
    await settle();
    driver.refuse.add('disconnect');
    const r = await service.disconnectParticipant(op, { conferenceId: 'call-1', participantId: 'p-guest' });
    expect(r).toEqual({ target: 'sip:guest@elsewhere', ok: false, error: 'MCU refused: disconnect call-1 p-guest' });
  });

  it('a refusal with words of its own (some call legs failed) carries its reason and values in the result', async () => {
    await settle();
    const params = { reason: 'call_legs_partly_failed', participant: '"Ba Bể" (p-babe)', failed: 1, total: 2, legs: 'leg-b' };
    driver.setMute = () => Promise.reject(new McuActionError('Mute applied to 1 of 2 call legs of participant "Ba Bể" (p-babe); failed on 1: leg-b: 500', null, 500, params));
    const r = await service.muteParticipant(op, { conferenceId: 'call-1', participantId: 'p-babe', audio: true });
    expect(r).toEqual({ target: 'ba-be-1', ok: false, error: expect.stringContaining('leg-b'), params });
  });

  it('joins URIs as a CMS reports them (parameters, display name, tags), and keeps layouts it cannot set by name', async () => {
    driver.setConferences([
      {
        id: 'call-2', name: 'Họp', layout: 'onePlusN', rosterKnown: true,
        participants: [
          participant('p-a', 'ba-be@vc.test;x-cisco-number=1002', { layout: 'onePlusN' }),
          participant('p-b', '"UBND tỉnh" <sip:ubnd-tinh@VC.test>;tag=8f2a', { layout: 'onePlusN' }),
        ],
      },
    ]);
    await settle();
    const [conf] = service.current().conferences;
    expect(conf!.participants.map((p) => p.endpointId)).toEqual(['ba-be-1', 'ubnd-tinh-1']);
    expect(conf!.layout).toBe('onePlusN');
    expect(status.get('ba-be-1')).toMatchObject({ conferenceId: 'call-2', layout: 'onePlusN' });
  });

  it('refuses unknown conferences and participants before touching the MCU', async () => {
    await settle();
    expect(() => service.endConference(op, { conferenceId: 'nope' })).toThrow(/no conference with id nope/);
    expect(() => service.muteParticipant(op, { conferenceId: 'call-1', participantId: 'ghost', audio: true })).toThrow(/no participant ghost/);
    expect(driver.actions).toEqual([]);
  });

  it('mutes everyone but the chair, one result each', async () => {
    await settle();
    const results = await service.muteAllExceptChair(op, { conferenceId: 'call-1', chairParticipantId: 'p-tinh' });
    expect(results.map((r) => r.target)).toEqual(['ba-be-1', 'sip:guest@elsewhere']);
    expect(driver.actions.sort()).toEqual(['mute call-1 p-babe {"audio":true}', 'mute call-1 p-guest {"audio":true}']);
  });

  it('connects every site of a district that is not already in, with a result per site', async () => {
    await settle();
    driver.refuse.add('nam-mau');
    const results = await service.connectSites(op, { conferenceId: 'call-1', district: 'ba-be' });
    expect(results).toEqual([
      { target: 'ba-be', ok: true, error: null }, // already in the call
      { target: 'ba-be-cho-ra', ok: true, error: null },
      { target: 'ba-be-nam-mau', ok: false, error: 'MCU refused: dial call-1 sip:ba-be-nam-mau@vc.test' },
    ]);
    expect(driver.actions.filter((a) => a.startsWith('dial'))).toEqual(['dial call-1 sip:ba-be-cho-ra@vc.test', 'dial call-1 sip:ba-be-nam-mau@vc.test']);
  });

  it('connects a whole tier, and refuses an unknown district or tier', async () => {
    await settle();
    const results = await service.connectSites(op, { conferenceId: 'call-1', tier: 'commune' });
    expect(results.map((r) => r.target)).toEqual(['ba-be-cho-ra', 'ba-be-nam-mau', 'na-ri-kim-hy']);
    await expect(service.connectSites(op, { conferenceId: 'call-1', district: 'atlantis' })).rejects.toThrow(/unknown district/);
    await expect(service.connectSites(op, { conferenceId: 'call-1', tier: 'hamlet' })).rejects.toThrow(/unknown tier/);
  });

  it('sets a layout for one participant or the whole conference', async () => {
    await settle();
    await service.setLayout(op, { conferenceId: 'call-1', layout: 'speakerOnly' });
    await service.setLayout(op, { conferenceId: 'call-1', participantId: 'p-babe', layout: 'onePlusFive' });
    expect(driver.actions).toEqual(['layout call-1 * speakerOnly', 'layout call-1 p-babe onePlusFive']);
  });

  it('fails every action clearly when no MCU is configured', async () => {
    const none = new ConferenceService(inv, null, status);
    expect(none.current().mcu.state).toBe('none');
    expect(() => none.endConference(op, { conferenceId: 'call-1' })).toThrow(/no conference/);
  });
});
