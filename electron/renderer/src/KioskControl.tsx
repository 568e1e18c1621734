import { useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DisplayInfo } from '../../../shared/bridge';
import { errorMessage } from './errors';
import { bridge, isDesktop } from './bridge';
import type { Wording } from './i18n';

/** Opens the public waiting-room display: on a chosen screen in the desktop app, in a new tab in a browser. */
export function KioskControl({ onError }: { onError(wording: Wording): void }) {
  const { t } = useTranslation();
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
      onError(() => errorMessage(caught, i18next.t('kiosk.failed')));
    }
  }

  // The display refuses to close from its own keyboard (it stands in a public room): this is the way.
  async function close() {
    try {
      await bridge.closeKiosk();
    } catch (caught) {
      onError(() => errorMessage(caught));
    }
  }

  return (
    <div className="kiosk-control">
      {displays.length > 1 && (
        <select
          aria-label={t('kiosk.screen')}
          value={displayId ?? ''}
          onChange={(event) => setDisplayId(Number(event.target.value))}
        >
          {displays.map(({ id, label, width, height, primary }) => (
            <option key={id} value={id}>
              {t(primary ? 'kiosk.mainDisplay' : 'kiosk.display', { label, width, height })}
            </option>
          ))}
        </select>
      )}
      <button type="button" onClick={() => void open()}>
        {isDesktop ? t('kiosk.open') : t('kiosk.openTab')}
      </button>
      {isDesktop && (
        <button type="button" onClick={() => void close()}>
          {t('kiosk.close')}
        </button>
      )}
    </div>
  );
}
