import { describe, expect, it } from 'vitest';
import type { ConferencesView } from '../../shared/conference.js';
import { toNetworkView, validateInventory, type Inventory } from '../../shared/inventory.js';
import { REDACTED, scopeKey, scopeView, type ScopeSite } from '../../shared/scope.js';
import { scopeConferences, scopeEvent, scopeHealth, scopeNetwork, scopeStatusDelta } from '../../shared/scope-filters.js';
import { unknownStatus } from '../../shared/status.js';
import { smallInventory } from '../fixtures/inventory.js';

const inv = (() => {
  const r = validateInventory(smallInventory());
  if (!r.ok) throw new Error('fixture');
  return r.inventory;
})() as Inventory;

describe('scopeView', () => {
  it('sees each scope root with everything below it, and nothing above or beside', () => {
    const v = scopeView(inv.sites, ['ba-be']);
    expect([...v.siteIds].sort()).toEqual(['ba-be', 'ba-be-cho-ra', 'ba-be-nam-mau']);
    expect([...v.endpointIds].sort()).toEqual(['ba-be-1', 'ba-be-cho-ra-1', 'ba-be-nam-mau-1']);
  });

  it('takes several roots, nested roots once, and ignores unknown ids', () => {
    const v = scopeView(inv.sites, ['ba-be-cho-ra', 'ba-be', 'na-ri-kim-hy', 'nowhere']);
    expect([...v.siteIds].sort()).toEqual(['ba-be', 'ba-be-cho-ra', 'ba-be-nam-mau', 'na-ri-kim-hy']);
    expect(scopeView(inv.sites, ['nowhere']).siteIds.size).toBe(0);
  });

  it('gives one key per distinct scope', () => {
    expect(scopeKey(['na-ri', 'ba-be', 'na-ri'])).toBe(scopeKey(['ba-be', 'na-ri']));
    expect(scopeKey(['ba-be'])).not.toBe(scopeKey(['na-ri']));
  });

  it('redacts whole hidden names and leaves visible names, even when one contains the other', () => {
    const sites: ScopeSite[] = [
      { id: 'a', name: 'Bắc Kạn', endpoints: [] },
      { id: 'b', name: 'UBND thành phố Bắc Kạn', parent: 'a', endpoints: [] },
      { id: 'c', name: 'Chợ Rã', parent: 'a', endpoints: [] },
    ];
    const v = scopeView(sites, ['b']);
    expect(v.redact('UBND thành phố Bắc Kạn họp với Chợ Rã, Bắc Kạn')).toBe(`UBND thành phố Bắc Kạn họp với ${REDACTED}, ${REDACTED}`);
    expect(scopeView(sites, ['a']).redact('Chợ Rã')).toBe('Chợ Rã');
  });

  it('is linear: 100,000 sites scoped in well under a second', () => {
    const sites: ScopeSite[] = [{ id: 'root', name: 'root', endpoints: [] }];
    for (let i = 0; i < 1000; i++) {
      sites.push({ id: `d${i}`, name: `District ${i}`, parent: 'root', endpoints: [{ id: `d${i}-1` }] });
      for (let j = 0; j < 99; j++) sites.push({ id: `d${i}-c${j}`, name: `Commune ${i}.${j}`, parent: `d${i}`, endpoints: [{ id: `d${i}-c${j}-1` }] });
    }
    const t = performance.now();
    const v = scopeView(sites, ['d7']);
    const ms = performance.now() - t;
    expect(v.siteIds.size).toBe(100);
    expect(v.endpointIds.has('d7-c98-1')).toBe(true);
    expect(ms).toBeLessThan(1000);
  });
});

describe('payload filters', () => {
  const view = scopeView(inv.sites, ['ba-be']);

  it('cuts the tree at the scope roots: no ancestor, no outside district', () => {
    const net = scopeNetwork(toNetworkView(inv), view);
    expect(net.sites.map((s) => [s.id, s.parent, s.district])).toEqual([
      ['ba-be', null, 'ba-be'],
      ['ba-be-cho-ra', 'ba-be', 'ba-be'],
      ['ba-be-nam-mau', 'ba-be', 'ba-be'],
    ]);
    const commune = scopeNetwork(toNetworkView(inv), scopeView(inv.sites, ['ba-be-cho-ra']));
    expect(commune.sites).toEqual([expect.objectContaining({ id: 'ba-be-cho-ra', parent: null, district: null })]);
  });

  it('drops deltas with nothing of the scope and keeps removals it knew', () => {
    const delta = { kind: 'delta' as const, seq: 9, updates: [unknownStatus('na-ri-1', 'na-ri')], removed: ['na-ri-kim-hy-1'] };
    expect(scopeStatusDelta(delta, view, 3, (id) => view.endpointIds.has(id))).toBeNull();
    const mixed = { ...delta, updates: [...delta.updates, unknownStatus('ba-be-1', 'ba-be')], removed: ['old-ba-be-2'] };
    expect(scopeStatusDelta(mixed, view, 3, (id) => id === 'old-ba-be-2')).toEqual({ kind: 'delta', seq: 3, updates: [unknownStatus('ba-be-1', 'ba-be')], removed: ['old-ba-be-2'] });
  });

  it('keeps events of the scope and engine-wide ones, with hidden names redacted', () => {
    const e = { id: 1, at: 't', code: 'down' as const, severity: 'critical' as const, endpointId: 'ba-be-1', siteId: 'ba-be', text: 'above: Văn phòng UBND tỉnh' };
    expect(scopeEvent(e, view)).toEqual({ ...e, text: `above: ${REDACTED}` });
    expect(scopeEvent({ ...e, endpointId: 'na-ri-1', siteId: 'na-ri' }, view)).toBeNull();
    expect(scopeEvent({ ...e, endpointId: null, siteId: 'na-ri' }, view)).toBeNull();
    expect(scopeEvent({ ...e, endpointId: null, siteId: null, text: 'trap from 10.0.0.9' }, view)).not.toBeNull();
  });

  it('keeps only the scope’s participants and hides conferences without any', () => {
    const p = (id: string, endpointId: string | null, name: string) => ({ id, endpointId, name, uri: `sip:${id}`, state: 'connected' as const, audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null });
    const v: ConferencesView = {
      mcu: { state: 'ok', message: '', since: 't' },
      conferences: [
        { id: 'c1', name: 'Giao ban với UBND huyện Na Rì', layout: null, rosterKnown: true, participants: [p('1', 'ba-be-1', 'UBND huyện Ba Bể'), p('2', 'na-ri-1', 'UBND huyện Na Rì'), p('3', null, 'Chính phủ')] },
        { id: 'c2', name: 'Na Rì only', layout: null, rosterKnown: true, participants: [p('4', 'na-ri-1', 'UBND huyện Na Rì')] },
      ],
    };
    const out = scopeConferences(v, view);
    expect(out.conferences).toHaveLength(1);
    expect(out.conferences[0]!.name).toBe(`Giao ban với ${REDACTED}`);
    expect(out.conferences[0]!.participants.map((x) => x.id)).toEqual(['1']);
  });

  it('counts the scope’s endpoints in health, not the network’s', () => {
    expect(scopeHealth({ ok: true, version: '1', endpoints: 6, mcu: 'ok' }, view).endpoints).toBe(3);
  });
});
