import { expect, test } from 'vitest';
import { eventData } from './event-data';

const frame = (text: string, splitAt: number[] = []) => {
  const bytes = Buffer.from(text);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const at of [...splitAt, bytes.length]) {
    parts.push(bytes.subarray(from, at));
    from = at;
  }
  return parts;
};

test('drops b64_json wherever it sits, across chunk boundaries, leaving valid JSON', () => {
  const b64 = 'iVBORw0KGgo'.repeat(1000);
  for (const data of [
    { type: 'image_generation.completed', b64_json: b64, gallery_id: 'img_1', usage: { total_tokens: 3 } },
    { type: 'image_generation.completed', gallery_id: 'img_1', b64_json: b64 },
    { b64_json: b64 },
    { type: 'image_generation.completed', gallery_id: 'img_2' },
  ]) {
    const text = `event: image_generation.completed\ndata: ${JSON.stringify(data)}\n\n`;
    const { b64_json, ...rest } = data as Record<string, unknown>;
    void b64_json;
    expect(JSON.parse(eventData(frame(text, [40, 5000]), { withoutImage: true }))).toEqual(rest);
    expect(JSON.parse(eventData(frame(text, [40, 5000])))).toEqual(data);
  }
});
