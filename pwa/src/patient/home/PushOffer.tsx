import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatient } from '../data/context';
import { usePush } from '../push/usePush';
import { PushSwitch } from '../settings/PushSwitch';
import { usePreferences } from '../usePreferences';

/** Right after joining from the kiosk's code: the push switch, so the call reaches this phone. */
export function PushOffer({ token }: { token: string }) {
  const { t } = useTranslation();
  const { canAct } = usePatient();
  const { save } = usePreferences(token);
  const savePush = useCallback((push: boolean) => save({ push }), [save]);
  const push = usePush(token, savePush);
  return (
    <section className="card push-offer" aria-labelledby="push-offer-heading">
      <p id="push-offer-heading">{t('guest.pushOffer')}</p>
      <PushSwitch push={push} canAct={canAct} />
    </section>
  );
}
