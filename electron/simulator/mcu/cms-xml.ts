import { effectiveLayout, type SimCall, type SimParticipant } from './cms-model.js';

/**
 * The XML bodies of the simulated CMS REST API, shaped as the API reference's examples:
 * `<?xml version="1.0"?>` then a compact document, collections as `<calls total="N">…</calls>`,
 * objects as `<call id="…">` with child elements, errors as `<failureDetails><x /></failureDetails>`.
 */

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const el = (name: string, value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined ? '' : `<${name}>${esc(String(value))}</${name}>`;

export const xmlDoc = (body: string): string => `<?xml version="1.0"?>${body}`;

export const failureDetails = (inner: string): string => xmlDoc(`<failureDetails>${inner}</failureDetails>`);
/** e.g. `<callLegDoesNotExist />` (Failure Reasons table). */
export const doesNotExist = (object: string): string => `<${object}DoesNotExist />`;
export const parameterError = (parameter: string, error: string): string =>
  `<parameterError parameter="${esc(parameter)}" error="${esc(error)}" />`;

/** `limit` / `offset` as on CMS: `total` counts all matches, the page holds at most `limit`. */
export function collection<T>(tag: string, items: readonly T[], query: URLSearchParams, render: (item: T) => string): string {
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  const limitRaw = Number.parseInt(query.get('limit') ?? '', 10);
  const limit = Number.isFinite(limitRaw) && limitRaw >= 0 ? limitRaw : items.length;
  const page = items.slice(offset, offset + limit);
  return xmlDoc(`<${tag} total="${items.length}">${page.map(render).join('')}</${tag}>`);
}

const seconds = (since: number): number => Math.max(0, Math.floor((Date.now() - since) / 1000));

export const callSummary = (c: SimCall): string =>
  `<call id="${c.id}">${el('name', c.name)}${el('coSpace', c.coSpace)}${el('callCorrelator', c.correlator)}</call>`;

export const callDetail = (c: SimCall): string =>
  xmlDoc(
    `<call id="${c.id}">${el('name', c.name)}${el('callType', 'coSpace')}${el('coSpace', c.coSpace)}${el('callCorrelator', c.correlator)}` +
      `${el('durationSeconds', seconds(c.createdAt))}${el('numCallLegs', c.participants.size)}${el('maxCallLegs', c.maxCallLegs)}` +
      `${el('numParticipantsLocal', c.participants.size)}${el('numParticipantsRemote', 0)}${el('numDistributedInstances', 0)}` +
      `${el('locked', false)}${el('recording', false)}${el('streaming', false)}${el('allowAllMuteSelf', false)}` +
      `${el('allowAllPresentationContribution', false)}${el('activeWhenEmpty', true)}${el('endpointRecording', false)}</call>`,
  );

export const participantSummary = (p: SimParticipant): string =>
  `<participant id="${p.id}">${el('name', p.name)}${el('call', p.callId)}</participant>`;

export const participantDetail = (p: SimParticipant): string =>
  xmlDoc(
    `<participant id="${p.id}">${el('name', p.name)}${el('call', p.callId)}${el('uri', p.uri)}${el('originalUri', p.uri)}` +
      `${el('numCallLegs', 1)}${el('isActivator', true)}${el('canMove', false)}` +
      `<configuration>${el('importance', p.importance)}</configuration><status>${el('state', p.state)}</status></participant>`,
  );

export const legSummary = (p: SimParticipant): string =>
  `<callLeg id="${p.legId}">${el('name', p.name)}${el('remoteParty', p.uri)}${el('originalRemoteParty', p.uri)}${el('call', p.callId)}</callLeg>`;

export const legDetail = (p: SimParticipant): string => {
  const { leg } = p;
  const configuration =
    `${el('chosenLayout', leg.chosenLayout)}${el('defaultLayout', leg.defaultLayout)}` +
    `${el('rxAudioMute', leg.rxAudioMute)}${el('txAudioMute', leg.txAudioMute)}${el('rxVideoMute', leg.rxVideoMute)}${el('txVideoMute', leg.txVideoMute)}`;
  const status =
    `${el('state', p.state)}${el('durationSeconds', seconds(p.createdAt))}${el('direction', p.direction)}` +
    `${el('layout', effectiveLayout(leg))}${el('activeLayout', effectiveLayout(leg))}`;
  return xmlDoc(
    `<callLeg id="${p.legId}">${el('name', p.name)}${el('remoteParty', p.uri)}${el('originalRemoteParty', p.uri)}${el('call', p.callId)}` +
      `${el('type', 'sip')}${el('direction', p.direction)}${el('canMove', false)}` +
      `<configuration>${configuration}</configuration><status>${status}</status></callLeg>`,
  );
};
