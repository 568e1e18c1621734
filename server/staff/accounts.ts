import { Op, QueryTypes } from 'sequelize';
import type { Sequelize, Transaction } from 'sequelize';
import { STAFF_ROLES } from '../../shared/constants';
import { User } from '../db/models/index';
import { lastAdmin, notFound } from '../errors';

/** Every staff account, admins first, then by name. */
export function listStaff(): Promise<User[]> {
  return User.findAll({
    where: { role: { [Op.in]: [...STAFF_ROLES] } },
    order: [
      ['role', 'ASC'],
      ['name', 'ASC'],
      ['id', 'ASC'],
    ],
  });
}

/** A staff account locked for the caller's transaction; a patient's id is answered like a missing one. */
export async function lockStaff(id: number, transaction: Transaction): Promise<User> {
  const user = await User.findOne({
    where: { id, role: { [Op.in]: [...STAFF_ROLES] } },
    transaction,
    lock: transaction.LOCK.UPDATE,
  });
  if (!user) throw notFound('There is no such staff account.');
  return user;
}

/**
 * The ids of every active admin, their rows locked for the caller's transaction. A change that may take
 * an admin out (disable, demote) takes these locks before any other, always in id order, so two admins
 * disabling each other at once cannot both pass (the second waits, then sees it is the last one left)
 * and cannot deadlock either.
 */
export async function lockActiveAdmins(sequelize: Sequelize, transaction: Transaction): Promise<number[]> {
  const admins = await sequelize.query<{ id: number }>(
    `SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`,
    { type: QueryTypes.SELECT, transaction },
  );
  return admins.map((admin) => Number(admin.id));
}

/** 409 `last_admin` when `userId` is the only active admin among those locked. */
export function keepAnActiveAdmin(activeAdmins: number[], userId: number): void {
  if (!activeAdmins.some((id) => id !== userId)) throw lastAdmin();
}
