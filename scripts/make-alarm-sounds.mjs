// Writes the console's two alarm sounds (assets/sounds/*.wav), so they are ours and can be remade.
// ISA-18.2 asks for a sound per priority that a person tells apart without looking: critical is
// three short high pulses, high two lower ones. 16-bit mono PCM at 22,050 Hz, soft attack and
// release (no clicks), about 0.7 s each. Run: node scripts/make-alarm-sounds.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RATE = 22_050;

function tone(pulses, freq, pulseS, gapS) {
  const total = Math.round(RATE * pulses * (pulseS + gapS));
  const samples = new Int16Array(total);
  const pulseN = Math.round(RATE * pulseS);
  const stepN = Math.round(RATE * (pulseS + gapS));
  const edge = Math.round(RATE * 0.01);
  for (let p = 0; p < pulses; p++) {
    for (let i = 0; i < pulseN; i++) {
      const envelope = Math.min(1, i / edge, (pulseN - i) / edge);
      // A fundamental with a little of its octave: clearer on small speakers than a pure sine.
      const t = i / RATE;
      const v = 0.8 * Math.sin(2 * Math.PI * freq * t) + 0.2 * Math.sin(4 * Math.PI * freq * t);
      samples[p * stepN + i] = Math.round(v * envelope * 0.5 * 32767);
    }
  }
  return samples;
}

function wav(samples) {
  const data = Buffer.from(samples.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const dir = join(import.meta.dirname, '../assets/sounds');
writeFileSync(join(dir, 'alarm-critical.wav'), wav(tone(3, 988, 0.14, 0.09)));
writeFileSync(join(dir, 'alarm-high.wav'), wav(tone(2, 659, 0.2, 0.15)));
console.log(`make-alarm-sounds: wrote ${dir}/alarm-critical.wav and alarm-high.wav`);
