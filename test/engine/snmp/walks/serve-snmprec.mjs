// A recorded walk served by Debian's snmpd: a pass_persist helper (snmpd.conf
// `pass_persist <subtree> <node> serve-snmprec.mjs <file.snmprec> <subtree>`) that answers
// get/getnext under <subtree> from a .snmprec file as snmpsim reads them: `oid|tag|value` per
// line, tags 2 Integer, 4 OctetString (4x: hex), 6 OID, 64 IpAddress, 65 Counter32, 66 Gauge32,
// 67 TimeTicks, 70 Counter64. Of snmpsim's variation modules it knows the `numeric` one's
// `initial` and `rate` (per second, since this helper started), so a counter moves, and wraps at
// its size (2^32 for Counter32), between two polls: `1.3.6.1.2.1.2.2.1.10.2|65:numeric|initial=4294000000,rate=500000`.
// snmpd encodes the PDUs: what the poller reads is a real agent's answer.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [file, subtree] = process.argv.slice(2);
const started = Date.now();
const base = subtree.replace(/^\./, '');
const arcs = (oid) => oid.replace(/^\./, '').split('.').map(Number);
const compare = (a, b) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
};
const under = (oid) => oid === base || oid.startsWith(`${base}.`);

const TYPES = { 2: 'integer', 4: 'string', 6: 'objectid', 64: 'ipaddress', 65: 'counter', 66: 'gauge', 67: 'timeticks', 70: 'counter64' };
const SIZE = { 65: 2n ** 32n, 66: 2n ** 32n, 67: 2n ** 32n, 70: 2n ** 64n };

const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [oid, tag, ...rest] = line.split('|');
    const value = rest.join('|');
    const [code, variation] = tag.split(':');
    const hex = code.endsWith('x');
    const n = Number(hex ? code.slice(0, -1) : code);
    return { oid, arcs: arcs(oid), tag: n, hex, variation, value };
  })
  .filter((r) => under(r.oid))
  .sort((a, b) => compare(a.arcs, b.arcs));

function render(r) {
  if (r.variation === 'numeric') {
    const opt = Object.fromEntries(r.value.split(',').map((kv) => kv.split('=')));
    const grown = BigInt(opt.initial ?? 0) + BigInt(Math.floor(Number(opt.rate ?? 0) * ((Date.now() - started) / 1000)));
    return [TYPES[r.tag], String(SIZE[r.tag] ? grown % SIZE[r.tag] : grown)];
  }
  if (r.tag === 4 && r.hex) return ['octet', r.value.replace(/(..)/g, '$1 ').trim()];
  return [TYPES[r.tag], r.value];
}

const reply = (r) => (r ? [`.${r.oid}`, ...render(r)].join('\n') : 'NONE');
const lines = createInterface({ input: process.stdin });
const pending = [];
lines.on('line', (line) => {
  pending.push(line.trim());
  while (pending.length) {
    const cmd = pending[0];
    if (cmd === 'PING') {
      pending.shift();
      process.stdout.write('PONG\n');
    } else if (cmd === 'get' || cmd === 'getnext') {
      if (pending.length < 2) return;
      const asked = arcs(pending[1]);
      pending.splice(0, 2);
      const r = cmd === 'get' ? rows.find((x) => compare(x.arcs, asked) === 0) : rows.find((x) => compare(x.arcs, asked) > 0);
      process.stdout.write(`${reply(r)}\n`);
    } else if (cmd === 'set') {
      if (pending.length < 3) return;
      pending.splice(0, 3);
      process.stdout.write('not-writable\n');
    } else {
      pending.shift();
      if (cmd === '') process.exit(0);
    }
  }
});
lines.on('close', () => process.exit(0));
