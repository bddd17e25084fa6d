import { startEngine, type Engine } from '../engine/engine.js';
import { RENDERER_DIR } from '../engine/paths.js';
import { createConsoleServer, type ConsoleServer } from './http-server.js';

export interface ServeOptions {
  readonly inventoryPath: string | null;
  readonly host: string;
  readonly port: number;
  readonly rendererDir?: string;
}

export interface RunningConsole {
  readonly engine: Engine;
  readonly server: ConsoleServer;
  readonly url: string;
  close(): Promise<void>;
}

/** The headless console: the engine, plus HTTP and WebSocket on one port. */
export async function serve(options: ServeOptions): Promise<RunningConsole> {
  const engine = await startEngine({ inventoryPath: options.inventoryPath });
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
