import { describe, expect, it } from 'vitest';
import { sipKey } from '../../shared/sip-uri.js';

describe('sipKey', () => {
  it.each([
    ['sip:ba-be@vc.backan.gov.vn', 'ba-be@vc.backan.gov.vn'],
    ['SIP:Ba-Be@VC.backan.gov.vn', 'ba-be@vc.backan.gov.vn'],
    ['sips:ba-be@vc.backan.gov.vn;transport=tls', 'ba-be@vc.backan.gov.vn'],
    ['"UBND huyện Ba Bể" <sip:ba-be@vc.backan.gov.vn>', 'ba-be@vc.backan.gov.vn'],
    ['ba-be@vc.backan.gov.vn', 'ba-be@vc.backan.gov.vn'],
    ['  sip:x@y?subject=z ', 'x@y'],
  ])('%s → %s', (uri, key) => expect(sipKey(uri)).toBe(key));
});
