import { expect, test } from 'vitest';
import { frameData, frameEventName, isCommentFrame, SseFramer } from './sse-frames';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (frame: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(frame));

test('splits events at blank lines, across any chunk boundaries', () => {
  const stream = 'event: a\ndata: {"x":1}\n\nevent: b\ndata: {"y":2}\n\n: keep-alive\n\n';
  for (let cut = 1; cut < stream.length; cut++) {
    const framer = new SseFramer();
    const frames = [...framer.push(bytes(stream.slice(0, cut))), ...framer.push(bytes(stream.slice(cut)))].map(text);
    expect(frames).toEqual(['event: a\ndata: {"x":1}\n\n', 'event: b\ndata: {"y":2}\n\n', ': keep-alive\n\n']);
    expect(framer.flush()).toBeNull();
  }
});

test('frames are views into the chunks they came in, not copies', () => {
  const chunk = bytes('event: a\ndata: 1\n\n');
  const [frame] = new SseFramer().push(chunk);
  expect(frame![0]!.buffer).toBe(chunk.buffer);
});

test('handles CRLF line endings and keeps an unfinished event for flush', () => {
  const framer = new SseFramer();
  expect(framer.push(bytes('event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2')).map(text)).toEqual(['event: a\r\ndata: 1\r\n\r\n']);
  expect(text(framer.flush()!)).toBe('event: b\r\ndata: 2');
});

test('reads the event name and, when asked, the data', () => {
  const frame = [bytes('event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"AAAA"}\n\n')];
  expect(frameEventName(frame)).toBe('image_generation.completed');
  expect(frameData(frame)).toMatchObject({ b64_json: 'AAAA' });
  expect(frameEventName([bytes('data: {"a":1}\n\n')])).toBeNull();
  expect(frameData([bytes('data: [DONE]\n\n')])).toBe('[DONE]');
  expect(isCommentFrame([bytes(': keep-alive\n\n')])).toBe(true);
  expect(isCommentFrame(frame)).toBe(false);
});
