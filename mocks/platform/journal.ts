export interface JournalEntry {
  seq: number;
  service: string;
  time: string;
  method: string;
  /** Path and query, with secret-bearing query values redacted. */
  path: string;
  /** 0 when nothing was answered: the connection was cut (an outage) or the caller left. */
  status: number;
  latencyMs: number;
  correlationId: string;
  /** False when no route of the service knew the request: the scenario is then broken. */
  handled: boolean;
  /** Set when the answer came from a scripted response queued by a scenario. */
  scripted?: boolean;
}

const SECRET_PARAMS = /([?&](?:client_secret|password|pin|code|token|access_token)=)[^&]*/gi;

export function redactPath(path: string): string {
  return path.replace(SECRET_PARAMS, '$1[redacted]');
}

/** What the service notes while answering; the journal numbers and dates it. */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'time'> & { timeMs: number };

/**
 * Every request a simulator receives, in order. Bodies are never kept: they carry
 * passwords, PINs and face frames, none of which may reach a report. It keeps the
 * last `limit` requests in a ring, and dates them only when they are read: noting a
 * request is on every request's path, reading the journal is not.
 */
export class Journal {
  private ring: (JournalRecord & { seq: number })[] = [];
  /** Where the next record goes once the ring is full. */
  private next = 0;
  private nextSeq = 1;

  constructor(private readonly limit = 5000) {}

  record(entry: JournalRecord): void {
    const kept = { ...entry, seq: this.nextSeq++ };
    if (this.ring.length < this.limit) {
      this.ring.push(kept);
      return;
    }
    this.ring[this.next] = kept;
    this.next = (this.next + 1) % this.limit;
  }

  list(sinceSeq = 0): JournalEntry[] {
    const ordered = this.ring.slice(this.next).concat(this.ring.slice(0, this.next));
    return ordered
      .filter((e) => e.seq > sinceSeq)
      .map(({ seq, service, timeMs, method, path, ...rest }) => ({
        seq,
        service,
        time: new Date(timeMs).toISOString(),
        method,
        path: redactPath(path),
        ...rest,
      }));
  }

  lastSeq(): number {
    return this.nextSeq - 1;
  }

  clear(): void {
    this.ring = [];
    this.next = 0;
  }
}
