import { useMemo, useRef } from 'react';
import type { Department, QueueStatus } from '../../../shared/schemas';
import { useConsole, useLiveEvents, useResource } from './hooks';
import type { Resource } from './hooks';

export interface AssignedDepartments {
  /** What this nurse may act on (`GET /api/departments`: the assigned ones; all for admins), by code. */
  byCode: ReadonlyMap<string, Department> | null;
  resource: Resource<Department[]>;
}

/**
 * The departments the server lets this nurse act on, with their settings (the rooms a call may name).
 * Read on every (re)connection, so a new assignment shows after the socket follows it, and once when a
 * queue not in the list changes (a department created since).
 */
export function useAssignedDepartments(): AssignedDepartments {
  const { api } = useConsole();
  const resource = useResource('departments', () => api('GET /api/departments'));
  const byCode = useMemo(
    () => (resource.data ? new Map(resource.data.map((department) => [department.code, department])) : null),
    [resource.data],
  );
  // Each code not in the list is asked about once: a nurse hears every department's public status.
  const asked = useRef(new Set<string>());
  useLiveEvents((event) => {
    if (event.kind === 'connected') resource.reload();
    if (event.kind !== 'status' || !byCode) return;
    const code = event.status.department;
    if (byCode.has(code) || asked.current.has(code)) return;
    asked.current.add(code);
    resource.reload();
  });
  return { byCode, resource };
}

/** The queues of the departments this nurse may act on; null until both are read. */
export function assignedQueues(
  queues: QueueStatus[] | null,
  byCode: ReadonlyMap<string, Department> | null,
): QueueStatus[] | null {
  if (!queues || !byCode) return null;
  return queues.filter((queue) => byCode.has(queue.department));
}
