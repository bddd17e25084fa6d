// The agents of bench/discovery.mjs, in a process of their own so that they do not share the
// engine's event loop: the simulator's codec agents for the inventory given on argv[2] (JSON).
// Says { type: 'ready' } over IPC once every agent listens; exits when the parent goes away.
import { loadProfiles, startSimulator } from '../out/bench-discovery/entry.js';

process.on('disconnect', () => process.exit(0));
try {
  const sim = await startSimulator({ inventory: JSON.parse(process.argv[2]), profiles: loadProfiles(), trapTarget: null, scenario: 'static' });
  process.on('message', (m) => {
    if (m?.type === 'stop') void sim.close().then(() => process.exit(0));
  });
  process.send({ type: 'ready' });
} catch (e) {
  process.send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}
