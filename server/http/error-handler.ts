import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, notFound, validationFailed } from '../errors';

/**
 * Fastify's router answers some bad addresses itself, before any route or error handler runs: a path
 * parameter over `maxParamLength` (100 characters) gets 414 and a malformed percent-encoding 400, both
 * in Fastify's own body. Passed as the `frameworkErrors` option, this answers them in the contract's.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const answer =
    toApiError(error) ??
    validationFailed([{ path: 'url', message: 'could not be read' }], 'The address could not be read.');
  request.log.debug({ code: error.code }, 'request refused by the router');
  void reply.code(answer.statusCode).headers(answer.headers).send(answer.toBody());
}

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
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return validationFailed(
        [{ path: 'url', message: 'has a part longer than 100 characters' }],
        'The address is too long.',
      );
    case 'FST_ERR_BAD_URL':
      return validationFailed([{ path: 'url', message: 'is not validly percent-encoded' }]);
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
