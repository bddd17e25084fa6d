import { describe, expect, it } from 'vitest';
import { dialAddress, sipKey } from '../../shared/sip-uri.js';

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

describe('sipKey: URIs as a CMS reports them', () => {
  it.each([
    // Cisco's number parameter, user=phone from a gateway, a port-less IP host.
    ['sip:1001@example.vn;x-cisco-number=1001', '1001@example.vn'],
    ['1001@example.vn;x-cisco-number=1001', '1001@example.vn'],
    ['0450795869@10.83.154.150;user=phone', '0450795869@10.83.154.150'],
    ['<sip:babe@vc.backan.gov.vn>;tag=9a8b', 'babe@vc.backan.gov.vn'],
  ])('%s → %s', (uri, key) => expect(sipKey(uri)).toBe(key));
});

describe('dialAddress (CMS remoteParty form)', () => {
  it.each([
    ['sip:babe@vc.backan.gov.vn', 'babe@vc.backan.gov.vn'],
    ['SIPS:Room.1@VC.backan.gov.vn;transport=tls', 'Room.1@VC.backan.gov.vn'],
    ['"UBND huyện Ba Bể" <sip:babe@vc.backan.gov.vn>', 'babe@vc.backan.gov.vn'],
    ['babe@vc.backan.gov.vn', 'babe@vc.backan.gov.vn'],
    ['10.1.144.129', '10.1.144.129'],
    ['1001', '1001'],
    ['tel:+842093870000', '+842093870000'],
    ['sip:1001@example.vn;x-cisco-number=1001', '1001@example.vn'],
    ['  sip:x@y?subject=z ', 'x@y'],
    ['babe@vc.backan.gov.vn:5061', 'babe@vc.backan.gov.vn:5061'],
  ])('%s → %s', (uri, address) => expect(dialAddress(uri)).toBe(address));

  it.each(['', '   ', 'sip:', '<>', ';transport=tls', 'sip:;x=y'])('nothing dialable in %j → null', (uri) => expect(dialAddress(uri)).toBeNull());
});
