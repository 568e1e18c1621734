import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { outdatedMessage, subscribeOutdated } from './outdated';
import { CONSOLE_VERSION } from './version';

/** The server's refusal of this console as too old, or null while it works (see outdated.ts). */
export function useOutdated(): string | null {
  return useSyncExternalStore(subscribeOutdated, outdatedMessage);
}

/** Blocks the whole console: every request of an outdated console is refused, so nothing else is shown. */
export function OutdatedScreen({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <main>
      <section className="card" role="alert" aria-labelledby="outdated-heading">
        <h1 id="outdated-heading">{t('outdated.heading')}</h1>
        <p>
          {t('outdated.server')} {message}
        </p>
        <p className="hint">
          {t('outdated.version')} {CONSOLE_VERSION}
        </p>
        <p>{t('outdated.next')}</p>
      </section>
    </main>
  );
}
