import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { bigintGetter } from './user';

export class Department extends Model<InferAttributes<Department>, InferCreationAttributes<Department>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare alertPosition: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Department.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true, get: bigintGetter('id') },
        code: { type: DataTypes.TEXT, allowNull: false, unique: true },
        name: { type: DataTypes.TEXT, allowNull: false },
        alertPosition: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 3 },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'departments', underscored: true, updatedAt: false },
    );
  }
}
