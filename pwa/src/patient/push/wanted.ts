/**
 * Set while the patient wants push on this device (turned on here, not since turned off or signed out),
 * so that a subscription the browser dropped on its own can be made again without a new tap.
 */
const WANTED_KEY = 'queuebell.push.wanted';

export function rememberPushWanted(wanted: boolean): void {
  try {
    if (wanted) localStorage.setItem(WANTED_KEY, '1');
    else localStorage.removeItem(WANTED_KEY);
  } catch {
    // Storage blocked: the browser's own subscription still tells sync what to do.
  }
}

export function pushWanted(): boolean {
  try {
    return localStorage.getItem(WANTED_KEY) === '1';
  } catch {
    return false;
  }
}
