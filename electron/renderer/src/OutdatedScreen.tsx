import { useSyncExternalStore } from 'react';
import { outdatedMessage, subscribeOutdated } from './outdated';
import { CONSOLE_VERSION } from './version';

/** The screen's English, kept together so the console's translation can move it into its catalogue. */
const STRINGS = {
  heading: 'This console must be updated',
  server: 'The server says:',
  version: 'This console:',
  next: 'Nothing can be done in this version. Install the update from IT, then start the console again.',
} as const;

/** The server's refusal of this console as too old, or null while it works (see outdated.ts). */
export function useOutdated(): string | null {
  return useSyncExternalStore(subscribeOutdated, outdatedMessage);
}

/** Blocks the whole console: every request of an outdated console is refused, so nothing else is shown. */
export function OutdatedScreen({ message }: { message: string }) {
  return (
    <main>
      <section className="card" role="alert" aria-labelledby="outdated-heading">
        <h1 id="outdated-heading">{STRINGS.heading}</h1>
        <p>
          {STRINGS.server} {message}
        </p>
        <p className="hint">
          {STRINGS.version} {CONSOLE_VERSION}
        </p>
        <p>{STRINGS.next}</p>
      </section>
    </main>
  );
}
