import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { AuditEntry } from '../../shared/queues';
import { iso } from '../util/iso';

interface AuditRow {
  id: number;
  code: string;
  previous_status: AuditEntry['previousStatus'];
  new_status: AuditEntry['newStatus'];
  reason: AuditEntry['reason'];
  changed_by: number | null;
  changed_by_name: string | null;
  note: string | null;
  changed_at: Date;
}

export async function auditLog(sequelize: Sequelize, code: string, limit: number): Promise<AuditEntry[]> {
  const rows = await sequelize.query<AuditRow>(
    `SELECT e.id, d.code, e.previous_status, e.new_status, e.reason, e.changed_by, u.name AS changed_by_name, e.note, e.changed_at
       FROM queue_events e JOIN departments d ON d.id = e.department_id LEFT JOIN users u ON u.id = e.changed_by
      WHERE d.code = :code ORDER BY e.id DESC LIMIT :limit`,
    { replacements: { code, limit }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    id: Number(row.id),
    department: row.code,
    previousStatus: row.previous_status,
    newStatus: row.new_status,
    reason: row.reason,
    changedBy:
      row.changed_by === null ? null : { id: Number(row.changed_by), name: row.changed_by_name ?? '' },
    note: row.note,
    changedAt: iso(row.changed_at) ?? '',
  }));
}
