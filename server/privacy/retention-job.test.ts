import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { nextRetentionAt } from './retention-job';

describe('nextRetentionAt', () => {
  it('is 03:00 hospital time today when that is still ahead, else tomorrow', () => {
    // 01:30 in Madrid (UTC+1 in winter): today at 03:00 local, 02:00 UTC.
    expect(nextRetentionAt(new Date('2026-12-02T00:30:00Z'), 'Europe/Madrid')).toEqual({
      at: new Date('2026-12-02T02:00:00Z'),
      day: '2026-12-02',
    });
    // Exactly 03:00 has been taken already: the next night.
    expect(nextRetentionAt(new Date('2026-12-02T02:00:00Z'), 'Europe/Madrid').day).toBe('2026-12-03');
  });

  it('keeps 03:00 local across a change of clocks', () => {
    // The night Europe/London goes back to GMT (25 October 2026): 03:00 is then 03:00 UTC.
    expect(nextRetentionAt(new Date('2026-10-24T12:00:00Z'), 'Europe/London').at).toEqual(
      new Date('2026-10-25T03:00:00Z'),
    );
  });
});

describe('RETENTION_DAYS', () => {
  it('defaults to 90 and takes whole days from 1 to 3650', () => {
    expect(loadConfig({}).retentionDays).toBe(90);
    expect(loadConfig({ RETENTION_DAYS: '30' }).retentionDays).toBe(30);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ RETENTION_DAYS: '1.5' })).toThrow(/RETENTION_DAYS/);
  });
});
