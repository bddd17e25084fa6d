import { describe, expect, it } from 'vitest';
import { decodeEntities, parseXml, XML_LIMITS, xmlChild, xmlChildText, XmlError } from '../../../electron/engine/mcu/xml.js';
import { failureDetail, idFromLocation, parseCallLegIds } from '../../../electron/engine/mcu/cms/rest-client.js';
import { McuActionError } from '../../../electron/engine/mcu/mcu-driver.js';

// CMS answers as Cisco's API blueprint shows them, and the ways an answer can be broken or hostile.

const CALL_LEGS = `<?xml version="1.0"?>
<callLegs total="1">
  <callLeg id="dbe60866-061d-49b3-8399-e95d6248bc2d">
    <name>Ken Thompson</name>
    <remoteParty>ken@ciscolabs.com</remoteParty>
    <call>b393d2cb-60ec-418c-9991-6ef4e72fa47b</call>
  </callLeg>
</callLegs>`;

describe('parseXml', () => {
  it('reads elements, attributes and text of a CMS collection', () => {
    const root = parseXml(CALL_LEGS);
    expect(root.name).toBe('callLegs');
    expect(root.attributes).toEqual({ total: '1' });
    const leg = xmlChild(root, 'callLeg')!;
    expect(leg.attributes.id).toBe('dbe60866-061d-49b3-8399-e95d6248bc2d');
    expect(xmlChildText(leg, 'remoteParty')).toBe('ken@ciscolabs.com');
    expect(xmlChildText(leg, 'missing')).toBeUndefined();
  });

  it('decodes the predefined entities and character references in text and attributes', () => {
    const root = parseXml(`<a t="&quot;x&quot; &amp; &#39;y&apos;"><n>Ph&#242;ng h&#x1ECD;p &lt;1&gt; &#x1F600;</n></a>`);
    expect(root.attributes.t).toBe(`"x" & 'y'`);
    expect(xmlChildText(root, 'n')).toBe('Phòng họp <1> 😀');
  });

  it('keeps CDATA literally, skips comments, processing instructions and a BOM', () => {
    const root = parseXml(`\uFEFF<?xml version="1.0"?><!-- hi --><a><![CDATA[<b>&amp;</b>]]><!-- c --></a>`);
    expect(root.text).toBe('<b>&amp;</b>');
    expect(root.children).toEqual([]);
  });

  it('reads self-closing elements and single-quoted attributes', () => {
    const root = parseXml(`<failureDetails><parameterError parameter='chosenLayout' error="invalidValue" /></failureDetails>`);
    expect(root.children[0]).toMatchObject({ name: 'parameterError', attributes: { parameter: 'chosenLayout', error: 'invalidValue' } });
  });

  it.each([
    ['a DOCTYPE (entity declarations, external entities)', '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', /DOCTYPE/],
    ['an undeclared entity', '<a>&x;</a>', /Unknown entity &x;/],
    ['an entity named like an Object property', '<a>&toString;</a>', /Unknown entity/],
    ['a bare ampersand', '<a>fish & chips</a>', /Bare "&"/],
    ['an illegal character reference', '<a>&#0;</a>', /not a legal XML character/],
    ['mismatched tags', '<a><b></a></b>', /closes <b>/],
    ['an unclosed element', '<a><b></b>', /Unclosed <a>/],
    ['two roots', '<a/><b/>', /More than one root/],
    ['text outside the root', 'hello <a/>', /Text outside/],
    ['an empty document', '   ', /No root element/],
    ['a duplicate attribute', '<a x="1" x="2"/>', /Duplicate attribute/],
    ['an unquoted attribute', '<a x=1/>', /quoted value/],
    ['"<" in an attribute', '<a x="<"/>', /"<" in the value/],
    ['a truncated document', '<calls total="1"><call id="x"><na', /Unterminated|Expected/],
  ])('refuses %s', (_what, doc, message) => {
    expect(() => parseXml(doc)).toThrow(XmlError);
    expect(() => parseXml(doc)).toThrow(message);
  });

  it('bounds depth and size', () => {
    const deep = '<a>'.repeat(XML_LIMITS.maxDepth + 1) + '</a>'.repeat(XML_LIMITS.maxDepth + 1);
    expect(() => parseXml(deep)).toThrow(/deeper/);
    expect(() => parseXml(`<a>${'x'.repeat(XML_LIMITS.maxChars)}</a>`)).toThrow(/longer than/);
  });

  it('decodeEntities leaves text without "&" alone', () => {
    expect(decodeEntities('plain')).toBe('plain');
    expect(decodeEntities('&amp;amp;')).toBe('&amp;');
  });
});

describe('CMS answers', () => {
  it('failureDetail names the reason, with its attributes', () => {
    expect(failureDetail('<?xml version="1.0"?><failureDetails><callLegDoesNotExist /></failureDetails>')).toBe('callLegDoesNotExist');
    expect(failureDetail('<failureDetails><parameterError parameter="chosenLayout" error="invalidValue" /></failureDetails>')).toBe(
      'parameterError (parameter=chosenLayout, error=invalidValue)',
    );
    expect(failureDetail('')).toBeNull();
    expect(failureDetail('<html>failureDetails</html')).toBeNull();
    expect(failureDetail('<failureDetails></failureDetails>')).toBeNull();
  });

  it('parseCallLegIds lists leg ids, or the remote Call Bridge', () => {
    expect(parseCallLegIds(CALL_LEGS)).toEqual({ legs: ['dbe60866-061d-49b3-8399-e95d6248bc2d'], callBridge: null });
    expect(parseCallLegIds('<callLegs total="0"><callBridge id="cb-2"/></callLegs>')).toEqual({ legs: [], callBridge: 'cb-2' });
    expect(() => parseCallLegIds('<participants total="0"/>')).toThrow(McuActionError);
  });

  it('idFromLocation takes the last path segment', () => {
    expect(idFromLocation('/api/v1/participants/2671a77d-4bd5-4bf2-8ed6-f14afd80c2ac')).toBe('2671a77d-4bd5-4bf2-8ed6-f14afd80c2ac');
    expect(idFromLocation(' /api/v1/participants/a%20b ')).toBe('a b');
    expect(idFromLocation(undefined)).toBeNull();
    expect(idFromLocation('')).toBeNull();
  });
});
