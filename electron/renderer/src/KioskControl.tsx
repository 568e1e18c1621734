import { useEffect, useState } from 'react';
import type { DisplayInfo } from '../../../shared/bridge';
import { errorMessage } from './errors';
import { bridge, isDesktop } from './bridge';

/** New English of this control, kept together so the console's translation can move it into its catalogue. */
const STRINGS = {
  close: 'Close waiting-room display',
} as const;

/** Opens the public waiting-room display: on a chosen screen in the desktop app, in a new tab in a browser. */
export function KioskControl({ onError }: { onError(message: string): void }) {
  const [displays, setDisplays] = useState<DisplayInfo[]>([]);
  const [displayId, setDisplayId] = useState<number | null>(null);

  useEffect(() => {
    if (!isDesktop) return;
    void bridge
      .listDisplays()
      .then((found) => {
        setDisplays(found);
        const preferred =
          found.find((display) => display.lastUsedForKiosk) ?? found.find((display) => !display.primary);
        setDisplayId(preferred?.id ?? found[0]?.id ?? null);
      })
      .catch(() => setDisplays([]));
  }, []);

  async function open() {
    try {
      await bridge.openKiosk(displayId ?? undefined);
    } catch (caught) {
      onError(errorMessage(caught));
    }
  }

  // The display refuses to close from its own keyboard (it stands in a public room): this is the way.
  async function close() {
    try {
      await bridge.closeKiosk();
    } catch (caught) {
      onError(errorMessage(caught));
    }
  }

  return (
    <div className="kiosk-control">
      {displays.length > 1 && (
        <select
          aria-label="Screen for the waiting-room display"
          value={displayId ?? ''}
          onChange={(event) => setDisplayId(Number(event.target.value))}
        >
          {displays.map((display) => (
            <option key={display.id} value={display.id}>
              {display.label} ({display.width}×{display.height}){display.primary ? ', main screen' : ''}
            </option>
          ))}
        </select>
      )}
      <button type="button" onClick={() => void open()}>
        {isDesktop ? 'Open waiting-room display' : 'Open waiting-room display (new tab)'}
      </button>
      {isDesktop && (
        <button type="button" onClick={() => void close()}>
          {STRINGS.close}
        </button>
      )}
    </div>
  );
}
