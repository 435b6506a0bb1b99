import 'server-only';
import type { Gallery } from '../gallery/gallery';
import { costFromUsage, type Usage } from '../models/cost';
import type { ModelSpec } from '../models/types';
import type { Charge } from './charge';
import { StudioError } from './errors';
import { sanitizeSvg, UnsafeSvgError } from './svg-sanitize';
import type { GenerationRequest } from './schema';

/**
 * Keeps one image the upstream returned: its bytes (downloaded at once when it came as
 * a URL, since those expire) and a gallery row. Returns the fields the studio adds to
 * the image in its answer.
 */
export type SaveContext = {
  gallery: Gallery;
  model: ModelSpec;
  request: GenerationRequest;
  endpoint: 'generations' | 'edits' | 'variations';
  requestId: string | null;
  creator: string;
  /** The request's spend against the budgets: each kept image is added to it. */
  charge: Charge;
  /** The request's estimate divided among its images (null where the price is unknown). */
  estimatedPerImageUsd: number | null;
  /** The studio's own origin, for the links it hands out. */
  origin: string;
  /** Fetches an upstream `url` result (through the simulator when there is no key). */
  download: (url: string) => Promise<Response>;
  /**
   * The gallery ids of the request's input images (edits, variations) and of its markup
   * layer. Called when the first result is kept, so a request that fails upstream leaves
   * no input behind.
   */
  inputs?: () => Promise<KeptInputs>;
};

export type KeptInputs = { parentIds: string[]; markupId: string | null };

export type UpstreamImage = { b64_json?: string; url?: string; revised_prompt?: string };

const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

async function bytesOf(image: UpstreamImage, ctx: SaveContext): Promise<Uint8Array> {
  if (image.b64_json) return Buffer.from(image.b64_json, 'base64');
  if (!image.url) throw new Error('upstream image has neither b64_json nor url');
  const response = await ctx.download(image.url);
  if (!response.ok) throw new Error(`downloading the upstream image failed with ${response.status}`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_DOWNLOAD_BYTES) throw new Error('upstream image is too large');
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * What one image actually cost: from the usage upstream reported (token-priced models),
 * or the fixed price per image (DALL·E, where the estimate is the price). Unknown (null)
 * when a token-priced answer came without usage.
 */
function costOf(ctx: SaveContext, usage: Usage | undefined, share: number): number | null {
  if (ctx.model.price.perImage) return ctx.estimatedPerImageUsd;
  const total = usage ? costFromUsage(ctx.model, usage) : null;
  return total === null ? null : Math.round(total * share * 1e6) / 1e6;
}

/** Whether bytes are an SVG document (text starting with markup that opens an `<svg>`), not a raster image. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<') && /<svg[\s>]/i.test(head);
}

/**
 * An upstream SVG, sanitised (lib/images/svg-sanitize) before anything keeps or shows it:
 * the gallery stores the clean document, and the client's answer carries it instead of
 * upstream's. Other images pass as they are.
 */
function cleanSvg(bytes: Uint8Array): { bytes: Uint8Array; b64?: string } {
  if (!looksLikeSvg(bytes)) return { bytes };
  try {
    const clean = Buffer.from(sanitizeSvg(Buffer.from(bytes).toString('utf8')));
    return { bytes: clean, b64: clean.toString('base64') };
  } catch (error) {
    if (!(error instanceof UnsafeSvgError)) throw error;
    throw new StudioError(502, {
      message: 'The image service sent an SVG that is not a picture, so nothing was kept. Try again, or choose PNG.',
      type: 'server_error',
      param: null,
      code: 'unsafe_svg',
    });
  }
}

export async function saveUpstreamImage(ctx: SaveContext, image: UpstreamImage, usage: Usage | undefined, share = 1) {
  const upstreamBytes = await bytesOf(image, ctx).catch((error: unknown) => {
    throw saveFailed(error);
  });
  const clean = cleanSvg(upstreamBytes);
  try {
    // The prompt and model have columns of their own; everything else is an option.
    const { prompt, model, ...options } = ctx.request;
    void model;
    const cost = costOf(ctx, usage, share);
    const inputs = await ctx.inputs?.();
    const record = await ctx.gallery.save({
      bytes: clean.bytes,
      creator: ctx.creator,
      endpoint: ctx.endpoint,
      model: ctx.model.id,
      prompt: prompt ?? null,
      revisedPrompt: image.revised_prompt ?? null,
      options,
      usage: (usage as Record<string, unknown> | undefined) ?? null,
      costUsd: cost,
      estimatedUsd: ctx.estimatedPerImageUsd,
      requestId: ctx.requestId,
      parentIds: inputs?.parentIds ?? [],
      markupId: inputs?.markupId ?? null,
    });
    ctx.charge.add(cost ?? ctx.estimatedPerImageUsd ?? 0);
    return {
      ...(clean.b64 && image.b64_json ? { b64_json: clean.b64 } : {}),
      gallery_id: record.id,
      gallery_url: `${ctx.origin}/gallery/${record.id}`,
      image_url: `${ctx.origin}/api/v1/gallery/${record.id}/image`,
    };
  } catch (error) {
    throw saveFailed(error);
  }
}

function saveFailed(error: unknown): StudioError {
  console.error('[studio] saving an image failed:', (error as Error).message);
  return new StudioError(500, {
    message: 'The image was made but the studio could not keep it, so it is not shown. Try again; if it keeps failing, tell the studio administrator.',
    type: 'server_error',
    param: null,
    code: 'save_failed',
  });
}
