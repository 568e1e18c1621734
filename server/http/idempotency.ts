import type { FastifyRequest } from 'fastify';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { IDEMPOTENCY_KEY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH } from '../../shared/api-keys';
import { apiKeyCaller, userCaller } from '../accounts/idempotency-records';
import { idempotencyInProgress, idempotencyKeyReused, validationFailed } from '../errors';
import { hashIdempotencyKey, hashRequest, openAnswer, sealAnswer } from './idempotency-crypto';

/** What a route answered: a status and body to send (and to keep), or a reply its handler sent itself. */
export type Outcome = { status: number; body: unknown; replayed?: true } | { sent: true };

/** How long an answer is kept, and how long a request may run before its claim is thought abandoned. */
const KEEP_FOR = '24 hours';
const ABANDONED_AFTER = '1 minute';
/** Expired rows are deleted by the next request after this long, at most, per process. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;
let lastPrune = 0;

interface Claim {
  idempotencyKey: string;
  caller: string;
  keyHash: string;
  requestHash: string;
}

/**
 * Runs a route that creates under its `Idempotency-Key`, when the request has one: the first request
 * claims the key (a row per caller and key, whose primary key makes the claim atomic across processes),
 * acts, and keeps its answer; a repeat with the same body answers that answer again and acts not at all;
 * one with another body is 422; one while the first still runs is 409 `idempotency_in_progress`
 * (retry it). A failure is not kept (the claim is let go): a retry acts again.
 */
export async function withIdempotency(
  sequelize: Sequelize,
  request: FastifyRequest,
  act: () => Promise<Outcome>,
): Promise<Outcome> {
  const idempotencyKey = idempotencyKeyOf(request);
  if (idempotencyKey === undefined) return act();
  const claim: Claim = {
    idempotencyKey,
    caller: callerOf(request),
    keyHash: hashIdempotencyKey(idempotencyKey),
    requestHash: hashRequest(request.method, request.url, request.body),
  };
  await pruneExpired(sequelize);
  // A claim let go between our attempt and our look is tried again; twice is plenty.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await tryClaim(sequelize, claim)) return actAndKeep(sequelize, claim, act);
    const earlier = await replayOf(sequelize, claim);
    if (earlier) return earlier;
  }
  throw idempotencyInProgress();
}

/** The header, checked: 1 to 255 characters (400 otherwise); undefined when the request has none. */
function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_IDEMPOTENCY_KEY_LENGTH)
    return value;
  throw validationFailed([
    { path: 'headers.idempotency-key', message: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` },
  ]);
}

/** Keys are per caller: an API key, or a signed-in account. */
function callerOf(request: FastifyRequest): string {
  const auth = request.auth;
  if (auth?.apiKey) return apiKeyCaller(auth.apiKey.id);
  return auth ? userCaller(auth.user.id) : 'anyone';
}

/**
 * Claims the key: a new row, or an expired one, or one whose request (the same) was abandoned by a
 * process that died mid-way. Answers whether this request now holds it.
 */
async function tryClaim(sequelize: Sequelize, claim: Claim): Promise<boolean> {
  const rows = await sequelize.query(
    `INSERT INTO idempotency_keys (caller, key_hash, request_hash, expires_at)
     VALUES ($1, $2, $3, now() + interval '${KEEP_FOR}')
     ON CONFLICT (caller, key_hash) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, status = NULL, answer = NULL, locked_at = now(),
            expires_at = EXCLUDED.expires_at
      WHERE idempotency_keys.expires_at < now()
         OR (idempotency_keys.status IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
             AND idempotency_keys.locked_at < now() - interval '${ABANDONED_AFTER}')
     RETURNING caller`,
    { bind: [claim.caller, claim.keyHash, claim.requestHash], type: QueryTypes.SELECT },
  );
  return rows.length > 0;
}

async function actAndKeep(sequelize: Sequelize, claim: Claim, act: () => Promise<Outcome>): Promise<Outcome> {
  let outcome: Outcome;
  try {
    outcome = await act();
  } catch (error) {
    await release(sequelize, claim);
    throw error;
  }
  if ('sent' in outcome) {
    await release(sequelize, claim);
    return outcome;
  }
  await sequelize.query(
    `UPDATE idempotency_keys SET status = $3, answer = $4 WHERE caller = $1 AND key_hash = $2`,
    {
      bind: [
        claim.caller,
        claim.keyHash,
        outcome.status,
        sealAnswer(claim.idempotencyKey, claim.caller, outcome.body),
      ],
    },
  );
  return outcome;
}

async function release(sequelize: Sequelize, claim: Claim): Promise<void> {
  await sequelize.query(
    `DELETE FROM idempotency_keys WHERE caller = $1 AND key_hash = $2 AND status IS NULL`,
    { bind: [claim.caller, claim.keyHash] },
  );
}

interface KeptRow {
  request_hash: string;
  status: number | null;
  answer: Buffer | null;
}

/** The kept answer of an earlier request; undefined when its claim has since been let go. */
async function replayOf(sequelize: Sequelize, claim: Claim): Promise<Outcome | undefined> {
  const [row] = await sequelize.query<KeptRow>(
    `SELECT request_hash, status, answer FROM idempotency_keys
      WHERE caller = $1 AND key_hash = $2 AND expires_at >= now()`,
    { bind: [claim.caller, claim.keyHash], type: QueryTypes.SELECT },
  );
  if (!row) return undefined;
  if (row.request_hash !== claim.requestHash) throw idempotencyKeyReused();
  if (row.status === null || row.answer === null) throw idempotencyInProgress();
  const body = openAnswer(claim.idempotencyKey, claim.caller, row.answer);
  return { status: row.status, body, replayed: true };
}

async function pruneExpired(sequelize: Sequelize): Promise<void> {
  if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = Date.now();
  await sequelize.query(`DELETE FROM idempotency_keys WHERE expires_at < now()`);
}
