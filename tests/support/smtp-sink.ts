import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  /** `smtp://127.0.0.1:PORT`, for SMTP_URL. */
  url: string;
  /** Messages accepted, parsed with mailparser, in order. */
  messages: ParsedMail[];
  /** SMTP connections opened so far. */
  connections: number;
  /** Answers the next RCPT TO commands with these SMTP codes (e.g. 421, 550), once each; then 250. */
  answerNext(...codes: number[]): void;
  /** Resolves once `count` messages were accepted in all. */
  waitForMessages(count: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/** A real SMTP server in the test process: what the email channel sends, as a mail client would read it. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const events = new EventEmitter();
  const codes: number[] = [];
  const state = { messages: [] as ParsedMail[], connections: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      state.connections += 1;
      callback();
    },
    onRcptTo(_address, _session, callback) {
      const code = codes.shift();
      if (code === undefined || code < 400) return callback();
      callback(
        Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
          responseCode: code,
        }),
      );
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          state.messages.push(parsed);
          events.emit('message');
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get messages() {
      return state.messages;
    },
    get connections() {
      return state.connections;
    },
    answerNext: (...next) => codes.push(...next),
    waitForMessages: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (state.messages.length < count) return;
          events.off('message', check);
          resolve(state.messages.slice(0, count));
        };
        events.on('message', check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
