import { describe, expect, it } from 'vitest';
import type { QueueStatus } from '../../../shared/schemas';
import { addCall, CALLS_KEPT, mergeSnapshot } from './history';
import type { CallHistory, CallRecord } from './history';

let seq = 0;
const record = (number: string, calledAt: string, receivedAt = 1): CallRecord => ({
  department: 'OPD',
  number,
  room: '1',
  calledAt,
  seq: ++seq,
  receivedAt,
});

function status(nowServing: QueueStatus['nowServing']): QueueStatus {
  return {
    id: 1,
    department: 'OPD',
    name: 'Outpatients',
    isOpen: true,
    totalWaiting: 0,
    statusMessage: 'Queue Open - No Wait',
    openedAt: null,
    closedAt: null,
    scheduledCloseAt: null,
    manualOverride: false,
    nowServing,
    estimatedWaitMinutes: 0,
    estimatedWaitRange: null,
  };
}

describe('call history', () => {
  it('keeps the newest calls, one per number, however many calls a day brings', () => {
    let history: CallHistory = {};
    for (let index = 0; index < 1_000; index++) {
      history = addCall(history, record(`OPD-${index % 7}`, new Date(index * 1000).toISOString()));
    }
    const calls = history.OPD ?? [];
    expect(calls).toHaveLength(CALLS_KEPT);
    expect(new Set(calls.map((call) => call.number)).size).toBe(CALLS_KEPT);
    expect(calls[0]?.number).toBe(`OPD-${999 % 7}`);
  });

  it('adds the calls a reload reveals without a highlight, and drops departments no longer shown', () => {
    const heard = record('OPD-001', '2026-11-28T09:00:01.000Z');
    const history: CallHistory = { OPD: [heard], LAB: [record('LAB-001', '2026-11-28T08:00:00.000Z')] };
    const merged = mergeSnapshot(
      history,
      [
        status([
          { ticket: 'OPD-002', room: '4', calledAt: '2026-11-28T09:05:00.000Z' },
          // The event's time is taken after the commit, so the row's own time is a little earlier.
          { ticket: 'OPD-001', room: '1', calledAt: '2026-11-28T09:00:00.900Z' },
        ]),
      ],
      () => ++seq,
    );
    expect(Object.keys(merged)).toEqual(['OPD']);
    expect(merged.OPD?.map((call) => [call.number, call.receivedAt])).toEqual([
      ['OPD-002', 0],
      ['OPD-001', heard.receivedAt],
    ]);
  });
});
