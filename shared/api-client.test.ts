import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, isNetworkError, NETWORK_ERROR } from './api-client';
import { CONSOLE_VERSION_HEADER } from './constants';

/** What the local server saw of the last request. */
interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let server: http.Server;
let baseUrl = '';
let seen: Seen | undefined;
/** Every header of the last request, as Node gives them (lower-case names). */
let seenHeaders: http.IncomingHttpHeaders = {};
/** The answer the local server gives next: status, body, headers. */
let next: { status: number; body?: unknown; headers?: Record<string, string> } = { status: 200 };

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seenHeaders = request.headers;
      seen = {
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      };
      response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      response.end(next.body === undefined ? '' : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the typed API client', () => {
  it('fills the path parameters (encoded), sends the body as JSON with the token, and returns the answer', async () => {
    next = { status: 200, body: { ticket: { id: 7 } } };
    const call = createApiClient({ baseUrl, token: () => 'client-token' });
    const answer = await call('POST /api/queues/:department/call-next', {
      params: { department: 'O/PD' },
      body: { room: '3' },
    });
    expect(answer.ticket.id).toBe(7);
    expect(seen).toEqual({
      method: 'POST',
      url: '/api/queues/O%2FPD/call-next',
      authorization: 'Bearer client-token',
      body: '{"room":"3"}',
    });
  });

  it('puts the query in the address, leaving out what is not given, and a call may name its own token', async () => {
    next = { status: 200, body: { total: 1 } };
    const call = createApiClient({ baseUrl, token: () => 'client-token' });
    await call('GET /api/notifications/stats', {
      query: { department: 'LAB', since: undefined },
      token: 'own-token',
    });
    expect(seen?.url).toBe('/api/notifications/stats?department=LAB');
    expect(seen?.authorization).toBe('Bearer own-token');
    expect(seen?.body).toBe('');
  });

  it('answers undefined for 204', async () => {
    next = { status: 204 };
    const call = createApiClient({ baseUrl });
    await expect(call('POST /api/notifications/read-all', { token: 't' })).resolves.toBeUndefined();
    expect(seen?.authorization).toBe('Bearer t');
  });

  it("throws the contract's error with its code, details and Retry-After, and reports a refused token", async () => {
    next = {
      status: 429,
      body: { error: { code: 'rate_limited', message: 'Too many attempts.' } },
      headers: { 'retry-after': '30' },
    };
    const call = createApiClient({ baseUrl });
    const limited = await call('POST /api/auth/login', { body: { email: 'a@b.c', password: 'x' } }).catch(
      (error: unknown) => error,
    );
    expect(limited).toBeInstanceOf(ApiError);
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 30 });

    let signedOut = 0;
    next = { status: 401, body: { error: { code: 'unauthenticated', message: 'Sign in to continue.' } } };
    const console = createApiClient({ baseUrl, onUnauthenticated: () => (signedOut += 1) });
    await expect(console('GET /api/me')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(signedOut).toBe(1);

    next = { status: 502, body: '<html>bad gateway</html>' };
    await expect(console('GET /api/queues')).rejects.toMatchObject({
      status: 502,
      code: 'unexpected_response',
    });
    expect(signedOut).toBe(1);
  });

  it("sends the client's extra headers (the console's version) with every call, but never in place of its own", async () => {
    next = { status: 200, body: { user: { id: 1 } } };
    const call = createApiClient({
      baseUrl,
      token: () => 'client-token',
      headers: { [CONSOLE_VERSION_HEADER]: '1.4.0', authorization: 'Bearer forged', Accept: 'text/html' },
    });
    await call('GET /api/me');
    expect(seenHeaders[CONSOLE_VERSION_HEADER]).toBe('1.4.0');
    expect(seenHeaders.authorization).toBe('Bearer client-token');
    expect(seenHeaders.accept).toBe('application/json');

    next = { status: 200, body: { token: 't', user: { id: 1 } } };
    await call('POST /api/auth/login', { body: { email: 'a@b.c', password: 'x' }, token: null });
    expect(seenHeaders[CONSOLE_VERSION_HEADER]).toBe('1.4.0');
    expect(seenHeaders.authorization).toBeUndefined();
    expect(seenHeaders['content-type']).toBe('application/json');

    await createApiClient({ baseUrl })('GET /api/me');
    expect(seenHeaders[CONSOLE_VERSION_HEADER]).toBeUndefined();
  });

  it('turns a server out of reach into a network error', async () => {
    const call = createApiClient({ baseUrl: 'http://127.0.0.1:9' });
    const error = await call('GET /api/queues').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR });
    expect(isNetworkError(error)).toBe(true);
  });

  it('checks calls against the route table at compile time (typecheck), and still sends what it is given', async () => {
    const call = createApiClient({ baseUrl });
    next = { status: 200, body: [] };
    // @ts-expect-error: not a route of the table
    await call('GET /api/nothing');
    expect(seen?.url).toBe('/api/nothing');
    // @ts-expect-error: the department parameter is missing
    await call('GET /api/queues/:department');
    expect(seen?.url).toBe('/api/queues/');
    // @ts-expect-error: call-next needs its room
    await call('POST /api/queues/:department/call-next', { params: { department: 'OPD' }, body: {} });
    expect(seen?.body).toBe('{}');
  });
});
