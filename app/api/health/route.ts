import { serverConfig } from '@/lib/config';
import { json } from '@/lib/images/wire';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return json({ status: 'ok', upstream: serverConfig().mode });
}
