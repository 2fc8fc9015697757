import type { JournalEntry } from '../mocks/platform/journal';
import type { ServiceName } from '../mocks/platform/service';
import { requestJson } from './json-http';

/** The mock platform's control plane, over HTTP, as a scenario or a shared runner uses it. */
export class ControlClient {
  constructor(readonly url: string) {}

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const { status, body: answer } = await requestJson<T>(`${this.url}${path}`, { body });
    if (status >= 400)
      throw new Error(`Control call ${path} answered ${status}: ${JSON.stringify(answer)}`);
    return answer;
  }

  reset(seed?: number): Promise<{ seed: number }> {
    return this.call('/reset', seed === undefined ? {} : { seed });
  }

  setOffline(service: ServiceName, offline: boolean) {
    return this.call<{ offline: boolean; refusedConnections: number }>(
      `/services/${service}/offline`,
      { offline },
    );
  }

  connections(service: ServiceName) {
    return this.call<{ offline: boolean; refusedConnections: number }>(
      `/services/${service}/connections`,
    );
  }

  setLatency(service: ServiceName, ms: number) {
    return this.call(`/services/${service}/latency`, { ms });
  }

  async journal(service: ServiceName, since = 0): Promise<JournalEntry[]> {
    return (
      await this.call<{ value: JournalEntry[] }>(`/services/${service}/journal?since=${since}`)
    ).value;
  }

  async allJournals(): Promise<JournalEntry[]> {
    return (await this.call<{ value: JournalEntry[] }>('/journal')).value;
  }

  /** Queues an answer a service gives instead of its own, to the next matching request(s). */
  script(
    service: ServiceName,
    script: { method: string; path: string; status: number; body?: unknown; times?: number },
  ) {
    return this.call(`/services/${service}/scripts`, script);
  }

  advanceClock(ms: number) {
    return this.call('/clock/advance', { ms });
  }
}
