import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { BURST, SweepSocket } from '../../../electron/engine/discovery/sweep-socket.js';

/** The most sends in any window of one second. */
function busiestSecond(times: readonly number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const stall = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a busy engine: no timer runs meanwhile
  }
};

describe('the sweep socket', () => {
  it('keeps every second at or under the rate even when the event loop stalls, catches up after, and every datagram arrives', async () => {
    const agent = createSocket('udp4');
    let received = 0;
    agent.on('message', () => received++);
    await new Promise<void>((resolve) => agent.bind(0, '127.0.0.1', resolve));
    const port = agent.address().port;
    const times: number[] = [];
    const socket = new SweepSocket(40, () => times.push(performance.now()));
    const sent: Promise<void>[] = [];
    const queueAll = (n: number) => {
      for (let i = 0; i < n; i++) sent.push(new Promise((resolve, reject) => socket.enqueue(Buffer.from([i]), port, '127.0.0.1', (e) => (e ? reject(e) : resolve()))));
    };
    queueAll(100);
    await new Promise((resolve) => setTimeout(resolve, 400));
    stall(300);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stall(300);
    await Promise.all(sent);
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.close();
    agent.close();
    expect(received).toBe(100);
    expect(socket.sent).toBe(100);
    expect(busiestSecond(times)).toBeLessThanOrEqual(40);
    // After a stall, up to BURST leave at once: the sweep does not fall behind its rate.
    let most = 1;
    for (let i = 1, run = 1; i < times.length; i++) {
      run = times[i]! - times[i - 1]! < 1 ? run + 1 : 1;
      most = Math.max(most, run);
    }
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(BURST);
    expect(times.at(-1)! - times[0]!).toBeLessThan(2800);
  });

  it('closing drops what waits: each waiting send ends with an error, nothing more leaves', async () => {
    const socket = new SweepSocket(10);
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) socket.enqueue(Buffer.from([i]), 9, '127.0.0.1', (e) => outcomes.push(e ? e.message : 'sent'));
    socket.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socket.sent).toBe(1);
    // The one that left had not completed either: its callback too ends with the close.
    expect(outcomes).toEqual(Array(5).fill('sweep socket closed'));
    socket.enqueue(Buffer.from([9]), 9, '127.0.0.1', (e) => outcomes.push(e ? e.message : 'sent'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(socket.sent).toBe(1);
    expect(outcomes.at(-1)).toBe('sweep socket closed');
  });
});
