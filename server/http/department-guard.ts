import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Sequelize } from 'sequelize';
import type { DepartmentFrom } from '../../shared/routes';
import { notAssigned } from '../errors';
import {
  accessOf,
  departmentOfAppointment,
  departmentOfSchedule,
  departmentOfTicket,
  mayActOn,
} from '../staff/assignment';

/** The department one part of a request names; null where it names none, which means every department. */
type Named = string | null;

/**
 * The one check behind the route table's `department` field: a nurse acts only on the departments
 * assigned to them, 403 `not_assigned` otherwise. It runs after validation (the department codes are
 * read from the parsed request) and before the handler. Admins and nurses of every department pass
 * without a look-up; a record that does not exist passes too, for its route to answer 404.
 */
export function departmentGuard(
  sequelize: Sequelize,
  from: DepartmentFrom | readonly DepartmentFrom[],
): preHandlerAsyncHookHandler {
  const sources: readonly DepartmentFrom[] = typeof from === 'string' ? [from] : from;
  return async (request) => {
    const user = request.auth?.user;
    if (!user) return;
    const access = accessOf(user);
    if (access === 'all') return;
    for (const source of sources) {
      const code = await namedBy(sequelize, source, request);
      if (code === undefined) continue;
      if (code === null || !mayActOn(access, code)) throw notAssigned(code ?? undefined);
    }
  };
}

/** The department a source names; undefined for a record that does not exist. */
async function namedBy(
  sequelize: Sequelize,
  source: DepartmentFrom,
  request: FastifyRequest,
): Promise<Named | undefined> {
  switch (source) {
    case 'params':
      return departmentField(request.params);
    case 'query':
      return departmentField(request.query);
    case 'body':
      return departmentField(request.body);
    case 'ticket':
      return (await departmentOfTicket(sequelize, idOf(request.params))) ?? undefined;
    case 'schedule':
      return (await departmentOfSchedule(sequelize, idOf(request.params))) ?? undefined;
    case 'appointment':
      return (await departmentOfAppointment(sequelize, idOf(request.params))) ?? undefined;
  }
}

/** A parsed part's `department` (already upper-cased by its schema); absent, every department. */
function departmentField(part: unknown): Named {
  if (typeof part !== 'object' || part === null || !('department' in part)) return null;
  const { department } = part as { department: unknown };
  return typeof department === 'string' ? department : null;
}

/** The `:id` of a path, already checked to be a safe positive integer by its schema. */
function idOf(params: unknown): number {
  const { id } = params as { id: number };
  return id;
}
