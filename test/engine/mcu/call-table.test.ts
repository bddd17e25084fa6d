import { describe, expect, it } from 'vitest';
import { CallTable } from '../../../electron/engine/mcu/cms/call-table.js';
import type { CallUpdate, RosterUpdate } from '../../../electron/engine/mcu/cms/events-codec.js';

const add = (call: string, name = call): CallUpdate => ({ call, updateType: 'add', name });
const r = (participant: string, updateType: RosterUpdate['updateType'], fields: Record<string, unknown> = {}): RosterUpdate => ({ participant, updateType, ...fields });

function tableWithCall(): CallTable {
  const t = new CallTable();
  t.applyCallList([add('c1', 'Giao ban tỉnh')]);
  t.setRosterIndex('c1', 2);
  return t;
}

describe('CallTable', () => {
  it('a new call is listed with an unknown, empty roster', () => {
    const t = new CallTable();
    expect(t.applyCallList([add('c1', 'Giao ban')])).toEqual({ added: ['c1'], removed: [] });
    expect(t.view()).toEqual([{ id: 'c1', name: 'Giao ban', layout: null, rosterKnown: false, participants: [] }]);
  });

  it('the first roster update makes the roster known; later ones merge only the fields they carry', () => {
    const t = tableWithCall();
    const first = t.applyRoster('c1', [
      r('p1', 'add', { name: 'UBND Ba Bể', uri: 'babe@vc.bk.gov.vn', state: 'connected', audioMuted: false, videoMuted: false, activeSpeaker: true, layout: 'allEqual' }),
      r('p2', 'add', { name: 'UBND Pác Nặm', uri: 'pacnam@vc.bk.gov.vn', state: 'ringing', layout: 'allEqual' }),
    ]);
    expect(first.becameKnown).toBe(true);
    const second = t.applyRoster('c1', [r('p1', 'update', { audioMuted: true, activeSpeaker: false })]);
    expect(second.becameKnown).toBe(false);
    const [conf] = t.view();
    expect(conf).toMatchObject({ rosterKnown: true, layout: 'allEqual' });
    expect(conf!.participants).toEqual([
      { id: 'p1', name: 'UBND Ba Bể', uri: 'babe@vc.bk.gov.vn', state: 'connected', audioMuted: true, videoMuted: false, activeSpeaker: false, layout: 'allEqual' },
      { id: 'p2', name: 'UBND Pác Nặm', uri: 'pacnam@vc.bk.gov.vn', state: 'ringing', audioMuted: null, videoMuted: null, activeSpeaker: false, layout: 'allEqual' },
    ]);
  });

  it('an empty first roster update is a known, empty roster', () => {
    const t = tableWithCall();
    t.applyRoster('c1', []);
    expect(t.view()[0]).toMatchObject({ rosterKnown: true, participants: [] });
  });

  it('remove drops the participant and reports it; unknown ids are ignored', () => {
    const t = tableWithCall();
    t.applyRoster('c1', [r('p1', 'add', { name: 'A' })]);
    expect(t.applyRoster('c1', [r('p1', 'remove'), r('ghost', 'remove')]).removed).toEqual(['p1']);
    expect(t.view()[0]!.participants).toEqual([]);
  });

  it('an update for a participant never added is taken as an add', () => {
    const t = tableWithCall();
    t.applyRoster('c1', [r('p9', 'update', { name: 'Late', state: 'connected' })]);
    expect(t.participant('c1', 'p9')).toMatchObject({ name: 'Late', state: 'connected' });
  });

  it('wrong-typed fields are skipped and reported, the rest applied', () => {
    const t = tableWithCall();
    const res = t.applyRoster('c1', [r('p1', 'add', { name: 42, state: 'dancing', audioMuted: 'yes', videoMuted: true, layout: 7 })]);
    expect(res.problems).toHaveLength(4);
    expect(t.participant('c1', 'p1')).toMatchObject({ name: '', state: 'initial', audioMuted: null, videoMuted: true, layout: null });
  });

  it('CMS layouts the console does not offer are kept by name, for the call too', () => {
    const t = tableWithCall();
    const res = t.applyRoster('c1', [r('p1', 'add', { layout: 'onePlusN' }), r('p2', 'add', { layout: 'onePlusN' })]);
    expect(res.problems).toEqual([]);
    expect(t.participant('c1', 'p1')?.layout).toBe('onePlusN');
    expect(t.view()[0]!.layout).toBe('onePlusN');
    t.applyRoster('c1', [r('p2', 'update', { layout: 'someFutureLayout' })]);
    expect(t.participant('c1', 'p2')?.layout).toBe('someFutureLayout');
    expect(t.view()[0]!.layout).toBeNull();
  });

  it.each([
    ['a number', 42],
    ['an object', { name: 'allEqual' }],
    ['an empty name', ''],
    ['markup', '<script>'],
    ['a name too long to be one', 'x'.repeat(101)],
  ])('a layout that is %s is ignored and reported, the rest of the entry applied', (_what, layout) => {
    const t = tableWithCall();
    const res = t.applyRoster('c1', [r('p1', 'add', { layout: 'stacked', name: 'A' }), r('p1', 'update', { layout, name: 'B' })]);
    expect(res.problems).toEqual([expect.stringContaining('ignored layout=')]);
    expect(t.participant('c1', 'p1')).toMatchObject({ layout: 'stacked', name: 'B' });
  });

  it('a new participant without a name gets it from a later update; the view shows the empty name meanwhile', () => {
    const t = tableWithCall();
    t.applyRoster('c1', [r('p1', 'add', { name: '', uri: '1001@example.vn;x-cisco-number=1001', state: 'initial' })]);
    expect(t.view()[0]!.participants[0]).toMatchObject({ name: '', uri: '1001@example.vn;x-cisco-number=1001' });
    t.applyRoster('c1', [r('p1', 'update', { name: 'UBND xã Nam Mẫu' })]);
    expect(t.view()[0]!.participants[0]).toMatchObject({ name: 'UBND xã Nam Mẫu', uri: '1001@example.vn;x-cisco-number=1001', state: 'initial' });
  });

  it('a removal reports who left and the reason the MCU gave (a word), or none', () => {
    const t = tableWithCall();
    t.applyRoster('c1', [r('p1', 'add', { name: 'A', uri: 'a@x' }), r('p2', 'add', { name: 'B', uri: 'b@x' }), r('p3', 'add', { name: 'C', uri: 'c@x' })]);
    const res = t.applyRoster('c1', [
      r('p1', 'remove', { reason: 'remoteTeardown' }),
      r('p2', 'remove'),
      r('p3', 'remove', { reason: { nested: true } }),
      r('p9', 'remove', { reason: 'callDeactivated' }),
    ]);
    expect(res.removed).toEqual(['p1', 'p2', 'p3']);
    expect(res.departures).toEqual([
      { participant: 'p1', name: 'A', uri: 'a@x', reason: 'remoteTeardown' },
      { participant: 'p2', name: 'B', uri: 'b@x', reason: null },
      { participant: 'p3', name: 'C', uri: 'c@x', reason: null },
    ]);
    expect(res.problems).toEqual([expect.stringContaining('ignored removal reason=')]);
  });

  it('the call layout is the participants\' common layout, else none', () => {
    const t = tableWithCall();
    t.applyRoster('c1', [r('p1', 'add', { layout: 'speakerOnly' }), r('p2', 'add', { layout: 'speakerOnly' })]);
    expect(t.view()[0]!.layout).toBe('speakerOnly');
    t.applyRoster('c1', [r('p2', 'update', { layout: 'stacked' })]);
    expect(t.view()[0]!.layout).toBeNull();
  });

  it('a roster update for a call we do not have is reported, not applied', () => {
    const t = new CallTable();
    expect(t.applyRoster('nope', [r('p1', 'add')]).problems[0]).toMatch(/unknown call/);
    expect(t.view()).toEqual([]);
  });

  it('after a reconnect: rosters unknown and emptied; the first call list is the whole list', () => {
    const t = tableWithCall();
    t.applyCallList([add('c2', 'Other')]);
    t.applyRoster('c1', [r('p1', 'add', { name: 'A' })]);
    t.resetForResync();
    expect(t.synced).toBe(false);
    expect(t.view().map((c) => [c.id, c.rosterKnown, c.participants.length])).toEqual([
      ['c1', false, 0],
      ['c2', false, 0],
    ]);
    expect(t.rosterSubscriptions()).toEqual([]);
    const { added, removed } = t.applyCallList([add('c1'), add('c3')]);
    expect(removed).toEqual(['c2']);
    expect(added.sort()).toEqual(['c1', 'c3']);
    expect(t.synced).toBe(true);
    // Later lists are deltas.
    expect(t.applyCallList([add('c4')]).removed).toEqual([]);
    expect(t.view().map((c) => c.id)).toEqual(['c1', 'c3', 'c4']);
  });

  it('silence instead of a first call list means no calls', () => {
    const t = tableWithCall();
    t.resetForResync();
    expect(t.markCallListEmpty()).toEqual(['c1']);
    expect(t.markCallListEmpty()).toEqual([]);
    expect(t.view()).toEqual([]);
  });

  it('maps roster subscription indexes to calls and back', () => {
    const t = tableWithCall();
    expect(t.callForRosterIndex(2)).toBe('c1');
    expect(t.callForRosterIndex(3)).toBeUndefined();
    expect(t.rosterSubscriptions()).toEqual([{ call: 'c1', index: 2 }]);
    t.applyCallList([{ call: 'c1', updateType: 'remove' }]);
    expect(t.callForRosterIndex(2)).toBeUndefined();
  });
});
