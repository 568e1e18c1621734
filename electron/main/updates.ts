import type { AppUpdater } from 'electron-updater';

/**
 * Updates from the hospital's own server (electron-updater's generic provider: IT hosts `latest.yml`
 * and the installers in one folder, see docs/deployment.md). A found update downloads in the
 * background; the console is told, and the app restarts only when the nurse asks: never on its own in
 * the middle of a shift, and not on quit either (a per-machine install would ask for an administrator).
 */

/** A console stays open for days: ask a few times per shift. Each check is one small YAML request. */
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface UpdateLog {
  info(message: string): void;
  error(message: string, error: unknown): void;
}

export interface UpdateOptions {
  /** `app.isPackaged`: a development run has no installer to update and must not try. */
  isPackaged: boolean;
  /** Tells the console window that `version` is downloaded and waits for a restart. */
  announce(version: string): void;
  log: UpdateLog;
}

export interface Updates {
  /** Points the updater at IT's folder and checks now and every few hours; null turns checks off. */
  configure(url: string | null): Promise<void>;
  /** The downloaded version waiting for a restart, or null: the console asks when it (re)loads. */
  readyVersion(): string | null;
  /** Quits and installs the downloaded update, then starts again. Throws when none is ready. */
  install(): void;
}

/**
 * Loaded on first use, not imported at the top: a development run never loads it, and should the
 * packaged app lack it, only updates fail (logged) rather than the whole console at start-up.
 * electron-updater is CommonJS and defines `autoUpdater` as a getter, which ESM cannot see as a named
 * export; the getter also creates the platform's updater, so it is read only here.
 */
async function loadAutoUpdater(): Promise<AppUpdater> {
  const { default: electronUpdater } = await import('electron-updater');
  return electronUpdater.autoUpdater;
}

export function createUpdates(options: UpdateOptions): Updates {
  const { log } = options;
  let updater: Promise<AppUpdater | null> | null = null;
  let loaded: AppUpdater | null = null;
  let ready: string | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  // Bumped by every configure(): a slower earlier call must not start a second timer.
  let generation = 0;

  function wire(autoUpdater: AppUpdater): AppUpdater {
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.on('update-available', (info) => log.info(`Downloading Queuebell Console ${info.version}`));
    autoUpdater.on('update-downloaded', (event) => {
      ready = event.version;
      options.announce(event.version);
    });
    // Without an 'error' listener the emitter would throw and take the main process down.
    autoUpdater.on('error', (error) => log.error('Queuebell could not update', error));
    return autoUpdater;
  }

  function getUpdater(): Promise<AppUpdater | null> {
    updater ??= loadAutoUpdater().then(
      (autoUpdater) => (loaded = wire(autoUpdater)),
      (error: unknown) => {
        log.error('Queuebell could not load its updater', error);
        return null;
      },
    );
    return updater;
  }

  function check(autoUpdater: AppUpdater): void {
    // Downloaded already: nothing more to fetch until the nurse restarts.
    if (ready !== null) return;
    // Failures of the check and of the download both reach the 'error' listener, which logs them.
    autoUpdater
      .checkForUpdates()
      .then((result) => result?.downloadPromise?.catch(() => undefined))
      .catch(() => undefined);
  }

  function stopChecking(): void {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  return {
    async configure(url) {
      const current = ++generation;
      stopChecking();
      if (!options.isPackaged) {
        log.info('Updates are off in a development run');
        return;
      }
      if (url === null) return;
      const autoUpdater = await getUpdater();
      if (!autoUpdater || current !== generation) return;
      try {
        autoUpdater.setFeedURL({ provider: 'generic', url });
      } catch (error) {
        log.error('Queuebell could not use the update address', error);
        return;
      }
      check(autoUpdater);
      timer = setInterval(() => check(autoUpdater), CHECK_INTERVAL_MS);
    },

    readyVersion: () => ready,

    install() {
      if (ready === null || loaded === null) throw new Error('No update is ready to install');
      // Silent: the Windows installer runs without its wizard. Run after: the console starts again.
      loaded.quitAndInstall(true, true);
    },
  };
}
