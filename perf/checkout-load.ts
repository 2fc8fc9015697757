import { frameHeaders } from '../clients/face-frames';
import type { LoadSettings } from './benchmarks';
import { createLatencyHistogram, recordMs } from './latency-histogram';
import { assertLoopback } from './loopback';
import { emptyMeasurement, type Measurement } from './measurement';

/**
 * The check-out benchmark's load: each connection is one nurse at one phone, going
 * round the whole flow as the Locker app would (tap, verify, check out, check in).
 * It is not autocannon because autocannon binds a connection to one origin, and the
 * flow crosses two: the Locker sends the frame to the cloud, everything else to MAM.
 * Closed loop, on Node's fetch with keep-alive connections.
 */
export interface CheckoutPlan {
  mamUrl: string;
  cloudUrl: string;
  launchpadId: string;
  /** One per connection: whose badge is tapped and whose face (a camera frame) is sent. */
  nurses: { badgeId: string; password: string; frame: Buffer }[];
}

const REQUEST_TIMEOUT_MS = 10_000;

interface Answer {
  status: number;
  body: any;
}

export async function runCheckoutFlows(
  plan: CheckoutPlan,
  settings: LoadSettings,
  seconds: number,
): Promise<Measurement> {
  assertLoopback(plan.mamUrl);
  assertLoopback(plan.cloudUrl);
  const measurement = emptyMeasurement();
  measurement.flows = createLatencyHistogram();
  measurement.steps = {};
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const canSend = () => performance.now() < deadline && measurement.sent < settings.maxRequests;

  const call = async (step: string, url: string, body: unknown): Promise<Answer | undefined> => {
    if (!canSend()) return undefined;
    return timedCall(measurement, step, url, body);
  };
  const nurses = Array.from(
    { length: settings.connections },
    (_, i) => plan.nurses[i % plan.nurses.length]!,
  );
  await Promise.all(nurses.map((nurse) => runNurse(plan, nurse, call, measurement, canSend)));

  measurement.seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  measurement.generatorCpuMs = (cpu.user + cpu.system) / 1000;
  return measurement;
}

type Call = (step: string, url: string, body: unknown) => Promise<Answer | undefined>;

async function runNurse(
  plan: CheckoutPlan,
  nurse: CheckoutPlan['nurses'][number],
  call: Call,
  measurement: Measurement,
  canSend: () => boolean,
): Promise<void> {
  const { mamUrl, cloudUrl } = plan;
  while (canSend()) {
    const flowStarted = performance.now();
    const tap = await call('tap', `${mamUrl}/api/v1/launchpads/${plan.launchpadId}/taps`, {
      badgeId: nurse.badgeId,
    });
    if (tap?.status !== 201) continue; // nothing was reserved
    const { sessionId, deviceId, face } = tap.body as {
      sessionId: string;
      deviceId: string;
      face: { ticket?: string };
    };

    let checkedOut = false;
    if (face.ticket) {
      const verified = await call('verify', `${cloudUrl}/api/v1/face/verify`, {
        frame: nurse.frame,
        ticket: face.ticket,
      });
      const verificationId = verified?.status === 200 ? verified.body?.verificationId : undefined;
      const done = verificationId
        ? await call('check-out', `${mamUrl}/api/v1/sessions/${sessionId}/face`, {
            verificationId,
          })
        : undefined;
      checkedOut = done?.body?.status === 'checked_out';
    }
    if (!checkedOut) {
      // As the Locker does when the cloud fails: say so, then check out with the password.
      const session = `${mamUrl}/api/v1/sessions/${sessionId}`;
      if (face.ticket) {
        await call('face-unavailable', `${session}/face-unavailable`, {
          reason: 'cloud_unreachable',
        });
      }
      await call('fallback', `${session}/fallback`, {
        method: 'password',
        secret: nurse.password,
      });
    }

    const checkIn = await call('check-in', `${mamUrl}/api/v1/devices/${deviceId}/check-in`, {});
    if (checkIn?.status === 200 && checkedOut) {
      recordMs(measurement.flows!, performance.now() - flowStarted);
    }
  }
}

async function timedCall(
  measurement: Measurement,
  step: string,
  url: string,
  body: unknown,
): Promise<Answer | undefined> {
  measurement.sent += 1;
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      ...encode(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    const ms = performance.now() - started;

    measurement.completed += 1;
    recordMs(measurement.latency, ms);
    recordMs((measurement.steps![step] ??= createLatencyHistogram()), ms);
    measurement.statusCounts[response.status] =
      (measurement.statusCounts[response.status] ?? 0) + 1;
    if (response.status < 200 || response.status > 299) measurement.non2xx += 1;
    return { status: response.status, body: text ? JSON.parse(text) : null };
  } catch (error) {
    measurement.errors += 1;
    if ((error as Error).name === 'TimeoutError') measurement.timeouts += 1;
    return undefined;
  }
}

/** A camera frame goes as the Locker page sends it; anything else as JSON. */
function encode(body: unknown): {
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer>;
} {
  if (isFrameBody(body)) {
    return { headers: frameHeaders(body.ticket), body: body.frame as Uint8Array<ArrayBuffer> };
  }
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function isFrameBody(body: unknown): body is { frame: Buffer; ticket: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    Buffer.isBuffer((body as { frame?: unknown }).frame)
  );
}
