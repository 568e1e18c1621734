import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { normalisePhone } from './phone';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('normalisePhone', () => {
  it('writes what was typed in E.164, reading national numbers in the given region', () => {
    expect(normalisePhone('+34 612 34 56 78', 'US')).toBe('+34612345678');
    expect(normalisePhone('612 34 56 78', 'ES')).toBe('+34612345678');
    expect(normalisePhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(normalisePhone('(201) 555-0123', 'US')).toBe('+12015550123');
  });

  it('refuses what no numbering plan allows with invalid_phone', () => {
    for (const typed of ['12345', '+1 123 456 7890', '612 34 56 78 99 99', 'abc']) {
      expect(thrownBy(() => normalisePhone(typed, 'US'))).toMatchObject({
        statusCode: 400,
        code: 'invalid_phone',
      });
    }
  });
});

describe('DEFAULT_PHONE_REGION', () => {
  it('is US unless set, any case, and must be a region the phone rules know', () => {
    expect(loadConfig({}).defaultPhoneRegion).toBe('US');
    expect(loadConfig({ DEFAULT_PHONE_REGION: 'es' }).defaultPhoneRegion).toBe('ES');
    expect(() => loadConfig({ DEFAULT_PHONE_REGION: 'XX' })).toThrow(/DEFAULT_PHONE_REGION/);
  });
});
