import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_REPLIES } from '../../../../shared/constants';
import type { CallReply } from '../../../../shared/constants';

interface Props {
  canAct: boolean;
  onReply(reply: CallReply): Promise<void>;
}

/** A called patient's two answers, the same as the call push's buttons; the nurse sees the one sent. */
export function CallReplies({ canAct, onReply }: Props) {
  const { t } = useTranslation();
  const [sent, setSent] = useState<CallReply | null>(null);
  return (
    <div className="ticket-replies" role="group" aria-label={t('ticket.replyLabel')}>
      {CALL_REPLIES.map((reply) => (
        <button
          key={reply}
          type="button"
          disabled={!canAct}
          aria-pressed={sent === reply}
          onClick={() => {
            void onReply(reply).then(() => setSent(reply));
          }}
        >
          {t(`ticket.reply.${reply}`)}
        </button>
      ))}
      {sent && (
        <p className="detail" role="status" data-testid="reply-sent">
          {t('ticket.replySent', { reply: t(`ticket.reply.${sent}`) })}
        </p>
      )}
    </div>
  );
}
