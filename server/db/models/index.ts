import type { Sequelize } from 'sequelize';
import { Department } from './department';
import { Queue } from './queue';
import { Session } from './session';
import { User } from './user';

export { Department, Queue, Session, User };

export function initModels(sequelize: Sequelize): void {
  User.initModel(sequelize);
  Session.initModel(sequelize);
  Department.initModel(sequelize);
  Queue.initModel(sequelize);
  Department.hasOne(Queue, { foreignKey: 'departmentId', as: 'queue' });
  Queue.belongsTo(Department, { foreignKey: 'departmentId', as: 'department' });
  Session.belongsTo(User, { foreignKey: 'userId', as: 'user' });
}
