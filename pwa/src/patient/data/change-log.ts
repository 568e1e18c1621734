/**
 * Counts live (socket) updates per record. A list asked for over HTTP reflects the server as of its
 * request; a socket update that arrives while the list is on its way is newer, and the list must not
 * undo it (a queue opened just as the app connected stayed shown as closed).
 */
export interface ChangeLog<K> {
  /** A live update of this record has just been applied. */
  record(key: K): void;
  /** A mark to take when a request is sent. */
  mark(): number;
  /** The records a live update changed after that mark. */
  since(mark: number): K[];
}

export function createChangeLog<K>(): ChangeLog<K> {
  let count = 0;
  const last = new Map<K, number>();
  return {
    record(key) {
      count += 1;
      last.set(key, count);
    },
    mark: () => count,
    since: (mark) => [...last].filter(([, at]) => at > mark).map(([key]) => key),
  };
}
