import { EventEmitter } from 'node:events';
import net from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** Where a refusal is given: to the recipient (RCPT TO) or after the message (DATA). */
export type SmtpStage = 'rcpt' | 'data';

export interface SmtpRefusal {
  code: number;
  text: string;
}

export interface TestSmtpOptions {
  /**
   * Whether to refuse the nth command of a stage (counting from 1, over all connections); by default
   * everything is accepted.
   */
  refuse?: (stage: SmtpStage, count: number, recipient: string) => SmtpRefusal | undefined;
  /** false: count accepted messages without keeping them (benchmarks). Default true. */
  keep?: boolean;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:PORT`, plain: no TLS, no authentication. */
  url: string;
  /** Every accepted message, as received. */
  messages: Buffer[];
  /** Accepted messages, kept or not. */
  accepted(): number;
  /** SMTP connections opened so far. */
  connections(): number;
  /** Resolves once `count` messages were kept in all, with them parsed as a mail client reads them. */
  waitForMessages(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** An error that smtp-server answers with the given reply code and text. */
function smtpError(refusal: SmtpRefusal): Error {
  return Object.assign(new Error(refusal.text), { responseCode: refusal.code });
}

/**
 * A real SMTP server in the test process on a free port of 127.0.0.1, without TLS or authentication,
 * that keeps what it accepts and can refuse a given recipient or message with a given reply.
 */
export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: Buffer[] = [];
  const events = new EventEmitter();
  const counts = { connections: 0, rcpt: 0, data: 0, accepted: 0 };
  const refusal = (stage: SmtpStage, recipient: string) => {
    counts[stage] += 1;
    return options.refuse?.(stage, counts[stage], recipient);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      counts.connections += 1;
      callback();
    },
    onRcptTo(address, _session, callback) {
      const refused = refusal('rcpt', address.address);
      callback(refused ? smtpError(refused) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = refusal('data', session.envelope.rcptTo[0]?.address ?? '');
        if (refused) return callback(smtpError(refused));
        counts.accepted += 1;
        if (options.keep !== false) messages.push(Buffer.concat(chunks));
        events.emit('message');
        callback();
      });
    },
  });
  const port = await listen(server);
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    accepted: () => counts.accepted,
    connections: () => counts.connections,
    waitForMessages: (count) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          events.off('message', check);
          Promise.all(messages.slice(0, count).map((raw) => simpleParser(raw))).then(resolve, reject);
        };
        events.on('message', check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function listen(server: SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    const listening = server.listen(0, '127.0.0.1', () => {
      const address = listening.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** A port on 127.0.0.1 that nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
