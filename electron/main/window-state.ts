import type { BrowserWindow, Rectangle } from 'electron';
import type { WindowState } from './settings.js';

export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 800, height: 600 };
/** How much of the window must lie on some screen for a saved position to be reused. */
const MIN_VISIBLE = 100;
/** Moves and resizes come many times a second while dragging; one save after it settles is enough. */
const SAVE_DELAY_MS = 500;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the console window opens. A saved position is reused only while it is still visible on one of
 * the screens (a laptop undocked since, a monitor unplugged): otherwise the window would open off-screen.
 */
export function initialBounds(
  saved: WindowState | null,
  workAreas: Rectangle[],
): { x?: number; y?: number; width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const width = Math.max(saved.width, MIN_SIZE.width);
  const height = Math.max(saved.height, MIN_SIZE.height);
  const bounds = { x: saved.x, y: saved.y, width, height };
  const visible = workAreas.some((area) => {
    const shared = overlap(bounds, area);
    return shared.width >= MIN_VISIBLE && shared.height >= MIN_VISIBLE;
  });
  return visible ? bounds : { width, height };
}

/** Reads the window's state: the normal bounds even while maximised, so un-maximising restores them. */
export function captureWindowState(window: BrowserWindow): WindowState {
  const { x, y, width, height } = window.getNormalBounds();
  return { x, y, width, height, maximized: window.isMaximized() };
}

/** Calls `save` after the window settles, and at once when it closes. */
export function trackWindowState(window: BrowserWindow, save: (state: WindowState) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!window.isDestroyed()) save(captureWindowState(window));
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(saveNow, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveNow);
  window.on('unmaximize', saveNow);
  window.on('close', saveNow);
}
