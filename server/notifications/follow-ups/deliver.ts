import type { Sequelize } from 'sequelize';
import { TIME_CRITICAL_TYPES } from '../../../shared/notifications';
import type { Channel, ChannelOutcome, FollowUpChannelName, Recipient } from '../../channels/types';
import { MAX_PUSH_ATTEMPTS, nextAttemptDelayMs } from '../../push/backoff';
import { textLocale } from '../../util/locale';
import { mapLimited } from '../deliver';
import { presentNotification } from '../presenter';
import { persistWhileAway } from '../record';
import type { RecorderOptions } from '../record';
import { claimFollowUps } from './claim';
import type { FollowUpRow } from './claim';
import { recordFollowUps } from './record';
import type { FollowUpResult } from './record';
import type { UnreachedCall } from './unreached';

export interface FollowUpDeps {
  sequelize: Sequelize;
  /** The channels this server has: a row for a channel it lacks fails at once. */
  channels: Partial<Record<FollowUpChannelName, Channel>>;
  appUrl(): string;
  /** The one-click unsubscribe URL for a patient's emails. */
  unsubscribeUrl(userId: number): string;
  /** Told each send's outcome (the per-process counters of /metrics). */
  onOutcome?: (channel: FollowUpChannelName, kind: ChannelOutcome['kind']) => void;
  /** Calls no channel delivered: for the staff of their department. */
  onUnreached(calls: UnreachedCall[]): void;
  /** Calls that escalated, or whose email or text was sent or failed: staff see their channels change. */
  onCallsChanged?: (calls: UnreachedCall[]) => void;
  concurrency: number;
  leaseSeconds: number;
  recording?: Pick<RecorderOptions, 'stopping' | 'onRecordFailed'>;
}

/**
 * Claims a batch of due emails and texts, sends each through its channel and records the outcomes,
 * waiting out a database that is away so that what went out is not sent again. Answers how many it claimed.
 */
export async function deliverFollowUps(deps: FollowUpDeps, batch: number): Promise<number> {
  const rows = await claimFollowUps(deps.sequelize, batch, deps.leaseSeconds);
  if (rows.length === 0) return 0;
  const results = await mapLimited(rows, deps.concurrency, async (row) => sendOne(deps, row));
  const { unreached, calls } = await persistWhileAway(deps.recording ?? {}, () =>
    recordFollowUps(deps.sequelize, results),
  );
  if (unreached.length > 0) deps.onUnreached(unreached);
  if (calls.length > 0) deps.onCallsChanged?.(calls);
  return rows.length;
}

async function sendOne(deps: FollowUpDeps, row: FollowUpRow): Promise<FollowUpResult> {
  const channelName = row.follow_up_channel;
  const timeCritical = TIME_CRITICAL_TYPES.includes(row.type);
  const base = { id: Number(row.id), channel: channelName, timeCritical, fallback: null, retryInMs: 0 };
  if (row.delivery_status === 'delivered') return { ...base, status: 'skip', error: null };
  const channel = deps.channels[channelName];
  const recipient = recipientOf(row);
  const refusal = !channel
    ? `no ${channelName} channel on this server`
    : !allows(row, channelName) || !channel.canReach(recipient)
      ? `${channelName} turned off by the patient`
      : null;
  const outcome: ChannelOutcome =
    refusal !== null || !channel
      ? { kind: 'failed', error: refusal ?? '' }
      : await channel
          .send({
            notification: presentNotification(row),
            recipient,
            appUrl: deps.appUrl(),
            unsubscribeUrl: deps.unsubscribeUrl(Number(row.user_id)),
          })
          .catch((error: unknown) => ({ kind: 'retry' as const, error: String(error).slice(0, 200) }));
  if (refusal === null) deps.onOutcome?.(channelName, outcome.kind);
  return { ...base, ...settle(row, outcome), fallback: fallbackFor(deps, row, outcome, timeCritical) };
}

/** A retry becomes `failed` after the last attempt; its delay honours the other side's Retry-After. */
function settle(
  row: FollowUpRow,
  outcome: ChannelOutcome,
): Pick<FollowUpResult, 'status' | 'retryInMs' | 'error'> {
  if (outcome.kind === 'sent') return { status: 'sent', retryInMs: 0, error: null };
  if (outcome.kind === 'failed' || row.follow_up_attempts >= MAX_PUSH_ATTEMPTS) {
    return { status: 'failed', retryInMs: 0, error: outcome.error };
  }
  return {
    status: 'pending',
    retryInMs: nextAttemptDelayMs(row.follow_up_attempts, outcome.retryAfterMs),
    error: outcome.error,
  };
}

/** A time-critical text that failed for good goes by email, when the patient and this server allow it. */
function fallbackFor(
  deps: FollowUpDeps,
  row: FollowUpRow,
  outcome: ChannelOutcome,
  timeCritical: boolean,
): FollowUpChannelName | null {
  const failedForGood =
    outcome.kind === 'failed' || (outcome.kind === 'retry' && row.follow_up_attempts >= MAX_PUSH_ATTEMPTS);
  const emailWorks = deps.channels.email !== undefined && row.email_enabled;
  return timeCritical && failedForGood && row.follow_up_channel === 'sms' && emailWorks ? 'email' : null;
}

function allows(row: FollowUpRow, channel: FollowUpChannelName): boolean {
  return channel === 'email' ? row.email_enabled : row.sms_enabled && row.phone !== null;
}

function recipientOf(row: FollowUpRow): Recipient {
  return { userId: Number(row.user_id), email: row.email, phone: row.phone, locale: textLocale(row.locale) };
}
