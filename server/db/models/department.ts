import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { bigintGetter } from './user';

export class Department extends Model<InferAttributes<Department>, InferCreationAttributes<Department>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare alertPosition: CreationOptional<number>;
  declare escalateAfterSeconds: CreationOptional<number>;
  /** Empty: a call may name any room. */
  declare rooms: CreationOptional<string[]>;
  declare longWaitMinutes: CreationOptional<number>;
  /** Out of the public list and closed to joins; its history stays. */
  declare archived: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Department.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true, get: bigintGetter('id') },
        code: { type: DataTypes.TEXT, allowNull: false, unique: true },
        name: { type: DataTypes.TEXT, allowNull: false },
        alertPosition: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 3 },
        escalateAfterSeconds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 30 },
        rooms: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
        longWaitMinutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 40 },
        archived: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'departments', underscored: true, updatedAt: false },
    );
  }
}
