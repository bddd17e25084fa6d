import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** Why a file could not be read, in words (the caller puts the path in front). */
export class BoundedReadError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BoundedReadError';
  }
}

export interface ReadLimits {
  /** Refuse anything larger (default 16 MB). */
  readonly maxBytes?: number;
  /** Give up a read that has not finished by then (default 10 s: a hung network share). */
  readonly timeoutMs?: number;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
// O_NONBLOCK: opening a FIFO never waits for a writer; O_NOCTTY: a terminal never becomes ours.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function kindOf(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a file';
  if (st.isSocket()) return 'is a socket, not a file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a file';
  return 'is not a regular file';
}

function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  return (e as Error).message ?? String(e);
}

/**
 * Read a whole regular file, refusing FIFOs, devices, sockets and directories before opening
 * anything that could block, with a cap on size and on time. Rejects with BoundedReadError.
 */
export async function readBounded(file: string, limits: ReadLimits = {}): Promise<{ bytes: Buffer; stats: Stats }> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let before: Stats;
  try {
    before = await stat(file);
  } catch (e) {
    throw new BoundedReadError(errnoReason(e));
  }
  const kind = kindOf(before);
  if (kind) throw new BoundedReadError(kind);
  const tooBig = (size: number) => new BoundedReadError(`too large (${size} bytes; at most ${maxBytes})`);
  if (before.size > maxBytes) throw tooBig(before.size);

  let handle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (e) {
    throw new BoundedReadError(errnoReason(e));
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BoundedReadError(`not read within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const read = async (): Promise<{ bytes: Buffer; stats: Stats }> => {
      // The path may have been swapped between stat and open: check what was actually opened.
      const stats = await handle.stat();
      const openedKind = kindOf(stats);
      if (openedKind) throw new BoundedReadError(openedKind);
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
        if (total > maxBytes) throw tooBig(total);
      }
      return { bytes: Buffer.concat(chunks, total), stats };
    };
    return await Promise.race([read(), deadline]);
  } catch (e) {
    if (e instanceof BoundedReadError) throw e;
    throw new BoundedReadError(errnoReason(e));
  } finally {
    clearTimeout(timer);
    // Not awaited: closing waits for a read still pending on a hung share.
    void handle.close().catch(() => {});
  }
}
