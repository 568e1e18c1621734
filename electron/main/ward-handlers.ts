import type { WardSettings } from '../../shared/bridge.js';
import { MAX_STAFF_IDLE_MINUTES } from '../../shared/constants.js';
import { parseFingerprint } from './certificate-pin.js';
import { createActivityRecorder, parseIdleMinutes } from './idle.js';
import type { BridgeHandlers } from './ipc.js';
import type { Settings } from './settings.js';

/** What the ward handlers need of the main process; HandlerContext has all of it. */
export interface WardContext {
  /** Shared with the rest of main, so it is updated in place. */
  settings: Settings;
  saveSettings(): Promise<void>;
  /** Turns screen-capture protection of the open console window on or off. */
  applyContentProtection(on: boolean): void;
  /** The certificate pin changed: verify connections under the new one from now on. */
  refreshCertificatePinning(): Promise<void>;
  /** The clock, for the idle lock (tests set it). */
  now?: () => number;
}

type WardHandlers = Pick<
  BridgeHandlers,
  | 'getIdleLockMinutes'
  | 'setIdleLockMinutes'
  | 'reportActivity'
  | 'getWardSettings'
  | 'setContentProtection'
  | 'setCertificatePin'
>;

/** The shared ward PC's settings: the idle lock's time and activity, screen-capture protection, the pin. */
export function createWardHandlers(context: WardContext): WardHandlers {
  const { settings } = context;
  const recordActivity = createActivityRecorder(settings, context.saveSettings, context.now);

  return {
    getIdleLockMinutes: async () => settings.idleLockMinutes,

    // The renderer passes on what the server said (STAFF_IDLE_MINUTES); main keeps it for the next start.
    setIdleLockMinutes: async (minutes) => {
      const parsed = parseIdleMinutes(minutes);
      if (parsed === null) {
        throw new TypeError(
          `The idle time must be a whole number of minutes, 1 to ${MAX_STAFF_IDLE_MINUTES}`,
        );
      }
      if (parsed === settings.idleLockMinutes) return;
      settings.idleLockMinutes = parsed;
      await context.saveSettings();
    },

    reportActivity: () => recordActivity(),

    getWardSettings: async (): Promise<WardSettings> => ({
      contentProtection: settings.contentProtection,
      certificatePin: settings.certificatePin,
    }),

    setContentProtection: async (on) => {
      if (typeof on !== 'boolean') throw new TypeError('on must be true or false');
      settings.contentProtection = on;
      await context.saveSettings();
      context.applyContentProtection(on);
    },

    setCertificatePin: async (fingerprint) => {
      const off = typeof fingerprint === 'string' && fingerprint.trim() === '';
      const pin = off ? null : parseFingerprint(fingerprint);
      if (!off && pin === null) {
        throw new TypeError(
          'The fingerprint must be a SHA-256 fingerprint (64 hex digits), or empty for none',
        );
      }
      settings.certificatePin = pin;
      await context.saveSettings();
      await context.refreshCertificatePinning();
    },
  };
}
