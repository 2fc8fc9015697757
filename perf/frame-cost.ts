import { analysePng, compareTemplates } from '../mocks/cloud/face-match';
import { round } from './results';

/**
 * What decoding and comparing one frame costs on this machine, timed in this process
 * with the cloud's own code, so the report can say how much of a verification's CPU
 * time is the image work and how much is HTTP and the framework around it.
 */
export function measureFrameCostUs(frameBase64: string, iterations = 400): number {
  const frame = Buffer.from(frameBase64, 'base64');
  const template = analysePng(frame).template;
  for (let i = 0; i < 100; i++) compareTemplates(analysePng(frame).template, template);

  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    compareTemplates(analysePng(frame).template, template);
  }
  return round(Number(process.hrtime.bigint() - started) / 1000 / iterations, 1);
}
