import type { Config } from '../config';
import type { Channel, FollowUpChannelName } from './types';

/** The follow-up channels this server has: those its configuration names. */
export type Channels = Partial<Record<FollowUpChannelName, Channel>>;

export function createChannels(config: Config): Channels {
  void config;
  return {};
}

export async function closeChannels(channels: Channels): Promise<void> {
  await Promise.all(Object.values(channels).map((channel) => channel.close()));
}
