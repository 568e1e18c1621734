import type { Page } from 'playwright-core';

export interface HeldList {
  /** Resolves once the server has answered the held read (its answer is fixed from then on). */
  read: Promise<void>;
  /** Lets the held answer reach the page. */
  release(): void;
}

/**
 * Holds the page's next `GET /api/queues` after the server has answered it, so a test can change a queue
 * and let its live event arrive before the older answer lands. Every answer from now on also lists a
 * marker department (`marker`, a copy of `like`), so the test can see when the held one has landed; the
 * page's `GET /api/departments` lists it too, as the console shows only the departments listed there.
 */
export async function holdNextQueuesList(
  page: Page,
  like: string,
  marker: { department: string; name: string },
): Promise<HeldList> {
  let answered: () => void = () => undefined;
  const read = new Promise<void>((resolve) => (answered = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  await page.route('**/api/departments', async (route) => {
    const response = await route.fetch();
    const departments = (await response.json()) as Array<Record<string, unknown>>;
    const model = departments.find((department) => department.code === like);
    departments.push({ ...model, id: 99_999, code: marker.department, name: marker.name });
    await route.fulfill({ response, json: departments });
  });
  await page.route('**/api/queues', async (route) => {
    const response = await route.fetch();
    const queues = (await response.json()) as Array<Record<string, unknown>>;
    const model = queues.find((queue) => queue.department === like);
    queues.push({ ...model, id: 99_999, ...marker });
    if (!held) {
      held = true;
      answered();
      await released;
    }
    await route.fulfill({ response, json: queues });
  });
  return { read, release };
}
