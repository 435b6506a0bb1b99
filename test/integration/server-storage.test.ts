import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import pg from 'pg';
import S3rver from 's3rver';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { POSTGRES_URL, postgresSchema } from '../support/backends';
import { startStudio } from '../support/studio-server';

/**
 * The studio configured as a team would run it: DATABASE_URL names a PostgreSQL server
 * and S3_* an S3-compatible bucket (s3rver on loopback). Nothing is written locally.
 */
let schema: Awaited<ReturnType<typeof postgresSchema>>;
const s3dir = mkdtempSync(path.join(tmpdir(), 'studio-s3-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'studio-unused-'));
const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir, configureBuckets: [{ name: 'team-images', configs: [] }] });
let studio: Awaited<ReturnType<typeof startStudio>>;

beforeAll(async () => {
  schema = await postgresSchema('server');
  const { port } = await s3.run();
  Object.assign(process.env, {
    OPENAI_API_KEY: '',
    SIMULATOR_LATENCY_MS: '0',
    DATABASE_URL: schema.url,
    STUDIO_DATA_DIR: dataDir,
    S3_BUCKET: 'team-images',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
    S3_PREFIX: 'studio',
  });
  studio = await startStudio();
});
afterAll(async () => {
  await studio.close();
  await s3.close();
  await schema.drop();
  rmSync(s3dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

test('images land in the PostgreSQL server and the bucket, and are served from there', async () => {
  const client = new OpenAI({ apiKey: 'x', baseURL: `${studio.url}/api/v1`, maxRetries: 0 });
  const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'team image', quality: 'low' });
  const id = (result.data![0] as unknown as { gallery_id: string }).gallery_id;

  const db = new pg.Client({ connectionString: POSTGRES_URL });
  await db.connect();
  const { rows } = await db.query(`select prompt, blob_key from ${schema.schema}.images where id = $1`, [id]);
  await db.end();
  expect(rows).toEqual([{ prompt: 'team image', blob_key: `images/${id}/original.png` }]);

  const object = await fetch(`${process.env.S3_ENDPOINT}/team-images/studio/images/${id}/original.png`);
  expect(object.status).toBe(200);
  const served = Buffer.from(await (await fetch(`${studio.url}/api/v1/gallery/${id}/image`)).arrayBuffer());
  expect(served.equals(Buffer.from(result.data![0]!.b64_json!, 'base64'))).toBe(true);
  const { readdirSync } = await import('node:fs');
  expect(readdirSync(dataDir)).toEqual([]);
});
