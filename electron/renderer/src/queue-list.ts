import type { QueueStatus } from '../../../shared/schemas';

/** The list with `status` in place of its department's queue; a department not listed is not added. */
export function replaceQueue(list: QueueStatus[], status: QueueStatus): QueueStatus[] {
  return list.map((queue) => (queue.department === status.department ? status : queue));
}

/** A list read over HTTP, with the queues a live event changed while it was on its way kept as shown. */
export function keepNewer(
  read: QueueStatus[],
  shown: QueueStatus[] | null,
  newerHere: string[],
): QueueStatus[] {
  if (!shown || newerHere.length === 0) return read;
  const newer = new Set(newerHere);
  return read.map(
    (queue) =>
      (newer.has(queue.department) && shown.find((item) => item.department === queue.department)) || queue,
  );
}
