import type { BrowserWindow } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SIZE, initialBounds, trackWindowState } from './window-state.js';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const monitor = { x: 1440, y: 0, width: 1920, height: 1050 };

describe('initialBounds', () => {
  it('uses the default size the first time', () => {
    expect(initialBounds(null, [laptop])).toEqual(DEFAULT_SIZE);
  });

  it('puts the window back where it was while that is on a screen', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(initialBounds(saved, [laptop, monitor])).toEqual({ x: 1600, y: 100, width: 1200, height: 800 });
  });

  it('keeps the size but lets the OS place it when its screen is gone', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(initialBounds(saved, [laptop])).toEqual({ width: 1200, height: 800 });
    // A sliver on screen is not enough to grab the title bar.
    const sliver = { x: 1400, y: 100, width: 1200, height: 800, maximized: false };
    expect(initialBounds(sliver, [laptop])).toEqual({ width: 1200, height: 800 });
  });

  it('never opens smaller than the minimum', () => {
    const tiny = { x: 0, y: 0, width: 200, height: 100, maximized: false };
    expect(initialBounds(tiny, [laptop])).toEqual({ x: 0, y: 0, width: 800, height: 600 });
  });
});

describe('trackWindowState', () => {
  afterEach(() => vi.useRealTimers());

  function fakeWindow() {
    const listeners = new Map<string, () => void>();
    let bounds = { x: 0, y: 0, width: 900, height: 700 };
    let maximized = false;
    const window = {
      on: (event: string, listener: () => void) => listeners.set(event, listener),
      isDestroyed: () => false,
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
    };
    return {
      window: window as unknown as BrowserWindow,
      emit: (event: string) => listeners.get(event)?.(),
      move: (x: number) => (bounds = { ...bounds, x }),
      maximize: () => (maximized = true),
    };
  }

  it('saves once after a burst of moves, and at once on maximise and close', () => {
    vi.useFakeTimers();
    const fake = fakeWindow();
    const save = vi.fn();
    trackWindowState(fake.window, save);

    for (let x = 1; x <= 10; x++) {
      fake.move(x);
      fake.emit('move');
    }
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(save).toHaveBeenCalledOnce();
    expect(save).toHaveBeenLastCalledWith({ x: 10, y: 0, width: 900, height: 700, maximized: false });

    fake.maximize();
    fake.emit('maximize');
    expect(save).toHaveBeenLastCalledWith({ x: 10, y: 0, width: 900, height: 700, maximized: true });

    fake.move(50);
    fake.emit('move');
    fake.emit('close');
    expect(save).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(600);
    expect(save).toHaveBeenCalledTimes(3);
  });
});
