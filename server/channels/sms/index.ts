import type { SmsConfig } from '../../config';
import type { Channel } from '../types';
import { createGatewayChannel } from './gateway';
import { createTwilioChannel } from './twilio';

export interface SmsChannelOptions {
  /** Per text, the whole request. Default 10 s. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * The SMS channel the configuration names: the hospital's own gateway or Twilio. Either one reaches a
 * patient who gave a phone number (`canReach`), and answers every send with an outcome, never a throw.
 */
export function createSmsChannel(config: SmsConfig, options: SmsChannelOptions = {}): Channel {
  switch (config.kind) {
    case 'gateway':
      return createGatewayChannel({ url: config.url, secret: config.secret, ...options });
    case 'twilio': {
      const { accountSid, authToken, from, apiUrl } = config;
      return createTwilioChannel({ accountSid, authToken, from, apiUrl, ...options });
    }
  }
}
