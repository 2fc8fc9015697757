import { MAX_DELAY_MS, NO_LATENCY, type LatencyProfile } from './latency-profile';
import { seededRandom, standardNormal } from './random';

/** What a simulator does with one request under its latency profile. */
export type InjectedCondition =
  { kind: 'answer'; delayMs: number } | { kind: 'error'; delayMs: number } | { kind: 'cut' };

const DEFAULT_SEED = 1;

/**
 * Draws each request's condition from a profile. The random source and the outage
 * clock start when the profile is set, so setting the same profile again replays
 * the same sequence (in request arrival order, which concurrency can reorder).
 */
export class LatencyInjector {
  private readonly random: () => number;

  constructor(
    readonly profile: LatencyProfile = NO_LATENCY,
    private readonly setAtMs = performance.now(),
  ) {
    this.random = seededRandom(profile.seed ?? DEFAULT_SEED);
  }

  /** The fixed delay in ms, or 0: what the older `latencyMs` control reads back. */
  get fixedMs(): number {
    return this.profile.distribution === 'fixed' ? this.profile.ms : 0;
  }

  next(nowMs = performance.now()): InjectedCondition {
    if (this.inOutage(nowMs)) return { kind: 'cut' };
    const delayMs = this.sampleDelay();
    const failed = this.profile.errorRate !== undefined && this.random() < this.profile.errorRate;
    return { kind: failed ? 'error' : 'answer', delayMs };
  }

  private inOutage(nowMs: number): boolean {
    const outage = this.profile.outage;
    if (!outage) return false;
    const since = nowMs - this.setAtMs;
    return since >= outage.startMs && since < outage.startMs + outage.durationMs;
  }

  private sampleDelay(): number {
    const profile = this.profile;
    let ms = 0;
    if (profile.distribution === 'fixed') ms = profile.ms;
    else if (profile.distribution === 'normal') {
      ms = profile.meanMs + profile.sdMs * standardNormal(this.random);
    } else if (profile.distribution === 'lognormal') {
      ms = profile.medianMs * Math.exp(profile.sigma * standardNormal(this.random));
    }
    return Math.min(MAX_DELAY_MS, Math.max(0, ms));
  }
}

/** The last stretch of a delay is waited out on the event loop, not left to a timer. */
const TIMER_SLACK_MS = 2;

/**
 * Calls `proceed` after `ms`, to a fraction of a millisecond. Node's timers count whole
 * milliseconds and fire up to 2 ms late, which a 50 ms profile would show as 52 ms;
 * so the timer is asked for less, and the rest is polled with setImmediate, which
 * lets other requests through between polls.
 */
export function waitPrecisely(ms: number, proceed: () => void): void {
  const due = performance.now() + ms;
  const poll = () => {
    const left = due - performance.now();
    if (left <= 0) proceed();
    else if (left > TIMER_SLACK_MS) setTimeout(poll, left - TIMER_SLACK_MS);
    else setImmediate(poll);
  };
  poll();
}
