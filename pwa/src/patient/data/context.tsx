import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { PatientSession } from '../session';
import { usePatientData } from './usePatientData';
import type { PatientDataApi } from './usePatientData';

const PatientDataContext = createContext<PatientDataApi | null>(null);

interface Props {
  session: PatientSession;
  onRefused(): void;
  children: ReactNode;
}

/** One live connection for the whole signed-in app; pages read it with usePatient(). */
export function PatientDataProvider({ session, onRefused, children }: Props) {
  const api = usePatientData(session, onRefused);
  return <PatientDataContext.Provider value={api}>{children}</PatientDataContext.Provider>;
}

export function usePatient(): PatientDataApi {
  const api = useContext(PatientDataContext);
  if (!api) throw new Error('usePatient() outside PatientDataProvider');
  return api;
}
