import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '../..') });

/** Lint a planted file as if it lived at `path`; returns the layering messages. */
async function plant(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(import.meta.dirname, '../..', path) });
  return result!.messages.filter((m) => m.ruleId?.startsWith('layers/')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint: the layering of design.md', () => {
  it.each([
    ['shared/planted.ts', "import { startEngine } from '../electron/engine/engine.js';\nexport const x = startEngine;", /shared must not import "\.\.\/electron\/engine\/engine\.js"/],
    ['shared/api/planted.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /it is a Node built-in/],
    ['shared/planted.ts', "import React from 'react';\nexport const x = React;", /package "react" is not allowed here/],
    ['renderer/planted.ts', "import { StatusTable } from '../electron/engine/status/status-table.js';\nexport const x = StatusTable;", /renderer must not import/],
    ['renderer/planted.ts', "import { WebSocketServer } from 'ws';\nexport const x = WebSocketServer;", /package "ws" is not allowed here/],
    ['electron/engine/planted.ts', "import { app } from 'electron';\nexport const x = app;", /electron\/engine must not import "electron"/],
    ['electron/server/planted.ts', "import Store from 'electron-store';\nexport const x = Store;", /package "electron-store"/],
    ['electron/simulator/planted.ts', "export const x = await import('electron');", /electron\/simulator must not import "electron"/],
    ['electron/engine/planted.ts', "import { serve } from '../server/serve.js';\nexport const x = serve;", /electron\/engine must not import/],
    ['electron/main/planted.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;", /layers\/raw-ipc: Use the IPC wrapper/],
    ['electron/preload/planted.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;", /layers\/raw-ipc/],
  ])('rejects a planted violation in %s', async (path, code, message) => {
    const messages = await plant(path, code);
    expect(messages.join('\n')).toMatch(message);
  });

  it.each([
    ['shared/planted.ts', "import { z } from 'zod';\nimport { ROLES } from './roles.js';\nexport const x = [z, ROLES];"],
    ['renderer/planted.ts', "import { create } from 'zustand';\nimport { ROLES } from '../shared/roles.js';\nexport const x = [create, ROLES];"],
    ['electron/engine/planted.ts', "import { readFile } from 'node:fs/promises';\nimport { ROLES } from '../../shared/roles.js';\nexport const x = [readFile, ROLES];"],
    ['electron/server/planted.ts', "import { startEngine } from '../engine/engine.js';\nexport const x = startEngine;"],
    ['electron/main/planted.ts', "import { app } from 'electron';\nimport { startEngine } from '../engine/engine.js';\nexport const x = [app, startEngine];"],
    ['electron/main/ipc.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;"],
  ])('allows what the layering permits in %s', async (path, code) => {
    expect(await plant(path, code)).toEqual([]);
  });
});
