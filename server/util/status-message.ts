/** The older system's wording, kept word for word; clients localise it. */
export function statusMessage(isOpen: boolean, totalWaiting: number): string {
  if (!isOpen) return 'Queue Closed';
  return totalWaiting === 0 ? 'Queue Open - No Wait' : `Queue Open - ${totalWaiting} waiting`;
}
