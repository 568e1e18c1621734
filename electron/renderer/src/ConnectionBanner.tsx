import { useOnline } from './hooks';

/** Shown while the server cannot be reached; actions are disabled meanwhile and the console retries on its own. */
export function ConnectionBanner() {
  const online = useOnline();
  if (online) return null;
  return (
    <div className="connection-banner" role="alert">
      <strong>Not connected to the Queuebell server.</strong> Actions are paused until the connection is back;
      the console keeps trying and refreshes everything when it reconnects.
    </div>
  );
}
