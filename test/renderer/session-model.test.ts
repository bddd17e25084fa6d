import { describe, expect, it } from 'vitest';
import vi from '../../assets/locales/session.vi.json';
import en from '../../assets/locales/session.en.json';
import { requests } from '../../shared/api/contract.js';
import { LAYOUTS, MCU_STATES, PARTICIPANT_STATES } from '../../shared/conference.js';
import {
  controlBlock,
  dialCandidates,
  districtChoices,
  endpointSites,
  looksLikeUri,
  rosterRows,
  scopeChoices,
  sitesPresent,
  tierChoices,
} from '../../renderer/features/session/session-model.js';
import { NETWORK } from './fixtures.js';
import { conference, participant } from './session-fixtures.js';


describe('session catalogues', () => {
  it('name every layout, MCU state, participant state and conference action', () => {
    for (const cat of [vi.session, en.session]) {
      for (const l of LAYOUTS) {
        expect(cat.layout[l], l).toBeTruthy();
        expect(cat.layoutHint[l], l).toBeTruthy();
      }
      for (const s of MCU_STATES) expect(cat.mcu.state[s], s).toBeTruthy();
      for (const s of PARTICIPANT_STATES) expect(cat.state[s], s).toBeTruthy();
      const conferenceActions = ['muteParticipant', 'muteAllExceptChair', 'setLayout', 'dialOut', 'connectSites', 'disconnectParticipant', 'endConference'] as const;
      for (const a of conferenceActions) {
        expect(a in requests).toBe(true);
        expect(cat.action[a], a).toBeTruthy();
      }
    }
  });
});

describe('session model', () => {
  it('lets operators and technicians act, not supervisors, and only with the link, the MCU and the roster', () => {
    const ok = { linkOpen: true, identity: { user: 'lan', role: 'operator' as const }, mcu: { state: 'ok' as const, message: '', since: '' }, rosterKnown: true };
    expect(controlBlock(ok)).toBeNull();
    expect(controlBlock({ ...ok, identity: { user: 't', role: 'technician' } })).toBeNull();
    expect(controlBlock({ ...ok, identity: { user: 'hoa', role: 'supervisor' } })).toBe('role');
    expect(controlBlock({ ...ok, identity: null })).toBe('identity');
    expect(controlBlock({ ...ok, linkOpen: false })).toBe('link');
    expect(controlBlock({ ...ok, mcu: { state: 'disconnected', message: 'retrying in 4 s', since: '' } })).toBe('mcu');
    expect(controlBlock({ ...ok, mcu: null })).toBe('mcu');
    expect(controlBlock({ ...ok, rosterKnown: false })).toBe('roster');
  });

  it('groups sites by district as the engine does, and by tier', () => {
    expect(districtChoices(NETWORK).map((d) => [d.value, d.name, d.siteIds])).toEqual([
      ['ba-be', 'UBND huyện Ba Bể', ['ba-be', 'ba-be-cho-ra', 'ba-be-nam-mau']],
      ['cho-don', 'UBND huyện Chợ Đồn', ['cho-don', 'cho-don-bang-lung']],
    ]);
    expect(tierChoices(NETWORK).map((t) => [t.value, t.siteIds.length])).toEqual([
      ['province', 2],
      ['district', 2],
      ['commune', 3],
    ]);
  });

  it('offers every site the console shows as one choice, for connecting the whole scope', () => {
    expect(scopeChoices(NETWORK)).toEqual([{ value: 'scope', name: '', siteIds: NETWORK.sites.map((s) => s.id) }]);
    expect(scopeChoices(NETWORK)[0]!.siteIds).toHaveLength(7);
    expect(scopeChoices(null)).toEqual([]);
    expect(scopeChoices({ ...NETWORK, sites: [] })).toEqual([]);
  });

  it('knows which sites are already in the call', () => {
    const sites = endpointSites(NETWORK);
    const c = conference({ participants: [participant('a', 'ba-be-1'), participant('b', 'ba-be-nam-mau-1', { state: 'disconnected' })] });
    expect([...sitesPresent(['ba-be', 'ba-be-cho-ra', 'ba-be-nam-mau'], c, sites)]).toEqual(['ba-be']);
  });

  it('orders the roster by tier then name, outsiders and those who left last', () => {
    const rows = rosterRows(
      conference({
        participants: [
          participant('x', null, { name: 'An Giang' }),
          participant('gone', 'so-tttt-1', { state: 'disconnected' }),
          participant('c', 'ba-be-cho-ra-1'),
          participant('d', 'ba-be-1'),
          participant('p', 'ubnd-tinh-1'),
        ],
      }),
      endpointSites(NETWORK),
      NETWORK.tiers,
      new Intl.Collator('vi-VN'),
    );
    expect(rows.map((r) => `${r.participant.id}:${r.name}:${r.tier}`)).toEqual([
      'p:Văn phòng UBND tỉnh:province',
      'd:UBND huyện Ba Bể:district',
      'c:UBND xã Chợ Rã:commune',
      'x:An Giang:null',
      'gone:Sở Thông tin và Truyền thông:province',
    ]);
  });

  it('finds sites to dial with the diacritics folded (đ too), by name, id or URI', () => {
    expect(dialCandidates(NETWORK, 'chợ rã').map((c) => c.site.id)[0]).toBe('ba-be-cho-ra');
    expect(dialCandidates(NETWORK, 'nam mau').map((c) => c.site.id)).toEqual(['ba-be-nam-mau']);
    expect(dialCandidates(NETWORK, 'CHỢ ĐỒN').map((c) => c.site.id)).toEqual(['cho-don', 'cho-don-bang-lung']);
    expect(dialCandidates(NETWORK, 'cho don bang').map((c) => c.endpointId)).toEqual(['cho-don-bang-lung-1']);
    expect(dialCandidates(NETWORK, '   ')).toEqual([]);
    expect(dialCandidates(NETWORK, 'ubnd', 2)).toHaveLength(2);
    expect(looksLikeUri('sip:guest@hanoi.gov.vn')).toBe(true);
    expect(looksLikeUri('guest@hanoi.gov.vn')).toBe(true);
    expect(looksLikeUri('cho ra')).toBe(false);
  });
});
