import type { Config } from '../config';
import { createEmailChannel } from './email';
import { createSmsChannel } from './sms';
import type { Channel, FollowUpChannelName } from './types';

/** The follow-up channels this server has: those its configuration names. */
export type Channels = Partial<Record<FollowUpChannelName, Channel>>;

export function createChannels(config: Config): Channels {
  const channels: Channels = {};
  if (config.email) {
    const { smtpUrl, from } = config.email;
    channels.email = createEmailChannel(from === undefined ? { smtpUrl } : { smtpUrl, from });
  }
  if (config.sms) channels.sms = createSmsChannel(config.sms);
  return channels;
}

export async function closeChannels(channels: Channels): Promise<void> {
  await Promise.all(Object.values(channels).map((channel) => channel.close()));
}
