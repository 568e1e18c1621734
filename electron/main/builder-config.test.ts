import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/**
 * Every Electron fuse, with the only value this app may ship. A fuse left out of electron-builder.yml keeps
 * Electron's default, and several defaults (runAsNode, the inspect flags, NODE_OPTIONS) are unsafe.
 */
const SAFE_FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

/** The file's top-level keys and the flat `key: value` lines under one of them: all this test needs of YAML. */
function readBlock(yaml: string, block: string): Map<string, string> | null {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === `${block}:`);
  if (start === -1) return null;
  const entries = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) break;
    const match = /^\s+([A-Za-z0-9]+):\s*(\S+)\s*(#.*)?$/.exec(line);
    if (match?.[1] && match[2]) entries.set(match[1], match[2]);
  }
  return entries;
}

const config = await readFile(new URL('../../electron-builder.yml', import.meta.url), 'utf8');

describe('electron-builder.yml', () => {
  it('writes every fuse out, each with its safe value', () => {
    const fuses = readBlock(config, 'electronFuses');
    expect(fuses, 'electronFuses block').not.toBeNull();
    for (const [fuse, safe] of Object.entries(SAFE_FUSES)) {
      expect(fuses?.get(fuse), fuse).toBe(String(safe));
    }
  });

  it('packages one asar and builds the promised targets', () => {
    expect(config).toMatch(/^asar: true$/m);
    for (const target of ['AppImage', 'deb', 'nsis', 'dmg']) expect(config).toContain(`- ${target}`);
  });
});
