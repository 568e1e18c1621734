import { DataTypes, Model } from 'sequelize';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Sequelize } from 'sequelize';
import type { Role } from '../../../shared/constants';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  /** null for a guest, until they upgrade to a full account. */
  declare email: CreationOptional<string | null>;
  /** null for a guest: nothing to sign in with but their token. */
  declare passwordHash: CreationOptional<string | null>;
  declare name: string;
  declare role: Role;
  declare locale: CreationOptional<string>;
  /** null: every department. */
  declare notifyDepartments: CreationOptional<string[] | null>;
  declare pushEnabled: CreationOptional<boolean>;
  /** E.164 (`+34612345678`), or null: the patient gave none. Their own data: never in staff or public answers. */
  declare phone: CreationOptional<string | null>;
  declare emailEnabled: CreationOptional<boolean>;
  /** Only with a phone (a check in the database keeps it so). */
  declare smsEnabled: CreationOptional<boolean>;
  /** Staff only: a disabled account cannot sign in, and its sessions were revoked when it was disabled. */
  declare disabled: CreationOptional<boolean>;
  /** Staff only: the last sign-in or request (written at most once a minute per session). */
  declare lastSeenAt: CreationOptional<Date | null>;
  /** Staff only: the department codes a nurse acts on; null is every department. Admins act on all. */
  declare staffDepartments: CreationOptional<string[] | null>;
  /** A patient who joined without registering (a name, maybe a phone); removed after 7 unused days. */
  declare guest: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    User.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true, get: bigintGetter('id') },
        email: { type: DataTypes.TEXT, allowNull: true, unique: true },
        passwordHash: { type: DataTypes.TEXT, allowNull: true },
        name: { type: DataTypes.TEXT, allowNull: false },
        role: { type: DataTypes.TEXT, allowNull: false },
        locale: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'en' },
        notifyDepartments: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: true },
        pushEnabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        phone: { type: DataTypes.TEXT, allowNull: true },
        emailEnabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        smsEnabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        lastSeenAt: { type: DataTypes.DATE, allowNull: true },
        staffDepartments: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: true },
        guest: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'users', underscored: true },
    );
  }
}

/** PostgreSQL bigint arrives as a string; ids here stay far below 2^53, so a number is safe and simpler. */
export function bigintGetter<M extends Model>(field: string) {
  return function (this: M): number {
    return Number(this.getDataValue(field as keyof M['_attributes']));
  };
}
