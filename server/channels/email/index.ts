/** The email channel: what the rest of the server uses of it. */
export { createEmailChannel } from './transport';
export type { EmailChannelOptions, EmailTimeouts } from './transport';
export { buildEmail, defaultFrom } from './message';
export { createUnsubscribeTokens, unsubscribeUrl } from './unsubscribe';
export type { UnsubscribeTokens } from './unsubscribe';
export { buildInvitation, createInvitationSender } from './invitation';
export type { InvitationSenderOptions } from './invitation';
export { createAccountMail, buildResetEmail } from './account-mail';
