import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateLog } from './updates.js';

/**
 * electron-updater mocked at the module seam, as `electron` is elsewhere: a fake `autoUpdater` that
 * records what it is told and emits the events the real one would. `loads` counts reads of the
 * `autoUpdater` getter, which creates the real updater; `failLoad` makes that creation throw.
 */
const seam = vi.hoisted(() => ({ loads: 0, failLoad: false, autoUpdater: null as unknown }));
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      seam.loads += 1;
      if (seam.failLoad) throw new Error('no updater for this package type');
      return seam.autoUpdater;
    },
  },
}));

const { CHECK_INTERVAL_MS, createUpdates } = await import('./updates.js');

const FEED = 'https://it.hospital.example/queuebell/';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  setFeedURL = vi.fn();
  checkForUpdates = vi.fn(async (): Promise<unknown> => ({ downloadPromise: null }));
  quitAndInstall = vi.fn();
}

let updater: FakeUpdater;
let log: { [K in keyof UpdateLog]: ReturnType<typeof vi.fn<UpdateLog[K]>> };
let announce: ReturnType<typeof vi.fn<(version: string) => void>>;

function packagedUpdates(isPackaged = true) {
  return createUpdates({ isPackaged, announce, log });
}

beforeEach(() => {
  vi.useFakeTimers();
  updater = new FakeUpdater();
  seam.autoUpdater = updater;
  seam.loads = 0;
  seam.failLoad = false;
  log = { info: vi.fn<UpdateLog['info']>(), error: vi.fn<UpdateLog['error']>() };
  announce = vi.fn();
});
afterEach(() => vi.useRealTimers());

describe('updates', () => {
  it('does nothing in a development run, not even load electron-updater', async () => {
    await packagedUpdates(false).configure(FEED);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2);
    expect(seam.loads).toBe(0);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('does not check when no update address is set', async () => {
    await packagedUpdates().configure(null);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2);
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('points the generic provider at the setting, checks at start and every few hours, downloads alone', async () => {
    await packagedUpdates().configure(FEED);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: FEED });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();

    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('follows a changed setting: a new address, then off', async () => {
    const updates = packagedUpdates();
    await updates.configure(FEED);
    await updates.configure('https://other.example/updates/');
    expect(updater.setFeedURL).toHaveBeenLastCalledWith({
      provider: 'generic',
      url: 'https://other.example/updates/',
    });
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    // One timer only: two at start, one after the interval.
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);

    await updates.configure(null);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
    // The updater is created once, however often the setting changes.
    expect(seam.loads).toBe(1);
  });

  it('announces a downloaded update and installs it only when asked', async () => {
    const updates = packagedUpdates();
    await updates.configure(FEED);
    expect(() => updates.install()).toThrow(/No update is ready/);
    expect(updates.readyVersion()).toBeNull();

    updater.emit('update-available', { version: '1.2.0' });
    updater.emit('update-downloaded', { version: '1.2.0' });
    expect(announce).toHaveBeenCalledExactlyOnceWith('1.2.0');
    expect(updates.readyVersion()).toBe('1.2.0');

    // Hours go by in the middle of a shift: no restart, and nothing more is downloaded.
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();

    updates.install();
    expect(updater.quitAndInstall).toHaveBeenCalledExactlyOnceWith(true, true);
  });

  it('logs errors and keeps running', async () => {
    const failure = new Error('net::ERR_CONNECTION_REFUSED');
    updater.checkForUpdates.mockImplementationOnce(async () => {
      updater.emit('error', failure);
      throw failure;
    });
    updater.checkForUpdates.mockImplementationOnce(async () => ({
      downloadPromise: Promise.reject(new Error('sha512 checksum mismatch')),
    }));
    await packagedUpdates().configure(FEED);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.error).toHaveBeenCalledWith('Queuebell could not update', failure);

    // The next check's download fails: its rejection is handled (vitest fails a run on an unhandled one).
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);

    updater.setFeedURL.mockImplementationOnce(() => {
      throw new Error('bad provider');
    });
    await packagedUpdates().configure(FEED);
    expect(log.error).toHaveBeenLastCalledWith(
      'Queuebell could not use the update address',
      expect.any(Error),
    );
  });

  it('logs an updater that cannot be created and leaves the console alone', async () => {
    seam.failLoad = true;
    const updates = packagedUpdates();
    await expect(updates.configure(FEED)).resolves.toBeUndefined();
    expect(log.error).toHaveBeenCalledWith('Queuebell could not load its updater', expect.any(Error));
    expect(updates.readyVersion()).toBeNull();
  });
});
