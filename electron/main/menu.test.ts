import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { DisplayInfo } from '../../shared/bridge.js';

vi.mock('electron', () => ({ Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() } }));
const { buildMenuTemplate } = await import('./menu.js');

const displays: DisplayInfo[] = [
  { id: 1, label: 'Built-in', primary: true, width: 1440, height: 900, lastUsedForKiosk: false },
  { id: 2, label: 'Waiting room TV', primary: false, width: 1920, height: 1080, lastUsedForKiosk: true },
];

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const item = template.find((entry) => entry.label === label);
  if (!item || !Array.isArray(item.submenu)) throw new Error(`no ${label} menu`);
  return item.submenu;
}

const base = { displays, alwaysOnTop: true, kioskDisplayId: 2, isMac: false, devTools: false };

describe('application menu', () => {
  it('offers each screen for the waiting-room display, ticking the remembered one', () => {
    const openKiosk = vi.fn();
    const items = submenu(
      buildMenuTemplate(base, { openKiosk, setAlwaysOnTop: vi.fn(), closeKiosk: vi.fn() }),
      'Waiting Room',
    );
    const screens = items.filter((item) => item.type === 'radio');
    expect(screens.map((item) => [item.label, item.checked])).toEqual([
      ['Built-in (1440×900), main screen', false],
      ['Waiting room TV (1920×1080)', true],
    ]);
    screens[0]?.click?.({} as never, undefined, {} as never);
    expect(openKiosk).toHaveBeenCalledWith(1);
  });

  it('shows the remembered always-on-top choice and reports changes', () => {
    const setAlwaysOnTop = vi.fn();
    const view = submenu(
      buildMenuTemplate(base, { openKiosk: vi.fn(), setAlwaysOnTop, closeKiosk: vi.fn() }),
      'View',
    );
    const onTop = view.find((item) => item.label === 'Always on Top');
    expect(onTop).toMatchObject({ type: 'checkbox', checked: true });
    onTop?.click?.({ checked: false } as never, undefined, {} as never);
    expect(setAlwaysOnTop).toHaveBeenCalledWith(false);
  });

  it('offers developer tools only in unpackaged builds', () => {
    const actions = { openKiosk: vi.fn(), setAlwaysOnTop: vi.fn(), closeKiosk: vi.fn() };
    const roles = (devTools: boolean) =>
      submenu(buildMenuTemplate({ ...base, devTools }, actions), 'View').map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('says so when no screen is found', () => {
    const items = submenu(
      buildMenuTemplate(
        { ...base, displays: [] },
        { openKiosk: vi.fn(), setAlwaysOnTop: vi.fn(), closeKiosk: vi.fn() },
      ),
      'Waiting Room',
    );
    expect(items[1]).toEqual({ label: 'No screen found', enabled: false });
  });

  it('closes the waiting-room display from the menu, the one way besides the console', () => {
    const closeKiosk = vi.fn();
    const actions = { openKiosk: vi.fn(), setAlwaysOnTop: vi.fn(), closeKiosk };
    const close = submenu(buildMenuTemplate(base, actions), 'Waiting Room').find(
      (item) => item.label === 'Close Waiting-Room Display',
    );
    close?.click?.({} as never, undefined, {} as never);
    expect(closeKiosk).toHaveBeenCalledOnce();
  });
});
