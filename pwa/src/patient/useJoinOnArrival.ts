import { useEffect, useRef } from 'react';
import { ApiError } from '../../../shared/api-client';
import { usePatient } from './data/context';
import { leaveJoinAddress } from './session';

/**
 * Opened at `/join/<DEPT>` (the kiosk's code): once signed in, as a guest or not, the ticket is taken
 * at once, one time. Holding one already is as good; any other refusal is shown by the home page's read.
 */
export function useJoinOnArrival(department: string | null, onJoined: () => void): void {
  const { join, canAct } = usePatient();
  const done = useRef(false);
  useEffect(() => {
    if (!department || !canAct || done.current) return;
    done.current = true;
    join(department)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError && error.code === 'already_in_queue')) throw error;
      })
      .then(onJoined, () => undefined)
      .finally(leaveJoinAddress);
  }, [department, canAct, join, onJoined]);
}
