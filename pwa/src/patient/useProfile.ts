import { useCallback, useEffect, useState } from 'react';
import { sameOriginApi } from '../../../shared/api-client';
import type { UpdateMeBody, User } from '../../../shared/schemas';
import { rememberUser } from './session';
import type { PatientSession } from './session';

const api = sameOriginApi();

export interface ProfileApi {
  user: User;
  /** Saves a change through `PATCH /api/me`; rejects with the server's ApiError (e.g. `invalid_phone`). */
  save(change: UpdateMeBody): Promise<void>;
  /** Keeps a user the server answered elsewhere (a guest's upgrade). */
  replace(user: User): void;
}

/**
 * The signed-in user as the server holds them. It starts from the session saved on this device (which
 * may predate the phone field) and is read again on opening, so a change made elsewhere shows here.
 */
export function useProfile(session: PatientSession): ProfileApi {
  const [user, setUser] = useState<User>(() => ({ ...session.user, phone: session.user.phone ?? null }));

  const keep = useCallback(
    (fresh: User) => {
      rememberUser(session, fresh);
      setUser(fresh);
    },
    [session],
  );

  useEffect(() => {
    // Offline, the saved user is what there is; the page still works.
    api('GET /api/me', { token: session.token })
      .then(({ user: fresh }) => keep(fresh))
      .catch(() => undefined);
  }, [session.token, keep]);

  const save = useCallback(
    async (change: UpdateMeBody) => {
      const { user: fresh } = await api('PATCH /api/me', { token: session.token, body: change });
      keep(fresh);
    },
    [session.token, keep],
  );

  return { user, save, replace: keep };
}
