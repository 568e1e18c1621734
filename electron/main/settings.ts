import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseServerUrl } from './policy.js';

/** Desktop settings, kept as JSON in userData. Only the server address for now. */
export interface Settings {
  serverUrl: string | null;
}

const DEFAULT_SETTINGS: Settings = { serverUrl: null };

/** A missing, unreadable or hand-edited file falls back to defaults rather than stopping the app. */
export async function loadSettings(file: string): Promise<Settings> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    const serverUrl =
      typeof parsed === 'object' && parsed !== null && 'serverUrl' in parsed
        ? parseServerUrl(parsed.serverUrl)
        : null;
    return { serverUrl };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Write-then-rename, so a crash mid-write never leaves a truncated settings file. */
export async function saveSettings(file: string, settings: Settings): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
