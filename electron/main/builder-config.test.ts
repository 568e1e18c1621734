import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import beforePack, { signingGaps } from '../build/signing-preflight.mjs';

/**
 * electron-builder.yml and the package scripts, checked without packaging (that needs an Electron binary
 * download). A real build was checked once by hand with `npx @electron/asar list`; these keep it so.
 */

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

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFile(path.join(ROOT, file), 'utf8');

/** The lines under one top-level key, up to the next one; comments and blank lines dropped. */
function blockLines(yaml: string, block: string): string[] | null {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === `${block}:`);
  if (start === -1) return null;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) break;
    body.push(line);
  }
  return body;
}

const unquote = (value: string) => value.replace(/^'(.*)'$/, '$1');

/** The flat `key: value` lines under a top-level key: all this test needs of YAML maps. */
function readBlock(yaml: string, block: string): Map<string, string> | null {
  const lines = blockLines(yaml, block);
  if (!lines) return null;
  const entries = new Map<string, string>();
  for (const line of lines) {
    const match = /^\s+([A-Za-z0-9]+):\s*(\S+)\s*(#.*)?$/.exec(line);
    if (match?.[1] && match[2]) entries.set(match[1], unquote(match[2]));
  }
  return entries;
}

/** The `- item` lines under a top-level key, at any depth (a platform's targets, the files list). */
function readList(yaml: string, block: string): string[] {
  return (blockLines(yaml, block) ?? []).flatMap((line) => {
    const match = /^\s*- (\S+)$/.exec(line);
    return match?.[1] ? [unquote(match[1])] : [];
  });
}

function topLevel(yaml: string, key: string): string | undefined {
  return new RegExp(`^${key}: (.+)$`, 'm').exec(yaml)?.[1]?.replace(/^"(.*)"$/, '$1');
}

/** The package names electron-builder may copy from node_modules: the one `!node_modules/!(a|b|…)` exclusion. */
function keptModules(files: string[]): string[] | null {
  const exclusion = files
    .map((entry) => /^!node_modules\/!\(([^)]+)\)\{,\/\*\*\}$/.exec(entry))
    .find(Boolean);
  return exclusion?.[1] ? exclusion[1].split('|') : null;
}

/** A package and everything it requires at run time, resolved the way Node does (nearest node_modules up). */
async function runtimeClosure(name: string): Promise<Set<string>> {
  const found = new Map<string, string>(); // package folder → package name
  const visit = async (dependency: string, from: string): Promise<void> => {
    let dir = from;
    while (!existsSync(path.join(dir, 'node_modules', dependency, 'package.json'))) {
      if (dir === ROOT) throw new Error(`${dependency} (needed from ${from}) is not installed`);
      dir = path.dirname(dir);
    }
    const packageDir = path.join(dir, 'node_modules', dependency);
    if (found.has(packageDir)) return;
    found.set(packageDir, dependency);
    const { dependencies = {} } = JSON.parse(
      await readFile(path.join(packageDir, 'package.json'), 'utf8'),
    ) as {
      dependencies?: Record<string, string>;
    };
    for (const next of Object.keys(dependencies)) await visit(next, packageDir);
  };
  await visit(name, ROOT);
  return new Set(found.values());
}

/** The bare specifiers (packages) that main, preload and the shared files they import name. */
async function packagesImportedByTheApp(): Promise<Set<string>> {
  const sources = [
    ...(await readdir(path.join(ROOT, 'electron/main'))).map((file) => `electron/main/${file}`),
    ...(await readdir(path.join(ROOT, 'electron/preload'))).map((file) => `electron/preload/${file}`),
  ].filter((file) => /\.c?ts$/.test(file) && !file.includes('.test.'));
  const packages = new Set<string>();
  const seen = new Set<string>();
  while (sources.length > 0) {
    const file = sources.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await read(file);
    for (const [, specifier = ''] of text.matchAll(/(?:from |import |require\()'([^']+)'/g)) {
      if (!specifier.startsWith('.')) packages.add(specifier);
      else sources.push(path.posix.join(path.posix.dirname(file), specifier).replace(/\.c?js$/, '.ts'));
    }
  }
  return packages;
}

const config = await read('electron-builder.yml');
const manifest = JSON.parse(await read('package.json')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('writes every fuse out, each with its safe value', () => {
    const fuses = readBlock(config, 'electronFuses');
    expect(fuses, 'electronFuses block').not.toBeNull();
    for (const [fuse, safe] of Object.entries(SAFE_FUSES)) {
      expect(fuses?.get(fuse), fuse).toBe(String(safe));
    }
  });

  it('names the app', () => {
    expect(topLevel(config, 'appId')).toBe('org.queuebell.console');
    expect(topLevel(config, 'productName')).toBe('Queuebell Console');
  });

  it('packages one asar and builds the promised targets, with the zip macOS updates need', () => {
    expect(config).toMatch(/^asar: true$/m);
    expect(readList(config, 'linux')).toEqual(['AppImage', 'deb']);
    expect(readList(config, 'win')).toEqual(['nsis']);
    expect(readList(config, 'mac')).toEqual(['dmg', 'zip']);
  });

  it('packs the main process and the renderer bundle from where the build puts them and main loads them', async () => {
    const files = readList(config, 'files');
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'electron/dist/electron/**/*',
        'electron/dist/shared/**/*',
        'electron/renderer/dist/**/*',
      ]),
    );
    expect(manifest.main.startsWith('electron/dist/electron/')).toBe(true);
    // The renderer's Vite outDir, relative to its root, is the folder index.ts hands the app:// handler.
    expect(await read('electron/renderer/vite.config.ts')).toMatch(/outDir: 'dist'/);
    expect(await read('electron/main/index.ts')).toMatch(/app\.getAppPath\(\), 'electron\/renderer\/dist'\)/);
  });

  it('keeps electron-updater and exactly what it requires out of the whole node_modules', async () => {
    expect(manifest.dependencies['electron-updater']).toBeDefined();
    const kept = keptModules(readList(config, 'files'));
    expect(kept, 'the !node_modules/!(…){,/**} exclusion').not.toBeNull();
    // Every name in the closure, wherever npm nested it: electron-builder hoists the tree again.
    expect(new Set(kept)).toEqual(await runtimeClosure('electron-updater'));
  });

  it('leaves out nothing the main process or the preload imports', async () => {
    const kept = new Set(['electron', ...(keptModules(readList(config, 'files')) ?? [])]);
    for (const specifier of await packagesImportedByTheApp()) {
      if (!specifier.startsWith('node:')) expect(kept, specifier).toContain(specifier);
    }
  });

  it('publishes for the generic provider at UPDATE_URL, so IT can host updates on their own server', () => {
    const publish = readBlock(config, 'publish');
    expect(publish?.get('provider')).toBe('generic');
    expect(publish?.get('url')).toBe('${env.UPDATE_URL}');
  });
});

