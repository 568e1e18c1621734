import { ApiError, isNetworkError } from '../../../shared/api-client';

export { ApiError };

// Electron prefixes errors thrown by main-process handlers; the nurse needs only the sentence.
const IPC_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** The sentence a nurse reads for a failed action. */
export function errorMessage(error: unknown): string {
  if (isNetworkError(error))
    return 'The server cannot be reached. Check the connection and the server address.';
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message.replace(IPC_ERROR_PREFIX, '') : 'Something went wrong';
}

/** The validation details of a 400, as the nurse should read them: "endTime: must differ from startTime". */
export function errorDetails(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message));
}
