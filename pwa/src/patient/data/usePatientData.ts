import { useEffect, useMemo, useReducer, useRef } from 'react';
import { useOnline } from '../useOnline';
import type { PatientSession } from '../session';
import { loadData, saveData } from './cache';
import { reduceData } from './state';
import type { PatientData } from './state';
import { usePatientActions } from './usePatientActions';
import type { PatientActions } from './usePatientActions';
import { usePatientLive } from './usePatientLive';
import type { Connection } from './usePatientLive';
import { usePatientReads } from './usePatientReads';

export type { Connection } from './usePatientLive';

export interface PatientDataApi extends PatientActions {
  data: PatientData;
  connection: Connection;
  online: boolean;
  /** Server actions are offered only while the server is reachable; offline they are disabled, not queued. */
  canAct: boolean;
}

/**
 * The patient's live data: the cached copy first (so the app opens offline), then the server's, kept
 * current by the shared live-sync (usePatientLive). Each (re)connection re-reads everything, so nothing
 * changed while away is missed.
 */
export function usePatientData(session: PatientSession, onRefused: () => void): PatientDataApi {
  const { token, user } = session;
  const userId = user.id;
  const [data, dispatch] = useReducer(reduceData, userId, loadData);
  const online = useOnline();
  const dataRef = useRef(data);
  useEffect(() => {
    dataRef.current = data;
    saveData(userId, data);
  }, [userId, data]);

  const reads = usePatientReads(token, dispatch, dataRef);
  const connection = usePatientLive({ session, onRefused, dispatch, dataRef, reads });
  const actions = usePatientActions(token, dispatch, dataRef, reads);

  return useMemo(
    () => ({ ...actions, data, connection, online, canAct: online && connection === 'live' }),
    [actions, data, connection, online],
  );
}