describe('signed builds', () => {
  const signedWindows = { CSC_LINK: '/secure/hospital.pfx', CSC_KEY_PASSWORD: 'secret' };
  const signedMac = {
    CSC_LINK: '/secure/developer-id.p12',
    CSC_KEY_PASSWORD: 'secret',
    APPLE_ID: 'it@hospital.example',
    APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop',
    APPLE_TEAM_ID: 'ABCDE12345',
  };

  it('signs Windows builds with SHA-256 and checks updates against the signature', () => {
    const win = readBlock(config, 'win');
    expect(win?.get('signingHashAlgorithms')).toBe('[sha256]');
    expect(win?.get('rfc3161TimeStampServer')).toMatch(/^https?:\/\//);
    expect(win?.get('verifyUpdateCodeSignature')).toBe('true');
  });

  it('notarises macOS builds, and re-signs an unsigned one ad hoc so that it starts', () => {
    expect(readBlock(config, 'mac')?.get('notarize')).toBe('true');
    expect(readBlock(config, 'mac')?.has('identity')).toBe(false);
    expect(readBlock(config, 'electronFuses')?.get('resetAdHocDarwinSignature')).toBe('true');
  });

  it('keeps every secret out of the file: certificates and passwords come from the environment', () => {
    expect(config).not.toMatch(/^\s*(certificateFile|certificatePassword|identity|appleId|password)\s*:/im);
    expect(config).not.toMatch(/^\s*CSC_\w+\s*:|^\s*APPLE_\w+\s*:/m);
  });

  it('runs the signing preflight before packing', async () => {
    const hook = topLevel(config, 'beforePack');
    expect(hook).toBe('./electron/build/signing-preflight.mjs');
    expect(existsSync(path.join(ROOT, hook ?? ''))).toBe(true);
    expect(typeof beforePack).toBe('function');
  });

  it('says what a Windows build lacks when CSC_LINK or CSC_KEY_PASSWORD is missing', () => {
    const [gap, ...more] = signingGaps('win32', {});
    expect(gap).toMatch(/CSC_LINK and CSC_KEY_PASSWORD not set/);
    expect(gap).toMatch(/NOT be signed/);
    expect(more).toEqual([]);
    expect(signingGaps('win32', { CSC_LINK: '/secure/hospital.pfx' })[0]).toMatch(
      /^Windows: CSC_KEY_PASSWORD not/,
    );
    expect(signingGaps('win32', signedWindows)).toEqual([]);
    expect(signingGaps('win32', { WIN_CSC_LINK: 'x', WIN_CSC_KEY_PASSWORD: 'y' })).toEqual([]);
  });

  it('says what a macOS build lacks: a signing identity, notarisation credentials', () => {
    const gaps = signingGaps('darwin', {});
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toMatch(/CSC_LINK is not set/);
    expect(gaps[1]).toMatch(/APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID not set.*NOT be notarised/);
    const { APPLE_TEAM_ID: _teamId, ...noTeam } = signedMac;
    expect(signingGaps('darwin', noTeam)).toEqual([expect.stringMatching(/^macOS: APPLE_TEAM_ID not set/)]);
    expect(signingGaps('darwin', signedMac)).toEqual([]);
    const apiKey = { APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'issuer' };
    expect(signingGaps('darwin', { CSC_NAME: 'Developer ID Application: Hospital', ...apiKey })).toEqual([]);
  });

  it('has nothing to say for Linux packages, which are not code-signed', () => {
    expect(signingGaps('linux', {})).toEqual([]);
  });
});

describe('the packaging scripts', () => {
  it('build first, then run electron-builder with electron-builder.yml', () => {
    const packaging = manifest.scripts.package ?? '';
    expect(packaging).toMatch(/^npm run build && electron-builder --config electron-builder\.yml /);
    // Uploading is IT's step (docs/deployment.md); the generic provider cannot upload anyway.
    expect(packaging).toContain('--publish never');
  });

  it.each([
    ['package:linux', '--linux'],
    ['package:win', '--win'],
    ['package:mac', '--mac'],
  ])('%s packages with %s', (script, flag) => {
    expect(manifest.scripts[script]).toBe(`npm run package -- ${flag}`);
  });
});
