import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { DisplayInfo } from '../../shared/bridge.js';

export interface MenuState {
  displays: DisplayInfo[];
  alwaysOnTop: boolean;
  kioskDisplayId: number | null;
  isMac: boolean;
  /** Developer tools only in unpackaged builds: a ward PC should not offer a console into the renderer. */
  devTools: boolean;
}

export interface MenuActions {
  openKiosk(displayId: number): void;
  /** The displays refuse to close from their own keyboard: this (and the console's button) is the way. */
  closeKiosk(): void;
  setAlwaysOnTop(on: boolean): void;
}

function kioskItems(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  if (state.displays.length === 0) return [{ label: 'No screen found', enabled: false }];
  return state.displays.map((display) => ({
    label: `${display.label} (${display.width}×${display.height})${display.primary ? ', main screen' : ''}`,
    type: 'radio',
    // The screen used last is ticked: it is remembered across restarts.
    checked: display.id === state.kioskDisplayId,
    click: () => actions.openKiosk(display.id),
  }));
}

/** Pure, so the menu can be checked without Electron; `installMenu` turns it into the real one. */
export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(state.devTools ? [{ role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
    {
      label: 'Always on Top',
      type: 'checkbox',
      checked: state.alwaysOnTop,
      click: (item) => actions.setAlwaysOnTop(item.checked),
    },
  ];
  return [
    ...(state.isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    {
      label: 'Waiting Room',
      submenu: [
        { label: 'Open Waiting-Room Display On', enabled: false },
        ...kioskItems(state, actions),
        { type: 'separator' },
        { label: 'Close Waiting-Room Display', click: () => actions.closeKiosk() },
      ],
    },
    { role: 'windowMenu' },
  ];
}

export function installMenu(state: MenuState, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(state, actions)));
}
