import { startTestServerOn } from '../../support/server';
import type { TestServer } from '../../support/server';

/** Closes the server gracefully (its sockets get `io server disconnect`): resolves once it is down. */
export async function closeGracefully(server: TestServer): Promise<{ port: string; db: TestServer['db'] }> {
  const port = new URL(server.url).port;
  await server.close();
  return { port, db: server.db };
}

/** Starts the server again on the port and database of one closed before, so its clients can come back. */
export function startAgain(closed: { port: string; db: TestServer['db'] }): Promise<TestServer> {
  return startTestServerOn(closed.db, { PORT: closed.port });
}
