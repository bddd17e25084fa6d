import { createSocket, type RemoteInfo } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type snmp from 'net-snmp';
import { describe, expect, it } from 'vitest';
import { containMessageHandlers } from '../../../electron/engine/snmp/contain.js';
import { classifyReceiverError } from '../../../electron/engine/snmp/trap-rejection.js';

function err(name: string, message: string, extra: Record<string, unknown> = {}): snmp.SnmpError {
  return Object.assign(new Error(message), { name }, extra);
}

describe('classifyReceiverError', () => {
  it('names the reason for each error net-snmp passes to the receiver callback', () => {
    expect(classifyReceiverError(err('ProcessingError', 'Failure to process incoming message', { error: new Error('Expected 0x2: got 0x30') }))).toEqual({
      reason: 'malformed',
      detail: 'Expected 0x2: got 0x30',
    });
    expect(classifyReceiverError(err('ProcessingError', 'Failure to encode inform response', { error: new Error("Unknown type '3' in request") }))).toEqual({
      reason: 'unencodable_reply',
      detail: "Unknown type '3' in request",
    });
    expect(classifyReceiverError(err('RequestFailedError', 'Community not found for message with community s3cret'))).toEqual({ reason: 'auth', detail: 'unknown community' });
    expect(classifyReceiverError(err('RequestInvalidError', 'Unexpected PDU type 162 (GetResponse)'))).toMatchObject({ reason: 'unexpected_pdu' });
    expect(classifyReceiverError(err('TypeError', 'x is undefined'))).toMatchObject({ reason: 'library_error' });
  });

  it('never quotes a community, and keeps details short', () => {
    expect(classifyReceiverError(err('ResponseInvalidError', 'something about community hunter2'))!.detail).toBe('refused by the authorizer');
    expect(classifyReceiverError(err('TypeError', 'x'.repeat(500)))!.detail.length).toBeLessThanOrEqual(120);
  });

  it('a socket bind error is no datagram', () => {
    expect(classifyReceiverError(err('Error', 'bind EADDRINUSE', { code: 'EADDRINUSE' }))).toBeNull();
  });

  it('the net-snmp patch is applied (npm ci runs patch-package): its message is what unencodable_reply keys on', () => {
    const source = readFileSync(createRequire(import.meta.url).resolve('net-snmp'), 'utf8');
    expect(source).toContain('"Failure to encode inform response"');
    expect(source).toContain('Unexpected Report PDU in an SNMPv');
  });
});

describe('containMessageHandlers', () => {
  it('catches what present and future message listeners throw; the socket keeps receiving', async () => {
    const socket = createSocket('udp4');
    const seen: string[] = [];
    socket.on('message', (m) => {
      if (m.toString() === 'boom-early') throw new Error('early listener');
    });
    const caught: [string, RemoteInfo][] = [];
    containMessageHandlers(socket, (e, rinfo) => caught.push([(e as Error).message, rinfo]));
    socket.on('message', (m) => {
      seen.push(m.toString());
      if (m.toString() === 'boom-late') throw new Error('late listener');
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const sender = createSocket('udp4');
    for (const text of ['boom-early', 'boom-late', 'fine']) await new Promise((r) => sender.send(text, socket.address().port, '127.0.0.1', r));
    await new Promise<void>((resolve) => {
      const wait = () => (seen.includes('fine') ? resolve() : setTimeout(wait, 10));
      wait();
    });
    expect(caught.map(([m]) => m)).toEqual(['early listener', 'late listener']);
    expect(caught[0]![1]).toMatchObject({ address: '127.0.0.1' });
    expect(seen).toEqual(['boom-early', 'boom-late', 'fine']);
    sender.close();
    socket.close();
  });
});
