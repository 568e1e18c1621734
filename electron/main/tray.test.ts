import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const tray = {
    setToolTip: vi.fn(),
    setTitle: vi.fn(),
    setContextMenu: vi.fn(),
    on: vi.fn(),
    destroy: vi.fn(),
  };
  return {
    tray,
    Tray: vi.fn(function () {
      return tray;
    }),
    Menu: { buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => template) },
    nativeImage: { createFromDataURL: vi.fn((url: string) => ({ url })) },
    app: { setBadgeCount: vi.fn() },
  };
});
vi.mock('electron', () => electron);
const { createTray, waitingLabel } = await import('./tray.js');

describe('tray', () => {
  it('shows the number waiting in the tooltip, the menu and the badge, once per change', () => {
    const actions = { showConsole: vi.fn(), quit: vi.fn() };
    const tray = createTray(actions);
    expect(electron.nativeImage.createFromDataURL).toHaveBeenCalledWith(
      expect.stringMatching(/^data:image\/png;base64,/),
    );
    expect(electron.tray.setToolTip).toHaveBeenLastCalledWith('Queuebell: 0 patients waiting');

    tray.setCount(3);
    tray.setCount(3);
    expect(electron.tray.setToolTip).toHaveBeenLastCalledWith('Queuebell: 3 patients waiting');
    expect(electron.app.setBadgeCount).toHaveBeenCalledOnce();
    expect(electron.app.setBadgeCount).toHaveBeenCalledWith(3);

    const menu = electron.tray.setContextMenu.mock.lastCall?.[0] as MenuItemConstructorOptions[];
    expect(menu[0]).toEqual({ label: '3 patients waiting', enabled: false });
    menu.find((item) => item.label === 'Show console')?.click?.({} as never, undefined, {} as never);
    expect(actions.showConsole).toHaveBeenCalled();
  });

  it('words one patient in the singular', () => {
    expect(waitingLabel(1)).toBe('1 patient waiting');
  });
});
