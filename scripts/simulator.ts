/**
 * Runs the offline Images API simulator on its own port:
 *   npm run simulator -- --port 4010 [--latency 250] [--api-key sk-test]
 * Point any OpenAI client (or the studio, via OPENAI_BASE_URL) at http://127.0.0.1:4010/v1.
 */
import { parseArgs } from 'node:util';
import { createFetchServer, listen } from '../lib/http/node-adapter';
import { loadCatalogue } from '../lib/models/load-catalogue';
import { createSimulator } from '../lib/simulator/simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SIMULATOR_PORT ?? '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: process.env.SIMULATOR_LATENCY_MS ?? '0' },
    'api-key': { type: 'string', default: process.env.SIMULATOR_API_KEY },
    retired: { type: 'string', default: process.env.SIMULATOR_RETIRED_MODELS ?? '' },
  },
});

const simulator = createSimulator({
  catalogue: loadCatalogue(),
  latencyMs: Number(values.latency),
  apiKey: values['api-key'] || undefined,
  retiredModels: values.retired ? values.retired.split(',') : [],
  secret: process.env.SIMULATOR_SECRET,
});
const server = createFetchServer((request) => simulator.handle(request));

async function main() {
  const url = await listen(server, Number(values.port), values.host);
  console.log(`Images API simulator listening on ${url}/v1`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
