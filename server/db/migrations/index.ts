import type { RunnableMigration } from 'umzug';
import type { MigrationContext } from './types';
import * as m0001 from './0001-accounts';
import * as m0002 from './0002-departments';
import * as m0003 from './0003-notifications';
import * as m0004 from './0004-tickets';
import * as m0005 from './0005-schedules';
import * as m0006 from './0006-socket-io';
import * as m0007 from './0007-localized-texts';
import * as m0008 from './0008-notifications-fillfactor';
import * as m0009 from './0009-patient-contact';
import * as m0010 from './0010-channels';
import * as m0011 from './0011-staff';
import * as m0012 from './0012-staff-idle';
import * as m0013 from './0013-privacy';
import * as m0014 from './0014-api-keys';
import * as m0015 from './0015-webhooks';
import * as m0016 from './0016-ticket-journey';
import * as m0017 from './0017-appointments-guests';

/** Every migration in order. A list rather than a glob, so the set is fixed by the code. */
export const migrations: RunnableMigration<MigrationContext>[] = [
  { name: '0001-accounts', ...m0001 },
  { name: '0002-departments', ...m0002 },
  { name: '0003-notifications', ...m0003 },
  { name: '0004-tickets', ...m0004 },
  { name: '0005-schedules', ...m0005 },
  { name: '0006-socket-io', ...m0006 },
  { name: '0007-localized-texts', ...m0007 },
  { name: '0008-notifications-fillfactor', ...m0008 },
  { name: '0009-patient-contact', ...m0009 },
  { name: '0010-channels', ...m0010 },
  { name: '0011-staff', ...m0011 },
  { name: '0012-staff-idle', ...m0012 },
  { name: '0013-privacy', ...m0013 },
  { name: '0014-api-keys', ...m0014 },
  { name: '0015-webhooks', ...m0015 },
  { name: '0016-ticket-journey', ...m0016 },
  { name: '0017-appointments-guests', ...m0017 },
];
