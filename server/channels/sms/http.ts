import { Agent, request } from 'undici';

/** What the other side answered; `body` is its first bytes only, enough for an error's code. */
export interface HttpAnswer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/** An answer, or why there was none (time-out, refused connection, reset), in words safe to store. */
export type HttpResult = HttpAnswer | { error: string };

export interface HttpPoster {
  /** Never throws for a network problem: it becomes `{error}`. */
  post(url: string, headers: Record<string, string>, body: string): Promise<HttpResult>;
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4096;

/**
 * One POST at a time over kept-alive connections. `timeoutMs` bounds the whole exchange, from
 * connecting to the end of the answer, so a gateway that accepts and never answers costs that long at most.
 */
export function createHttpPoster(timeoutMs: number): HttpPoster {
  const agent = new Agent();
  return {
    async post(url, headers, body) {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await request(url, { method: 'POST', headers, body, dispatcher: agent, signal });
        const text = await readCapped(response.body as AsyncIterable<Buffer>);
        const retryAfter = response.headers['retry-after'];
        return {
          status: response.statusCode,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          body: text,
        };
      } catch (error) {
        return { error: signal.aborted ? `timed out after ${timeoutMs} ms` : networkError(error) };
      }
    },
    close: () => agent.close(),
  };
}

/** Reads the whole answer (so the connection can be reused) but keeps only its first bytes. */
async function readCapped(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < MAX_BODY_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

/** The error's code only (`ECONNREFUSED`, `UND_ERR_SOCKET`): its message may hold the URL. */
function networkError(error: unknown): string {
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return code ? `network error (${code})` : 'network error';
}
