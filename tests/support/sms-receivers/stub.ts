import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived, body unparsed (a signature is over these exact bytes). */
export interface StubRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** How to answer: a status with optional headers and body, or never (the connection stays open). */
export type StubAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface HttpStub {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  close(): Promise<void>;
}

/** A plain HTTP server on a free port that hands every whole request to `handle` and sends its answer. */
export async function startHttpStub(handle: (request: StubRequest) => StubAnswer): Promise<HttpStub> {
  const server = createServer((req, res) => {
    void readRequest(req).then((request) => answer(res, handle(request)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Hung answers hold their connections open: end them, or close() would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readRequest(req: IncomingMessage): Promise<StubRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? '',
    path: req.url ?? '',
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

function answer(res: ServerResponse, reply: StubAnswer): void {
  if (reply === 'hang') return;
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body ?? '');
}
