import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { bigintGetter } from './user';

/** The live state of one department's queue; one row per department. */
export class Queue extends Model<InferAttributes<Queue>, InferCreationAttributes<Queue>> {
  declare departmentId: number;
  declare isOpen: CreationOptional<boolean>;
  declare manualOverride: CreationOptional<boolean>;
  declare openedAt: CreationOptional<Date | null>;
  declare closedAt: CreationOptional<Date | null>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Queue.init(
      {
        departmentId: { type: DataTypes.BIGINT, primaryKey: true, get: bigintGetter('departmentId') },
        isOpen: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        manualOverride: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        openedAt: { type: DataTypes.DATE, allowNull: true },
        closedAt: { type: DataTypes.DATE, allowNull: true },
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'queues', underscored: true, createdAt: false },
    );
  }
}
