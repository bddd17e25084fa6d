import { describe, expect, it } from 'vitest';
import vi from '../../assets/locales/map.vi.json';
import en from '../../assets/locales/map.en.json';
import { MCU_STATES, PARTICIPANT_STATES } from '../../shared/conference.js';
import { LINK_CODES } from '../../renderer/features/map/map-status.js';


describe('map message catalogues', () => {
  it('name every MCU state, participant state and link health (layouts: one list, test/renderer/layout-words.test.ts)', () => {
    for (const cat of [vi.map, en.map]) {
      for (const s of MCU_STATES) expect(cat.mcu.state[s], s).toBeTruthy();
      for (const s of PARTICIPANT_STATES) expect(cat.participant[s], s).toBeTruthy();
      for (const l of LINK_CODES) if (l !== 'none') expect(cat.legend.link[l], l).toBeTruthy();
    }
  });
});
