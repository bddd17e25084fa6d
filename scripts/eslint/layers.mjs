// ESLint rule for the project's layering (design.md): which folder may import which, and where
// Electron's raw IPC objects may appear. It resolves relative imports to the folder they land in,
// so `../../electron/engine/x` from shared/ is caught whatever its spelling.
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (spec) => spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Layer of a path relative to the project root, or null outside the layered folders. */
export function layerOf(rel) {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === 'electron' && parts[1]) return `electron/${parts[1]}`;
  if (['shared', 'renderer', 'assets', 'test', 'scripts'].includes(parts[0])) return parts[0];
  return null;
}

const ELECTRON_PACKAGES = new Set(['electron', 'electron-store']);
const NODE_ONLY_PACKAGES = new Set(['ws', 'net-snmp', ...ELECTRON_PACKAGES]);
const pureNode = { layers: ['shared', 'assets', 'electron/engine'], packages: (p) => !ELECTRON_PACKAGES.has(p), node: true };

/** For each layer: the layers it may import, which packages, and whether Node built-ins. */
export const RULES = {
  shared: { layers: ['shared'], packages: (p) => p === 'zod', node: false, why: 'shared/ imports nothing of ours and no Node or driver package' },
  renderer: { layers: ['renderer', 'shared', 'assets'], packages: (p) => !NODE_ONLY_PACKAGES.has(p), node: false, why: 'renderer/ imports only shared/ and browser packages' },
  'electron/engine': { ...pureNode, why: 'the engine is plain Node: no electron, no server, no UI' },
  'electron/simulator': { ...pureNode, layers: ['shared', 'assets', 'electron/simulator', 'electron/engine'], why: 'the simulator is plain Node: no electron' },
  'electron/server': { ...pureNode, layers: ['shared', 'assets', 'electron/engine', 'electron/server', 'electron/simulator'], why: 'the headless server is plain Node: no electron' },
  'electron/preload': { layers: ['electron/preload', 'shared'], packages: (p) => p === 'electron', node: false, why: 'the preload only exposes ConsoleApi over IPC' },
  'electron/main': { layers: ['electron/main', 'electron/engine', 'electron/server', 'electron/simulator', 'shared', 'assets'], packages: () => true, node: true, why: 'electron/main may not reach into the renderer' },
};

/** The only files allowed to touch ipcMain / ipcRenderer directly. */
export const IPC_WRAPPERS = new Set(['electron/main/ipc.ts', 'electron/preload/index.ts']);
const RAW_IPC = new Set(['ipcMain', 'ipcRenderer']);

function check(context, node, spec) {
  const file = path.relative(ROOT, context.filename);
  const from = layerOf(file);
  const rule = from && RULES[from];
  if (!rule || typeof spec !== 'string') return;
  let reason = null;
  if (spec.startsWith('.')) {
    const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec));
    const to = layerOf(target);
    if (to !== from && !rule.layers.includes(to)) reason = `${target} is in ${to ?? 'an unlayered folder'}`;
  } else if (isNodeBuiltin(spec)) {
    if (!rule.node) reason = 'it is a Node built-in';
  } else if (!rule.packages(packageOf(spec))) {
    reason = `package "${packageOf(spec)}" is not allowed here`;
  }
  if (reason) {
    context.report({ node, messageId: 'layer', data: { spec, from, reason, why: rule.why } });
  }
}

const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder layering of design.md' },
    messages: { layer: 'Layering: {{from}} must not import "{{spec}}" ({{reason}}); {{why}}.' },
    schema: [],
  },
  create(context) {
    const source = (node) => node.source && check(context, node.source, node.source.value);
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression: (node) => node.source.type === 'Literal' && check(context, node.source, node.source.value),
    };
  },
};

const rawIpcRule = {
  meta: {
    type: 'problem',
    docs: { description: 'ipcMain / ipcRenderer only inside the IPC wrappers' },
    messages: { raw: 'Use the IPC wrapper ({{wrappers}}), not raw {{name}}: it checks the sender and validates payloads.' },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename);
    if (IPC_WRAPPERS.has(file)) return {};
    return {
      ImportDeclaration(node) {
        if (node.source.value !== 'electron') return;
        for (const s of node.specifiers) {
          const name = s.type === 'ImportSpecifier' ? s.imported.name : null;
          if (name && RAW_IPC.has(name)) {
            context.report({ node: s, messageId: 'raw', data: { name, wrappers: [...IPC_WRAPPERS].join(', ') } });
          }
        }
      },
      MemberExpression(node) {
        if (node.property.type === 'Identifier' && RAW_IPC.has(node.property.name) && node.object.type === 'Identifier' && node.object.name === 'electron') {
          context.report({ node, messageId: 'raw', data: { name: node.property.name, wrappers: [...IPC_WRAPPERS].join(', ') } });
        }
      },
    };
  },
};

export default { rules: { imports: importsRule, 'raw-ipc': rawIpcRule } };
