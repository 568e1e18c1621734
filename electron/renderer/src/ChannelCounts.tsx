import { useTranslation } from 'react-i18next';
import type { NotificationStats } from '../../../shared/notifications';
import { formatNumber, NO_VALUE } from './format';

/** One channel's figures; email and SMS have no "delivered": nothing confirms that one was read. */
interface Figures {
  sent: number;
  delivered?: number;
  failed: number;
}

/** In the order shown; each is named by `channels.names.<channel>` and explained by `channels.help`. */
const CHANNELS = ['push', 'email', 'sms'] as const;

/** The delivery counts by channel: push, then the email and SMS that follow when push does not reach. */
export function ChannelCounts({ byChannel }: { byChannel: NotificationStats['byChannel'] }) {
  const { t } = useTranslation();
  return (
    <table className="channel-counts">
      <caption>{t('channels.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('channels.columns.channel')}</th>
          <th scope="col">{t('channels.columns.sent')}</th>
          <th scope="col">{t('channels.columns.delivered')}</th>
          <th scope="col">{t('channels.columns.failed')}</th>
        </tr>
      </thead>
      <tbody>
        {CHANNELS.map((channel) => (
          <ChannelRow key={channel} channel={channel} figures={byChannel[channel]} />
        ))}
      </tbody>
    </table>
  );
}

function ChannelRow({ channel, figures }: { channel: (typeof CHANNELS)[number]; figures: Figures }) {
  const { t } = useTranslation();
  return (
    <tr data-channel={channel} title={t(`channels.help.${channel}`)}>
      <th scope="row">{t(`channels.names.${channel}`)}</th>
      <td data-figure="sent">{formatNumber(figures.sent)}</td>
      <td data-figure="delivered">
        {figures.delivered === undefined ? NO_VALUE : formatNumber(figures.delivered)}
      </td>
      <td data-figure="failed" data-nonzero={figures.failed > 0}>
        {formatNumber(figures.failed)}
      </td>
    </tr>
  );
}
