import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BUILT_IN_CATALOGUE } from '@/lib/models/catalogue';
import { estimateCost } from '@/lib/models/cost';
import { buildCatalogue, findModel } from '@/lib/models/registry';
import { startStudioWithClient, type startStudio } from '../support/studio-server';

/**
 * GPT Image 2.6's `complexity` through the real routes, as the SDK sends it (an extra
 * field: this SDK's types predate it): accepted on generations and edits of 2.6, its
 * cost estimated and then charged from the usage the (simulated) upstream reports, the
 * two in step at every level; refused with the parameter named on any other model.
 */
let studio: Awaited<ReturnType<typeof startStudio>>;
let client: OpenAI;
const catalogue = buildCatalogue(BUILT_IN_CATALOGUE);

beforeAll(async () => {
  ({ studio, client } = await startStudioWithClient());
});
afterAll(() => studio.close());

const costs = async (galleryId: string) => (await (await fetch(`${studio.url}/api/v1/gallery/${galleryId}`)).json()) as { cost_usd: number; estimated_cost_usd: number };

test('each complexity level is estimated and charged alike, and less planning costs less', async () => {
  const charged: Record<string, number> = {};
  for (const complexity of ['low', 'medium', 'high', undefined]) {
    const request = { model: 'gpt-image-2.6-flare', prompt: 'a lighthouse', quality: 'medium' as const, size: '1024x1024' as const, ...(complexity ? { complexity } : {}) };
    const result = await client.images.generate(request as OpenAI.Images.ImageGenerateParamsNonStreaming);
    const { cost_usd, estimated_cost_usd } = await costs((result.data![0] as { gallery_id: string }).gallery_id);
    const expected = estimateCost(findModel(catalogue, 'gpt-image-2.6-flare')!, 'generations', request)!.usd;
    expect(estimated_cost_usd, String(complexity)).toBeCloseTo(expected, 6);
    expect(cost_usd, String(complexity)).toBeCloseTo(estimated_cost_usd, 4);
    charged[complexity ?? 'omitted'] = cost_usd;
  }
  expect(charged.low).toBeLessThan(charged.medium!);
  expect(charged.medium).toBeLessThan(charged.high!);
  expect(charged.omitted).toBeCloseTo(charged.high!, 6);
});

test('an edit takes complexity too; a model without it refuses it, naming the parameter and who has it', async () => {
  const png = await sharp({ create: { width: 512, height: 512, channels: 4, background: '#446688' } }).png().toBuffer();
  const edit = await client.images.edit({ model: 'gpt-image-2.6-sunburst', prompt: 'a hat', quality: 'low', image: await toFile(png, 'in.png', { type: 'image/png' }), ...({ complexity: 'low' } as object) });
  expect(edit.data).toHaveLength(1);
  const refused = await client.images.generate({ model: 'gpt-image-2.5-flare', prompt: 'x', ...({ complexity: 'low' } as object) }).catch((e: unknown) => e as InstanceType<typeof OpenAI.BadRequestError>);
  expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
  expect((refused as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('complexity');
  expect((refused as Error).message).toMatch(/GPT Image 2\.6/);
  const wrong = (await client.images.generate({ model: 'gpt-image-2.6-flare', prompt: 'x', ...({ complexity: 'extreme' } as object) }).catch((e: unknown) => e)) as Error;
  expect(wrong).toBeInstanceOf(OpenAI.BadRequestError);
  expect(wrong.message).toMatch(/low, medium, high/);
});
