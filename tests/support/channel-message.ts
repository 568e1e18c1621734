import type { ChannelMessage } from '../../server/channels/types';
import type { Locale } from '../../server/util/locale';
import type { NotificationType } from '../../shared/notifications';

export interface ChannelMessageInput {
  id?: number;
  type?: NotificationType;
  data?: Record<string, unknown>;
  locale?: Locale;
  phone?: string | null;
  email?: string;
  department?: string;
  /** The notification's words (default: a call's, naming a patient and department on purpose). */
  text?: { title: string; body: string };
  appUrl?: string;
  unsubscribeUrl?: string;
}

/**
 * A follow-up message as the delivery worker hands it to a channel: by default a call of ticket OPD-004
 * to room 3 for a patient whose name (and department's) appears in the push texts, never in a follow-up.
 */
export function channelMessage(input: ChannelMessageInput = {}): ChannelMessage {
  const { id = 42, type = 'ticket_called', locale = 'en', phone = '+34612345678' } = input;
  const appUrl = input.appUrl ?? 'https://queuebell.hospital.example';
  const message: ChannelMessage = {
    notification: {
      id,
      type,
      department: input.department ?? 'ONCO',
      ...(input.text ?? {
        title: 'Oncology: it is your turn, Maria Garcia',
        body: 'Please go to room 3 now. Your ticket: OPD-004.',
      }),
      data: input.data ?? { ticket: 'OPD-004', room: '3', ticketId: 7 },
      deliveryStatus: 'pending',
      createdAt: '2026-11-28T09:00:00.000Z',
      sentAt: null,
      deliveredAt: null,
      readAt: null,
      channels: [],
    },
    recipient: { userId: 5, email: input.email ?? 'maria.garcia@example.org', phone, locale },
    appUrl,
    unsubscribeUrl: input.unsubscribeUrl ?? `${appUrl}/api/email/unsubscribe?token=t`,
  };
  return message;
}
