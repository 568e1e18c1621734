import type { NotificationStats } from '../../../shared/notifications';

/** One channel's figures; email and SMS have no "delivered": nothing confirms that one was read. */
interface Figures {
  sent: number;
  delivered?: number;
  failed: number;
}

const HELP = {
  push: 'Push: sent = accepted by the push service; delivered = confirmed by the phone',
  email: 'Email: sent = accepted by the mail server',
  sms: 'SMS: sent = accepted by the text message gateway',
} as const;

/** The delivery counts by channel: push, then the email and SMS that follow when push does not reach. */
export function ChannelCounts({ byChannel }: { byChannel: NotificationStats['byChannel'] }) {
  const rows: Array<[keyof typeof HELP, string, Figures]> = [
    ['push', 'Push', byChannel.push],
    ['email', 'Email', byChannel.email],
    ['sms', 'SMS', byChannel.sms],
  ];
  return (
    <table className="channel-counts">
      <caption>By channel</caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Sent</th>
          <th scope="col">Delivered</th>
          <th scope="col">Failed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([channel, label, figures]) => (
          <tr key={channel} data-channel={channel} title={HELP[channel]}>
            <th scope="row">{label}</th>
            <td data-figure="sent">{figures.sent}</td>
            <td data-figure="delivered">{figures.delivered ?? '–'}</td>
            <td data-figure="failed" data-nonzero={figures.failed > 0}>
              {figures.failed}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
