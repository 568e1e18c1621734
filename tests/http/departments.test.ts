import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import type { QueueStatus } from '../../shared/schemas';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('departments and queue status', () => {
  it('seeds OPD, LAB and PHARM on first start, all closed, with no patient data', async () => {
    const list = await api<QueueStatus[]>(server, 'GET', '/api/queues');
    expect(list.status).toBe(200);
    expect(list.body.map((status) => status.department).sort()).toEqual(['LAB', 'OPD', 'PHARM']);
    for (const status of list.body) {
      expect(status).toMatchObject({
        isOpen: false,
        totalWaiting: 0,
        statusMessage: 'Queue Closed',
        nowServing: [],
        // No service times yet: no range to draw.
        estimatedWaitRange: null,
      });
      expect(Object.keys(status).sort()).toEqual(
        [
          'closedAt',
          'department',
          'estimatedWaitMinutes',
          'estimatedWaitRange',
          'id',
          'isOpen',
          'manualOverride',
          'name',
          'nowServing',
          'openedAt',
          'scheduledCloseAt',
          'statusMessage',
          'totalWaiting',
        ].sort(),
      );
    }
  });

  it('answers one department, upper-casing its code, and 404 for an unknown one', async () => {
    const one = await api<QueueStatus>(server, 'GET', '/api/queues/opd');
    expect(one.status).toBe(200);
    expect(one.body.department).toBe('OPD');
    const missing = await api(server, 'GET', '/api/queues/XRAY');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
    const invalid = await api(server, 'GET', '/api/queues/x');
    expect(invalid.status).toBe(400);
  });

  it('lets an admin create a department, closed, and refuses a duplicate with 409', async () => {
    const admin = await signedInUser(server, 'admin');
    const created = await api<{ department: { code: string; name: string } }>(
      server,
      'POST',
      '/api/departments',
      {
        token: admin.token,
        body: { code: 'xray', name: 'Radiology' },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.department).toMatchObject({ code: 'XRAY', name: 'Radiology' });
    const status = await api<QueueStatus>(server, 'GET', '/api/queues/XRAY');
    expect(status.body).toMatchObject({ isOpen: false, statusMessage: 'Queue Closed' });
    const again = await api(server, 'POST', '/api/departments', {
      token: admin.token,
      body: { code: 'XRAY', name: 'Radiology 2' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'department_exists' } });
  });

  it('refuses department creation to patients (403), nurses (403) and strangers (401)', async () => {
    const patient = await signedInUser(server, 'patient');
    const nurse = await signedInUser(server, 'nurse');
    const body = { code: 'ENT', name: 'Ear, nose and throat' };
    expect((await api(server, 'POST', '/api/departments', { token: patient.token, body })).status).toBe(403);
    expect((await api(server, 'POST', '/api/departments', { token: nurse.token, body })).status).toBe(403);
    expect((await api(server, 'POST', '/api/departments', { body })).status).toBe(401);
    expect((await api(server, 'GET', '/api/queues/ENT')).status).toBe(404);
  });

  it('validates the code and name', async () => {
    const admin = await signedInUser(server, 'admin');
    for (const body of [
      { code: 'A', name: 'Too short' },
      { code: 'WAY_TOO_LONG_CODE_X', name: 'Too long' },
      { code: 'BAD-CODE', name: 'Dash' },
      { code: 'OK2', name: '' },
      { code: 'OK3', name: 'Fine', extra: 1 },
    ]) {
      const response = await api(server, 'POST', '/api/departments', { token: admin.token, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const list = await api<QueueStatus[]>(server, 'GET', '/api/queues');
    expect(list.body.map((status) => status.department)).not.toContain('OK3');
  });
});

describe('operations', () => {
  it('reports health and Prometheus metrics', async () => {
    const health = await api(server, 'GET', '/healthz');
    expect(health.body).toEqual({ status: 'ok', db: 'ok' });
    const metrics = await api<string>(server, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('queuebell_http_request_duration_seconds');
  });

  it('answers unknown routes in the contract format and sets security headers', async () => {
    const missing = await api(server, 'GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
