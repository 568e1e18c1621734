import { describe, expect, it } from 'vitest';
import { PUSH_PAYLOAD_LIMIT_BYTES } from '../../shared/notifications';
import type { Notification, PushPayload } from '../../shared/notifications';
import { buildPushPayload, pushPayloadBytes } from './push-payload';

function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 4217,
    type: 'ticket_called',
    department: 'OPD',
    title: 'It is your turn',
    body: 'Please go to room 4 now. Your ticket: OPD-001.',
    data: { ticketId: 9 },
    deliveryStatus: 'pending',
    createdAt: '2026-12-01T22:00:00.000Z',
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    channels: [],
    ...overrides,
  };
}

const build = (overrides: Partial<Notification> = {}, locale = 'en') =>
  buildPushPayload({
    notification: notification(overrides),
    locale,
    appUrl: 'https://queuebell.hospital.example/',
    receipt: 'r'.repeat(32),
  });

describe('buildPushPayload', () => {
  it('carries the declarative form beside the fields the service worker reads', () => {
    expect(build()).toEqual({
      web_push: 8030,
      notification: {
        title: 'It is your turn',
        body: 'Please go to room 4 now. Your ticket: OPD-001.',
        navigate: 'https://queuebell.hospital.example/?notification=4217',
        tag: '4217',
        lang: 'en',
      },
      mutable: true,
      id: 4217,
      type: 'ticket_called',
      title: 'It is your turn',
      body: 'Please go to room 4 now. Your ticket: OPD-001.',
      department: 'OPD',
      url: '/?notification=4217',
      receipt: 'r'.repeat(32),
      ticketId: 9,
      actions: [
        { action: 'on_my_way', title: 'On my way' },
        { action: 'need_more_time', title: 'I need a few more minutes' },
      ],
    } satisfies PushPayload);
  });

  it("gives a call's two answers in the patient's language, and no other type any", () => {
    expect(build({}, 'es').actions?.map((action) => action.title)).toEqual([
      'Voy para allá',
      'Necesito unos minutos más',
    ]);
    const opened = build({ type: 'queue_opened', data: {} });
    expect(opened.actions).toBeUndefined();
    expect(opened.ticketId).toBeUndefined();
  });

  it.each([
    ['fr', 'fr'],
    ['es-MX', 'es'],
    ['de', 'en'],
  ])('names the language of the words: locale %s → %s', (locale, lang) => {
    expect(build({}, locale).notification.lang).toBe(lang);
  });

  it('leaves the notification data out: only the words and the link travel', () => {
    expect(JSON.stringify(build({ data: { patientName: 'Zelda Privatename' } }))).not.toContain('Zelda');
  });
});

describe('the 3,000-byte limit', () => {
  const parse = (payload: PushPayload): PushPayload => JSON.parse(JSON.stringify(payload)) as PushPayload;

  it('leaves a payload under the limit as it is', () => {
    const payload = build();
    expect(pushPayloadBytes(payload)).toBeLessThan(PUSH_PAYLOAD_LIMIT_BYTES);
    expect(payload.body).toBe(notification().body);
  });

  it('shortens a long body at a character boundary, with an ellipsis, in both places', () => {
    // Multi-byte letters and emoji: a cut by bytes or code units would leave broken characters.
    const body = 'Diríjase à la sala 👩🏽‍⚕️ '.repeat(200);
    const payload = build({ body });
    const bytes = pushPayloadBytes(payload);
    expect(bytes).toBeLessThan(PUSH_PAYLOAD_LIMIT_BYTES);
    expect(bytes).toBeGreaterThan(PUSH_PAYLOAD_LIMIT_BYTES - 100);
    expect(payload.body.endsWith('…')).toBe(true);
    const kept = payload.body.slice(0, -1);
    expect(body.startsWith(kept)).toBe(true);
    const boundaries = Array.from(
      new Intl.Segmenter('es', { granularity: 'grapheme' }).segment(body),
      (g) => g.index,
    );
    expect(boundaries).toContain(kept.length);
    expect(payload.notification.body).toBe(payload.body);
    expect(payload.title).toBe('It is your turn');
    expect(parse(payload)).toEqual(payload);
  });

  it('shortens the title too when the body alone cannot make room', () => {
    const title = 'Ω'.repeat(2000);
    const payload = build({ title, body: 'short' });
    expect(pushPayloadBytes(payload)).toBeLessThan(PUSH_PAYLOAD_LIMIT_BYTES);
    expect(payload.body).toBe('…');
    expect(payload.title).toMatch(/^Ω+…$/);
    expect(payload.notification.title).toBe(payload.title);
    expect(payload).toMatchObject({ web_push: 8030, mutable: true, id: 4217, receipt: 'r'.repeat(32) });
  });

  it('counts what JSON escapes: quotes and control characters take more bytes than they look', () => {
    const payload = build({ body: '"\n'.repeat(2000) });
    expect(pushPayloadBytes(payload)).toBeLessThan(PUSH_PAYLOAD_LIMIT_BYTES);
    expect(parse(payload).body).toBe(payload.body);
  });
});
