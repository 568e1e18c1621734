/**
 * `npm run bench:email`: the email channel sending to a real SMTP server in this process, pooled (the
 * default: up to 5 connections kept open and reused) against one connection per message, both with at
 * most 5 messages in flight. The pooled run sends 10,000 messages; one connection per message is much
 * slower, so it sends up to 10,000 and stops after 30 s, and the output says how many it sent. A
 * benchmark, not a test: it prints figures and asserts nothing. Client and server share this process
 * and the machine, so the figures are for comparing the two modes, not the capacity of a mail server.
 */
import os from 'node:os';
import { createEmailChannel } from '../../server/channels/email/index';
import type { Channel, ChannelMessage } from '../../server/channels/types';
import { ticketCalledText } from '../../server/notifications/content';
import { channelMessage } from '../support/channel-message';
import { startTestSmtpServer } from '../support/smtp-server';
import type { TestSmtpServer } from '../support/smtp-server';

const MESSAGES = 10_000;
const IN_FLIGHT = 5;
const UNPOOLED_BUDGET_MS = 30_000;
const WARM_UP = 100;
const APP_URL = 'https://queue.hospital.example';

interface Run {
  label: string;
  sent: number;
  failed: number;
  connections: number;
  ms: number;
}

function messageFor(id: number): ChannelMessage {
  const locale = (['en', 'es', 'fr'] as const)[id % 3] ?? 'en';
  return channelMessage({
    id,
    locale,
    text: ticketCalledText(`OPD-${String(id % 1000).padStart(3, '0')}`, '3')[locale],
    data: {},
    department: 'OPD',
    email: `patient${id}@example.org`,
    appUrl: APP_URL,
    unsubscribeUrl: `${APP_URL}/api/email/unsubscribe?token=${id}.${'A'.repeat(43)}`,
  });
}

/** Sends messages first..first+count-1 with IN_FLIGHT senders, each stopping once `until` has passed. */
async function sendAll(email: Channel, first: number, count: number, until = Infinity) {
  const tally = { sent: 0, failed: 0 };
  let next = first;
  const sender = async () => {
    while (next < first + count && performance.now() < until) {
      const outcome = await email.send(messageFor(next++));
      tally[outcome.kind === 'sent' ? 'sent' : 'failed'] += 1;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  return tally;
}

async function measure(
  server: TestSmtpServer,
  label: string,
  pool: boolean,
  budgetMs = Infinity,
): Promise<Run> {
  const email = createEmailChannel({ smtpUrl: server.url, pool, maxConnections: IN_FLIGHT });
  await sendAll(email, 0, WARM_UP);
  const connectionsBefore = server.connections();
  const startedAt = performance.now();
  const tally = await sendAll(email, WARM_UP, MESSAGES, startedAt + budgetMs);
  const ms = performance.now() - startedAt;
  await email.close();
  return { label, ...tally, connections: server.connections() - connectionsBefore, ms };
}

const rate = (run: Run) => run.sent / (run.ms / 1000);
const count = (value: number) => Math.round(value).toLocaleString('en');

function report(runs: Run[]): void {
  console.log(
    `${'mode'.padEnd(28)}${'sent'.padStart(8)}${'failed'.padStart(8)}${'connections'.padStart(13)}` +
      `${'total'.padStart(10)}${'messages/s'.padStart(12)}`,
  );
  for (const run of runs) {
    console.log(
      `${run.label.padEnd(28)}${count(run.sent).padStart(8)}${count(run.failed).padStart(8)}` +
        `${count(run.connections).padStart(13)}${`${(run.ms / 1000).toFixed(1)} s`.padStart(10)}` +
        `${rate(run).toFixed(0).padStart(12)}`,
    );
  }
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `Email benchmark: ${count(MESSAGES)} messages to an in-process SMTP server, ${IN_FLIGHT} in flight; ` +
      `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, Node ${process.version}, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  const server = await startTestSmtpServer({ keep: false });
  try {
    const pooled = await measure(server, `pooled (${IN_FLIGHT} connections)`, true);
    const single = await measure(server, 'one connection per message', false, UNPOOLED_BUDGET_MS);
    report([pooled, single]);
    console.log(`Pooled sends ${(rate(pooled) / rate(single)).toFixed(1)}× the messages per second.`);
    if (single.sent + single.failed < MESSAGES) {
      console.log(
        `One connection per message was measured on ${count(single.sent + single.failed)} messages ` +
          `(it stops after ${UNPOOLED_BUDGET_MS / 1000} s); its rate is over those.`,
      );
    }
  } finally {
    await server.close();
  }
}

await main();
