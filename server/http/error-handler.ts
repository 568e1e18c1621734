import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, notFound, validationFailed } from './errors';

/** Maps every failure to the contract's error body; a fault is logged and answered without detail. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    const error = notFound(`No route for ${request.method} ${request.url.split('?')[0]}.`);
    return reply.code(404).send(error.toBody());
  });

  app.setErrorHandler((rawError: FastifyError | ApiError | Error, request, reply) => {
    const error = toApiError(rawError);
    if (error) {
      return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
    }
    request.log.error({ err: rawError }, 'unhandled error');
    return reply
      .code(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
  });
}

function toApiError(error: FastifyError | ApiError | Error): ApiError | undefined {
  if (error instanceof ApiError) return error;
  const code = 'code' in error ? error.code : undefined;
  const statusCode = 'statusCode' in error ? error.statusCode : undefined;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', 'The request body is larger than 64 KiB.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return validationFailed([{ path: 'body', message: 'must be JSON (Content-Type: application/json)' }]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return validationFailed([{ path: 'body', message: 'is empty; send a JSON object' }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return validationFailed([{ path: 'body', message: 'is not valid JSON' }]);
  }
  if (error instanceof SyntaxError && statusCode === 400) {
    return validationFailed([{ path: 'body', message: 'is not valid JSON' }]);
  }
  // Any other 4xx raised by Fastify itself (bad URL encoding, bad header) is the client's; say so plainly.
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    if (statusCode === 413) return new ApiError(413, 'payload_too_large', 'The request body is too large.');
    return validationFailed(
      [{ path: 'request', message: 'could not be read' }],
      'The request could not be read.',
    );
  }
  return undefined;
}
