/** A push message the receiver accepted (answered 2xx), decrypted. */
export interface ReceivedPush {
  endpointId: string;
  /** The decrypted body, parsed as JSON. */
  payload: unknown;
  headers: { ttl: number; urgency: string | undefined; topic: string | undefined };
  /** The verified VAPID header, so tests can see a sender reuse one token. */
  authorization: string;
  receivedAt: Date;
  /**
   * When the request arrived and when it was answered 2xx, in epoch milliseconds with a fraction
   * (performance.timeOrigin + now()): the clock every process on this machine reads the same way, so a
   * benchmark can time a push from a request it made itself.
   */
  arrivedAtMs: number;
  acceptedAtMs: number;
}

/** A request the receiver refused as invalid (bad VAPID, missing TTL, undecryptable, unknown endpoint...). */
export interface RejectedPush {
  endpointId: string | null;
  status: number;
  reason: string;
  at: Date;
}

/** Counters shared by the request handler and the receiver's public API. */
export interface ReceiverState {
  received: ReceivedPush[];
  rejected: RejectedPush[];
  acceptedTotal: number;
  requestsTotal: number;
  requestsByEndpoint: Map<string, number>;
}
