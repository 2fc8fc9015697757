/**
 * The platform's one clock. Grace periods, token expiry and lockout delays all read
 * it, and a scenario moves it forward instead of sleeping.
 */
export class PlatformClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`The clock only moves forward; got ${ms} ms`);
    }
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
