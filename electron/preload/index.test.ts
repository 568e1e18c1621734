import { readFile } from 'node:fs/promises';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import {
  BRIDGE_CHANNEL_PREFIX,
  BRIDGE_EVENTS,
  BRIDGE_EVENT_CHANNEL_PREFIX,
  BRIDGE_METHODS,
} from '../../shared/bridge.js';

/**
 * Electron runs a sandboxed preload as one CommonJS script whose `require` resolves 'electron' and
 * few built-ins. vi.mock cannot reach a `require` call, so the seam here is that `require`: the
 * preload runs in a fresh V8 context with a fake 'electron' and nothing else available.
 */
type IpcListener = (event: unknown, ...payload: unknown[]) => void;

async function runPreload() {
  const source = await readFile(new URL('./index.cts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: 'index.cts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });

  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, IpcListener>();
  const electron = {
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: {
      invoke: vi.fn((..._args: unknown[]) => Promise.resolve('answer')),
      on: vi.fn((channel: string, listener: IpcListener) => listeners.set(channel, listener)),
      removeListener: vi.fn((channel: string, listener: IpcListener) => {
        if (listeners.get(channel) === listener) listeners.delete(channel);
      }),
    },
  };
  const required: string[] = [];
  const sandboxRequire = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };

  const module = { exports: {} };
  const run = vm.compileFunction(outputText, ['require', 'module', 'exports'], {
    parsingContext: vm.createContext({}),
  });
  run(sandboxRequire, module, module.exports);
  return { electron, exposed, required, listeners };
}

describe('preload', () => {
  it('requires nothing but electron', async () => {
    const { required } = await runPreload();
    expect(required).toEqual(['electron']);
  });

  it('exposes exactly the bridge functions as window.queuebell', async () => {
    const { electron, exposed } = await runPreload();
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect([...exposed.keys()]).toEqual(['queuebell']);

    const bridge = exposed.get('queuebell') as Record<string, unknown>;
    const names = [...BRIDGE_METHODS, ...BRIDGE_EVENTS];
    expect(Object.keys(bridge).sort()).toEqual(names.sort());
    for (const name of names) expect(typeof bridge[name], name).toBe('function');
  });

  it('does not leak ipcRenderer or any of its objects', async () => {
    const { electron, exposed } = await runPreload();
    const bridge = exposed.get('queuebell') as Record<string, unknown>;
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('forwards each call on its own channel with only the given arguments', async () => {
    const { electron, exposed } = await runPreload();
    const bridge = exposed.get('queuebell') as Record<string, (...args: unknown[]) => Promise<unknown>>;

    await expect(bridge.notify?.('Queue opened', 'OPD')).resolves.toBe('answer');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(
      `${BRIDGE_CHANNEL_PREFIX}notify`,
      'Queue opened',
      'OPD',
    );

    await bridge.openKiosk?.(7);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(`${BRIDGE_CHANNEL_PREFIX}openKiosk`, 7);

    await bridge.loadToken?.();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(`${BRIDGE_CHANNEL_PREFIX}loadToken`);
  });

  it('hands an event listener the payload only, and unsubscribes', async () => {
    const { electron, exposed, listeners } = await runPreload();
    const bridge = exposed.get('queuebell') as {
      onUpdateReady(listener: (version: string) => void): () => void;
    };
    const channel = `${BRIDGE_EVENT_CHANNEL_PREFIX}onUpdateReady`;
    const listener = vi.fn();
    const unsubscribe = bridge.onUpdateReady(listener);

    const ipcEvent = { sender: { send: vi.fn() }, senderId: 0 };
    listeners.get(channel)?.(ipcEvent, '1.2.0');
    expect(listener).toHaveBeenCalledExactlyOnceWith('1.2.0');

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledOnce();
    expect(listeners.has(channel)).toBe(false);
  });
});
