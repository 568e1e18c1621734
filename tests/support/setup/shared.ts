/**
 * A resource that several vitest projects' global setups need (one PostgreSQL, one test CA), started by
 * the first project that asks and stopped after the last one's teardown. Each project loads its global
 * setup files in a module runner of its own, so module state is not shared between projects; the main
 * process's globalThis is.
 */
type Stop = () => Promise<void>;

interface Entry {
  started: Promise<Stop>;
  users: number;
}

const REGISTRY = Symbol.for('queuebell.tests.sharedSetups');
const holder = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, Entry> };

export function sharedSetup(name: string, start: () => Promise<Stop>): Promise<Stop> {
  const registry = (holder[REGISTRY] ??= new Map<string, Entry>());
  let entry = registry.get(name);
  if (!entry) {
    entry = { started: start(), users: 0 };
    registry.set(name, entry);
  }
  entry.users += 1;
  const current = entry;
  return current.started.then((stop) => async () => {
    current.users -= 1;
    if (current.users > 0) return;
    registry.delete(name);
    await stop();
  });
}
