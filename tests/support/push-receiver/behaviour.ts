/**
 * How the receiver answers a valid push. `times` limits a behaviour to the next N pushes it applies to
 * ("500 once, then the default"); without it the behaviour stays until replaced.
 * `retryAfter` is sent as the Retry-After header: seconds, or an HTTP-date string. `hang` never answers;
 * `drop` closes the connection instead of answering, as a push service dropping a kept-alive one does.
 * `delayMs` answers that much later, as a slow push service does.
 */
export type PushBehaviour =
  | { status: number; retryAfter?: number | string; delayMs?: number; times?: number }
  | { hang: true; times?: number }
  | { drop: true; times?: number };

/** A behaviour for one endpoint id, or for every endpoint without its own. */
export type BehaviourTarget = string | 'all';

const ACCEPT: PushBehaviour = { status: 201 };

interface Rule {
  behaviour: PushBehaviour;
  remaining: number;
}

export function createBehaviours() {
  const rules = new Map<BehaviourTarget, Rule>();

  /** Takes one use of the rule that applies to this endpoint: its own first, then 'all', then 201. */
  function take(endpointId: string): PushBehaviour {
    for (const target of [endpointId, 'all']) {
      const rule = rules.get(target);
      if (!rule) continue;
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules.delete(target);
      return rule.behaviour;
    }
    return ACCEPT;
  }

  function set(target: BehaviourTarget, behaviour: PushBehaviour): void {
    const times = behaviour.times ?? Infinity;
    if (!(times > 0)) throw new Error(`behaviour times must be positive, got ${behaviour.times}`);
    rules.set(target, { behaviour, remaining: times });
  }

  return { take, set, reset: () => rules.clear() };
}
