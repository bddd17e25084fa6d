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

  it('CMS layouts the console does not offer show as none', () => {
    const t = tableWithCall();
    const res = t.applyRoster('c1', [r('p1', 'add', { layout: 'onePlusN' })]);
    expect(res.problems).toEqual([]);
    expect(t.participant('c1', 'p1')?.layout).toBeNull();
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
