/** The time stamp data actions carry (ISO): when the app last knew its copy matched the server. */
export const now = (): string => new Date().toISOString();
