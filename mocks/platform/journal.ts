export interface JournalEntry {
  seq: number;
  service: string;
  time: string;
  method: string;
  /** Path and query, with secret-bearing query values redacted. */
  path: string;
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

/**
 * Every request a simulator receives, in order. Bodies are never kept: they carry
 * passwords, PINs and face frames, none of which may reach a report.
 */
export class Journal {
  private entries: JournalEntry[] = [];
  private nextSeq = 1;

  constructor(private readonly limit = 5000) {}

  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = { seq: this.nextSeq++, ...entry, path: redactPath(entry.path) };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.shift();
    return full;
  }

  list(sinceSeq = 0): JournalEntry[] {
    return this.entries.filter((e) => e.seq > sinceSeq);
  }

  lastSeq(): number {
    return this.nextSeq - 1;
  }

  clear(): void {
    this.entries = [];
  }
}
