import { Menu, Tray, app, nativeImage } from 'electron';

/**
 * A 32×32 teal ring, inline so the packaged app needs no loose image file (the asar holds only tsc output
 * and the renderer bundle). Tray icons are drawn small; the number waiting goes in the title and tooltip.
 */
const ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAA3UlEQVR42s2X0QnFIAxFO4CQBTKSq5hP/1zB3Ryhk/RRULCl8ozVJsL9KSX3oDEmG3jamELwZMGTA08hy+VvyI3HMT2NEng6/ijlf3EGgAFPscO0pZhjDAGcW7q/MC/acywWgJtgfJfrBVhh3oR42vZjsWwLwEw6856cME8A8QPz+nZcAPBD8yKsAQI3wH0NAIQaII0avwBJBQBnmQ9AIOvqLQCw3YWHu3oLU3cCLgIIKgDEj0A8CcWvoXghUlGKxR8j8edYRUMi3pKpaEpVtOUqBhMVo5mK4XT5eP4D+LChfogXW6cAAAAASUVORK5CYII=';

export interface TrayActions {
  showConsole(): void;
  quit(): void;
}

export interface TrayController {
  setCount(count: number): void;
  destroy(): void;
}

export function waitingLabel(count: number): string {
  return count === 1 ? '1 patient waiting' : `${count} patients waiting`;
}

/** The tray icon shows how many are waiting; the dock/launcher badge shows the same number. */
export function createTray(actions: TrayActions): TrayController {
  const tray = new Tray(nativeImage.createFromDataURL(ICON_DATA_URL));
  let current = -1;

  const render = (count: number) => {
    const label = waitingLabel(count);
    tray.setToolTip(`Queuebell: ${label}`);
    // Only macOS draws a title beside the icon; elsewhere the tooltip and menu carry the number.
    if (process.platform === 'darwin') tray.setTitle(count > 0 ? String(count) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label, enabled: false },
        { type: 'separator' },
        { label: 'Show console', click: actions.showConsole },
        { label: 'Quit Queuebell', click: actions.quit },
      ]),
    );
  };

  tray.on('click', actions.showConsole);
  render(0);

  return {
    setCount(count) {
      if (count === current) return;
      current = count;
      render(count);
      app.setBadgeCount(count);
    },
    destroy() {
      tray.destroy();
    },
  };
}
