import type { QueueStatus, User as UserJson } from '../../shared/schemas';
import type { User } from '../db/models/index';

export function presentUser(user: User): UserJson {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}

export function iso(date: Date | null | undefined): string | null {
  return date ? new Date(date).toISOString() : null;
}

/** The older system's wording, kept word for word; clients localise it. */
export function statusMessage(isOpen: boolean, totalWaiting: number): string {
  if (!isOpen) return 'Queue Closed';
  return totalWaiting === 0 ? 'Queue Open - No Wait' : `Queue Open - ${totalWaiting} waiting`;
}

export type { QueueStatus };
