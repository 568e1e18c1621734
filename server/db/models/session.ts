import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import { bigintGetter } from './user';

export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare tokenHash: string;
  declare createdAt: CreationOptional<Date>;
  declare lastUsedAt: CreationOptional<Date>;
  declare expiresAt: Date;
  /** How long the session lives after its last use: sliding expiry. */
  declare idleSeconds: CreationOptional<number>;
  declare revokedAt: CreationOptional<Date | null>;

  static initModel(sequelize: Sequelize): void {
    Session.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true, get: bigintGetter('id') },
        userId: { type: DataTypes.BIGINT, allowNull: false, get: bigintGetter('userId') },
        tokenHash: { type: DataTypes.TEXT, allowNull: false, unique: true },
        createdAt: DataTypes.DATE,
        lastUsedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        idleSeconds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 2_592_000 },
        revokedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize, tableName: 'sessions', underscored: true, updatedAt: false },
    );
  }
}
