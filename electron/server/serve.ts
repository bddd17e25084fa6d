import { RENDERER_DIR } from '../engine/paths.js';
import { startConsole, type RunningEngine } from './console-runtime.js';
import { createConsoleServer, type ConsoleServer } from './http-server.js';

export interface ServeOptions {
  readonly inventoryPath: string | null;
  /** Run the simulated province alongside (always, when no inventory is given). */
  readonly demo?: boolean;
  /** Poll and listen for traps (default true). */
  readonly monitoring?: boolean;
  /** The SQLite file (audit log, schedule); in memory when not given. */
  readonly databasePath?: string;
  readonly host: string;
  readonly port: number;
  readonly rendererDir?: string;
}

export interface RunningConsole {
  readonly engine: RunningEngine;
  readonly server: ConsoleServer;
  readonly url: string;
  close(): Promise<void>;
}

/** The headless console: the engine, plus HTTP and WebSocket on one port. */
export async function serve(options: ServeOptions): Promise<RunningConsole> {
  const engine = await startConsole({
    inventoryPath: options.inventoryPath,
    demo: options.demo ?? options.inventoryPath === null,
    monitoring: options.monitoring,
    databasePath: options.databasePath,
  });
  const server = createConsoleServer({ engine, rendererDir: options.rendererDir ?? RENDERER_DIR });
  try {
    const { port } = await server.listen(options.port, options.host);
    const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
    return {
      engine,
      server,
      url: `http://${shownHost}:${port}/`,
      close: async () => {
        await server.close();
        await engine.close();
      },
    };
  } catch (e) {
    await engine.close();
    throw e;
  }
}
