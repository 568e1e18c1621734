import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsSaver, defaultSettings, loadSettings, parseWindowState } from './settings.js';

let workdir: string;
let file: string;

beforeEach(async () => {
  workdir = await mkdtemp(path.join(tmpdir(), 'queuebell-settings-'));
  file = path.join(workdir, 'settings.json');
});
afterEach(() => rm(workdir, { recursive: true, force: true }));

describe('settings', () => {
  it('starts from defaults when the file is missing or not JSON', async () => {
    expect(await loadSettings(file)).toEqual(defaultSettings());
    await writeFile(file, '{not json');
    expect(await loadSettings(file)).toEqual(defaultSettings());
    await writeFile(file, '"a string"');
    expect(await loadSettings(file)).toEqual(defaultSettings());
  });

  it('round-trips the server, window state, menu choices and update folder', async () => {
    const settings = {
      serverUrl: 'https://queue.example.org',
      window: { x: 10, y: 20, width: 1000, height: 700, maximized: true },
      alwaysOnTop: true,
      kioskDisplayId: 7,
      updateUrl: 'https://it.hospital.example/queuebell/',
      idleLockMinutes: 10,
      lastActiveAt: 1_760_000_000_000,
      contentProtection: true,
      certificatePin: `AB:${'01:'.repeat(30)}CD`,
    };
    await createSettingsSaver(file, settings)();
    expect(await loadSettings(file)).toEqual(settings);
  });

  it('drops hand-edited values it cannot trust, field by field', async () => {
    await writeFile(
      file,
      JSON.stringify({
        serverUrl: 'http://10.0.0.1',
        window: { x: 'left', y: 0, width: 800, height: 600 },
        alwaysOnTop: 'yes',
        kioskDisplayId: 1.5,
        updateUrl: 'http://updates.hospital.example/',
        idleLockMinutes: 0,
        lastActiveAt: 'yesterday',
        contentProtection: 'on',
        certificatePin: 'sha1:AB:CD',
      }),
    );
    expect(await loadSettings(file)).toEqual(defaultSettings());
    expect(parseWindowState({ x: 0, y: 0, width: 0, height: 600 })).toBeNull();
    expect(parseWindowState({ x: 0, y: 0, width: 1e9, height: 600 })).toBeNull();
    expect(parseWindowState({ x: -50, y: 0, width: 900, height: 600 })).toEqual({
      x: -50,
      y: 0,
      width: 900,
      height: 600,
      maximized: false,
    });
  });

  it('keeps the idle time within 1 to 720 whole minutes, 15 by default', async () => {
    for (const [idleLockMinutes, kept] of [
      [30, 30],
      [1, 1],
      [720, 720],
      [721, 15],
      [2.5, 15],
      ['30', 15],
    ] as const) {
      await writeFile(file, JSON.stringify({ idleLockMinutes }));
      expect((await loadSettings(file)).idleLockMinutes, String(idleLockMinutes)).toBe(kept);
    }
    expect(defaultSettings()).toMatchObject({
      idleLockMinutes: 15,
      contentProtection: false,
      certificatePin: null,
    });
  });

  it('serialises overlapping saves so the last state wins and no temporary file is left', async () => {
    const settings = defaultSettings();
    const save = createSettingsSaver(file, settings);
    const saves: Array<Promise<void>> = [];
    for (let width = 801; width <= 820; width++) {
      settings.window = { x: 0, y: 0, width, height: 600, maximized: false };
      saves.push(save());
    }
    await Promise.all(saves);
    expect(JSON.parse(await readFile(file, 'utf8')).window.width).toBe(820);
    await expect(readFile(`${file}.tmp`)).rejects.toThrow();
  });
});
