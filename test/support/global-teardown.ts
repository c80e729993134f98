import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const services = ((globalThis as Record<string, unknown>).__LOCAL_SERVICES__ ?? []) as { stop(): Promise<void> }[];
  for (const service of services) await service.stop();
  if (process.env.TEST_DATA_DIR) await rm(process.env.TEST_DATA_DIR, { recursive: true, force: true });
}
