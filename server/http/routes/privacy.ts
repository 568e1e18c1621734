import type { AppContext } from '../../context';
import { changePassword } from '../../commands/change-password';
import { confirmPasswordReset } from '../../commands/confirm-password-reset';
import { deleteAccount } from '../../commands/delete-account';
import { requestPasswordReset } from '../../commands/request-password-reset';
import { exportAccount } from '../../privacy/export';
import { presentUser } from '../presenters';
import type { RouteHandlers } from '../route-table';

type PrivacyRoute =
  | 'POST /api/auth/password-reset'
  | 'POST /api/auth/password-reset/confirm'
  | 'POST /api/me/password'
  | 'GET /api/me/export'
  | 'DELETE /api/me';

/** The same words whether or not the account exists. */
const RESET_ANSWER = {
  message: 'If an account uses this email, a link to reset its password is on its way.',
};

export function privacyHandlers(ctx: AppContext): RouteHandlers<PrivacyRoute> {
  return {
    'POST /api/auth/password-reset': async ({ body }) => {
      await requestPasswordReset(ctx, body.email);
      return RESET_ANSWER;
    },
    'POST /api/auth/password-reset/confirm': async ({ body }) => {
      await confirmPasswordReset(ctx, body.token, body.password);
    },
    'POST /api/me/password': async ({ user, sessionId, body }) => {
      await changePassword(ctx, user, sessionId, body);
    },
    'GET /api/me/export': async ({ user, sessionId, reply }) => {
      const day = new Date().toISOString().slice(0, 10);
      void reply.header('content-disposition', `attachment; filename="queuebell-export-${day}.json"`);
      return exportAccount(ctx.sequelize, user, presentUser(user), sessionId);
    },
    'DELETE /api/me': async ({ user, body }) => {
      await deleteAccount(ctx, user, body.password);
    },
  };
}
