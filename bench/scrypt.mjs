// Password verification time with scrypt (node:crypto) at OWASP's N = 2^17, r = 8, p = 1, and at
// N = 2^16 for comparison, measured in the same run. JSON on stdout.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { cpus } from 'node:os';

const RUNS = Number(process.env.BENCH_SCRYPT_RUNS ?? 15);

function derive(password, salt, log2N) {
  const N = 2 ** log2N;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N, r: 8, p: 1, maxmem: 128 * N * 8 * 2 + 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function measure(log2N) {
  const salt = randomBytes(16);
  const stored = await derive('correct horse battery staple', salt, log2N); // warm-up and the reference
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const key = await derive('correct horse battery staple', salt, log2N);
    timingSafeEqual(key, stored);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const round = (v) => Math.round(v * 10) / 10;
  return { N: `2^${log2N}`, r: 8, p: 1, memoryMiB: (128 * 2 ** log2N * 8) / 2 ** 20, runs: RUNS, medianMs: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)) };
}

const results = [await measure(17), await measure(16)];
const cpu = cpus()[0];
console.log(JSON.stringify({ bench: 'scrypt', node: process.version, cpu: cpu?.model ?? 'unknown', cores: cpus().length, budgetMs: 250, results }, null, 2));
