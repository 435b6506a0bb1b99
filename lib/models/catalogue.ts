import type { CatalogueInput, ModelSpecInput, OptionSpecInput } from './types';

/**
 * The built-in model catalogue: what each model accepts, per endpoint, and what it
 * costs. Everything else (request schemas, UI controls, cost estimates, the
 * simulator's validation) is derived from this table. Deployments add or override
 * entries with a JSON file (see load-catalogue.ts), so new models need no code change.
 *
 * Sources: ../shared/reference/images-api.md (late 2026), the seed documents, and (read
 * 2026-11-22) the parameter documentation of the openai SDK 7.57.0, generated from
 * OpenAI's current API specification: the edit models include `chatgpt-image-latest`,
 * and transparent backgrounds are offered on gpt-image-2 as a preview and on 2.5.
 */
const SPEC_2026_11 = 'openai SDK 7.57.0 parameter docs (current API spec), read 2026-11-22';

const MB = 1024 * 1024;
const GPT_SIZES = ['1024x1024', '1536x1024', '1024x1536'];
const DALLE2_SIZES = ['256x256', '512x512', '1024x1024'];

const enumOf = (values: string[], defaultValue?: string) => ({ kind: 'enum' as const, values, default: defaultValue });
const intRange = (min: number, max: number, defaultValue?: number) => ({ kind: 'int' as const, min, max, default: defaultValue });
/** The end-user id every endpoint accepts (deprecated upstream for `safety_identifier`). */
const USER = { kind: 'text' as const, maxLength: 256 };
/**
 * `safety_identifier` (openai SDK 7.57: every images endpoint; it takes precedence over
 * `user`). The studio fills it with a keyed hash of the person (lib/images/safety-identifier.ts)
 * on models that list it; a deployment whose gateway refuses it removes it from a model
 * in STUDIO_MODELS_FILE, and `user` carries the identifier instead.
 */
const SAFETY_ID = { kind: 'text' as const, maxLength: 64 };

type GptImageOptions = {
  qualities?: string[];
  /** Backgrounds upstream offers as a preview (gpt-image-2's transparent). */
  previewBackgrounds?: string[];
  inputFidelity?: string[] | null;
  customSizes?: boolean;
  markup?: boolean;
  /** `complexity` (GPT Image 2.6): how much the model plans before rendering; high when omitted. */
  complexity?: boolean;
  /** GIF and SVG output (GPT Image 2.6), with their frame and SVG-author options and rules. */
  gifAndSvg?: boolean;
};

/**
 * GPT Image 2.6's GIF and SVG output (openai-node 7.57's ImageGenerateParams/ImageEditParams):
 * neither streams, sends partial images or takes output_compression; a GIF takes no mask
 * and its frames (2–16, 9 when omitted, 200 ms each when omitted) share a pixel budget
 * of 8,294,400 (3840×2160), which at 9, 12 and 16 frames allows frames of at most 960,
 * 816 and 720 pixels a side (measured by gateways, 2026-11-09; OpenAI gives no figures);
 * an SVG is one image a request, authored by `svg.model` at `svg.reasoning.effort`.
 */
const GIF_AND_SVG_OPTIONS = {
  frame_count: intRange(2, 16, 9),
  frame_duration_ms: intRange(10, 655_350, 200),
  svg: { kind: 'svgAuthor' as const, efforts: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] },
};
const NOT_STREAMED = ['stream', 'partial_images', 'output_compression'];
const GIF_AND_SVG_RULES = {
  gif: {
    refuses: NOT_STREAMED,
    owns: ['frame_count', 'frame_duration_ms'],
    noMask: true,
    frameEdges: [
      { frames: 9, maxEdge: 960 },
      { frames: 12, maxEdge: 816 },
      { frames: 16, maxEdge: 720 },
    ],
    maxTotalPixels: 3840 * 2160,
  },
  svg: { refuses: NOT_STREAMED, owns: ['svg'], maxN: 1 },
};

const GPT_IMAGE_2_SIZE_RULE = {
  multipleOf: 16,
  maxEdge: 3840,
  maxPixels: 3840 * 2160,
  maxAspect: 3,
  experimentalAbovePixels: 2560 * 1440,
};

function gptImageEndpoints(o: GptImageOptions = {}) {
  const qualities = o.qualities ?? ['low', 'medium', 'high', 'auto'];
  const sizes = {
    presets: GPT_SIZES,
    allowAuto: true,
    default: 'auto',
    custom: o.customSizes ? GPT_IMAGE_2_SIZE_RULE : undefined,
  };
  const shared = {
    n: intRange(1, 10, 1),
    quality: enumOf(qualities, 'auto'),
    background: { ...enumOf(['transparent', 'opaque', 'auto'], 'auto'), ...(o.previewBackgrounds ? { preview: o.previewBackgrounds } : {}) },
    output_format: enumOf(o.gifAndSvg ? ['png', 'jpeg', 'webp', 'gif', 'svg'] : ['png', 'jpeg', 'webp'], 'png'),
    output_compression: intRange(0, 100, 100),
    stream: { kind: 'bool' as const, default: false },
    partial_images: intRange(0, 3, 0),
    ...(o.complexity ? { complexity: enumOf(['low', 'medium', 'high'], 'high') } : {}),
    ...(o.gifAndSvg ? GIF_AND_SVG_OPTIONS : {}),
    user: USER,
    safety_identifier: SAFETY_ID,
  };
  const editOptions: Record<string, OptionSpecInput> = { ...shared };
  const outputFormats = o.gifAndSvg ? GIF_AND_SVG_RULES : {};
  if (o.inputFidelity) editOptions.input_fidelity = enumOf(o.inputFidelity, o.inputFidelity.includes('low') ? 'low' : o.inputFidelity[0]);
  return {
    generations: {
      promptMaxLength: 32000,
      sizes,
      options: { ...shared, moderation: enumOf(['low', 'auto'], 'auto') },
      outputFormats,
    },
    edits: {
      promptMaxLength: 32000,
      sizes,
      options: editOptions,
      inputs: {
        maxImages: 16,
        maxFileBytes: 50 * MB,
        formats: ['png', 'jpeg', 'webp'] as ('png' | 'jpeg' | 'webp')[],
        mask: true,
        markup: o.markup ?? false,
      },
      outputFormats,
    },
  };
}

/** Output image tokens per image at the three standard sizes (OpenAI's image guide). */
const GPT_IMAGE_OUTPUT_TOKENS = {
  low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
  medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
  high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
};

/** 2.5's and 2.6's: the standard table, with xhigh and max extrapolated from high (so unconfirmed). */
const GPT_IMAGE_2_5_OUTPUT_TOKENS = {
  ...GPT_IMAGE_OUTPUT_TOKENS,
  xhigh: { '1024x1024': 6240, '1024x1536': 9360, '1536x1024': 9312 },
  max: { '1024x1024': 8320, '1024x1536': 12480, '1536x1024': 12416 },
};

const XHIGH_QUALITIES = ['low', 'medium', 'high', 'xhigh', 'max', 'auto'];

/** A release's two variants, Sunburst (detail) and Flare (speed): the same options and price, their own names and words. */
function sunburstAndFlare(release: {
  version: string;
  snapshot: string;
  description: Record<'sunburst' | 'flare', string>;
  createdSource: (id: string) => string;
  endpoints: ModelSpecInput['endpoints'];
  price: ModelSpecInput['price'];
}): ModelSpecInput[] {
  return (['sunburst', 'flare'] as const).map((variant) => {
    const id = `gpt-image-${release.version}-${variant}`;
    return {
      id,
      label: `GPT Image ${release.version} ${variant === 'sunburst' ? 'Sunburst' : 'Flare'}`,
      family: 'gpt-image',
      description: release.description[variant],
      aliases: [`${id}-${release.snapshot}`],
      created: { date: release.snapshot, source: release.createdSource(id) },
      // Copies: a deployment's override of one variant must not change the other.
      endpoints: structuredClone(release.endpoints),
      price: structuredClone(release.price),
    };
  });
}

const models: ModelSpecInput[] = [
  {
    id: 'dall-e-2',
    label: 'DALL·E 2',
    family: 'dall-e',
    description: 'The original editor model: square images, masks, variations, up to 10 at once.',
    created: { date: '2023-11-01', source: 'OpenAI GET /v1/models (created 1698798177)' },
    retired: { date: '2026-05-12', note: 'Retired by OpenAI; still served by compatible gateways.' },
    endpoints: {
      generations: {
        promptMaxLength: 1000,
        sizes: { presets: DALLE2_SIZES, default: '1024x1024' },
        options: {
          n: intRange(1, 10, 1),
          quality: enumOf(['standard'], 'standard'),
          response_format: enumOf(['url', 'b64_json'], 'url'),
          user: USER,
          safety_identifier: SAFETY_ID,
        },
        defaultResponseFormat: 'url',
      },
      edits: {
        promptMaxLength: 1000,
        sizes: { presets: DALLE2_SIZES, default: '1024x1024' },
        options: {
          n: intRange(1, 10, 1),
          response_format: enumOf(['url', 'b64_json'], 'url'),
          user: USER,
          safety_identifier: SAFETY_ID,
        },
        inputs: { maxImages: 1, maxFileBytes: 4 * MB, formats: ['png'], square: true, mask: true },
        defaultResponseFormat: 'url',
      },
      variations: {
        sizes: { presets: DALLE2_SIZES, default: '1024x1024' },
        options: {
          n: intRange(1, 10, 1),
          response_format: enumOf(['url', 'b64_json'], 'url'),
          user: USER,
          safety_identifier: SAFETY_ID,
        },
        inputs: { maxImages: 1, maxFileBytes: 4 * MB, formats: ['png'], square: true },
        defaultResponseFormat: 'url',
      },
    },
    price: {
      asOf: '2025-09-17',
      confirmed: true,
      source: 'OpenAI pricing page',
      perImage: { standard: { '256x256': 0.016, '512x512': 0.018, '1024x1024': 0.02 } },
    },
  },
  {
    id: 'dall-e-3',
    label: 'DALL·E 3',
    family: 'dall-e',
    description: 'One image per request in three shapes; rewrites the prompt and says how.',
    created: { date: '2023-10-31', source: 'OpenAI GET /v1/models (created 1698785189)' },
    retired: { date: '2026-05-12', note: 'Retired by OpenAI; still served by compatible gateways.' },
    endpoints: {
      generations: {
        promptMaxLength: 4000,
        sizes: { presets: ['1024x1024', '1792x1024', '1024x1792'], default: '1024x1024' },
        options: {
          n: intRange(1, 1, 1),
          quality: enumOf(['standard', 'hd'], 'standard'),
          style: enumOf(['vivid', 'natural'], 'vivid'),
          response_format: enumOf(['url', 'b64_json'], 'url'),
          user: USER,
          safety_identifier: SAFETY_ID,
        },
        returnsRevisedPrompt: true,
        defaultResponseFormat: 'url',
      },
    },
    price: {
      asOf: '2025-09-17',
      confirmed: true,
      source: 'OpenAI pricing page',
      perImage: {
        standard: { '1024x1024': 0.04, '1792x1024': 0.08, '1024x1792': 0.08 },
        hd: { '1024x1024': 0.08, '1792x1024': 0.12, '1024x1792': 0.12 },
      },
    },
  },
  {
    id: 'gpt-image-1',
    label: 'GPT Image 1',
    family: 'gpt-image',
    description: 'Token-priced image model: transparent backgrounds, streaming, up to 16 input images.',
    created: { date: '2025-04-24', source: 'OpenAI GET /v1/models (created 1745517030)' },
    retired: { date: '2026-10-23', note: 'Shut down by OpenAI; still served by compatible gateways.' },
    endpoints: gptImageEndpoints({ inputFidelity: ['high', 'low'] }),
    price: {
      asOf: '2025-09-17',
      confirmed: true,
      source: "OpenAI pricing page and image generation guide",
      perMillionTokens: { textIn: 5, imageIn: 10, imageOut: 40 },
      outputTokens: GPT_IMAGE_OUTPUT_TOKENS,
      partialImageTokens: 100,
    },
  },
  {
    id: 'gpt-image-1-mini',
    label: 'GPT Image 1 mini',
    family: 'gpt-image',
    description: 'The low-cost GPT image model; input fidelity is always low.',
    created: { date: '2025-10-06', source: 'OpenAI DevDay 2025 launch; the API may date it a few days apart' },
    endpoints: gptImageEndpoints({ inputFidelity: ['low'] }),
    price: {
      asOf: '2026-11-01',
      confirmed: true,
      source: 'OpenAI model page',
      perMillionTokens: { textIn: 2, imageIn: 2.5, imageOut: 8 },
      outputTokens: GPT_IMAGE_OUTPUT_TOKENS,
      partialImageTokens: 100,
    },
  },
  {
    id: 'gpt-image-1.5',
    label: 'GPT Image 1.5',
    family: 'gpt-image',
    description: 'The successor to GPT Image 1 and the default model for edits.',
    aliases: ['gpt-image-1.5-2025-12-16'],
    created: { date: '2025-12-16', source: 'its snapshot, gpt-image-1.5-2025-12-16' },
    endpoints: gptImageEndpoints({ inputFidelity: ['high', 'low'] }),
    price: {
      asOf: '2026-11-01',
      confirmed: false,
      source: 'third-party reports (image out about $32 per 1M tokens)',
      perMillionTokens: { textIn: 5, imageIn: 8, imageOut: 32 },
      outputTokens: GPT_IMAGE_OUTPUT_TOKENS,
      partialImageTokens: 100,
    },
  },
  {
    id: 'chatgpt-image-latest',
    label: 'ChatGPT Image (latest)',
    family: 'gpt-image',
    description: 'The image model ChatGPT uses, as an alias that moves with it; GPT Image 1.5’s options.',
    created: { date: '2025-12-16', source: 'launched with gpt-image-1.5; edit model per ' + SPEC_2026_11 },
    endpoints: gptImageEndpoints({ inputFidelity: ['high', 'low'] }),
    price: {
      asOf: '2026-11-22',
      confirmed: false,
      source: 'no published figure of its own; gpt-image-1.5 prices used as an estimate',
      perMillionTokens: { textIn: 5, imageIn: 8, imageOut: 32 },
      outputTokens: GPT_IMAGE_OUTPUT_TOKENS,
      partialImageTokens: 100,
    },
  },
  {
    id: 'gpt-image-2',
    label: 'GPT Image 2',
    family: 'gpt-image',
    description: 'Any size in steps of 16 up to 3840×2160; transparent backgrounds in preview.',
    aliases: ['gpt-image-2-2026-04-21'],
    created: { date: '2026-04-21', source: 'its snapshot, gpt-image-2-2026-04-21' },
    // Transparent backgrounds are a preview upstream (SPEC_2026_11); a deployment that
    // must not offer them sets this model's background values in STUDIO_MODELS_FILE.
    endpoints: gptImageEndpoints({ customSizes: true, previewBackgrounds: ['transparent'], inputFidelity: null }),
    price: {
      asOf: '2026-11-01',
      confirmed: false,
      source: 'third-party reports',
      perMillionTokens: { textIn: 5, imageIn: 8, imageOut: 30 },
      outputTokens: GPT_IMAGE_OUTPUT_TOKENS,
      partialImageTokens: 100,
    },
  },
  ...sunburstAndFlare({
    version: '2.5',
    snapshot: '2026-09-08',
    description: {
      sunburst: 'Adds xhigh and max quality, and markup guides for edits.',
      flare: 'The faster 2.5 variant: xhigh and max quality, markup guides for edits.',
    },
    createdSource: (id) => `its snapshot, ${id}-2026-09-08`,
    // Transparent backgrounds per SPEC_2026_11.
    endpoints: gptImageEndpoints({ customSizes: true, inputFidelity: null, qualities: XHIGH_QUALITIES, markup: true }),
    price: {
      asOf: '2026-11-01',
      confirmed: false,
      source: 'no published figure; gpt-image-2 prices used as an estimate',
      perMillionTokens: { textIn: 5, imageIn: 8, imageOut: 30 },
      outputTokens: GPT_IMAGE_2_5_OUTPUT_TOKENS,
      partialImageTokens: 100,
    },
  }),
  // OpenAI names the 2.6 models without a date (SPEC_2026_11); the dated name follows
  // earlier releases' pattern and is accepted as an alias.
  ...sunburstAndFlare({
    version: '2.6',
    snapshot: '2026-11-04',
    description: {
      sunburst: 'For detailed work and precise edits; complexity sets how much it plans before rendering.',
      flare: 'The fast 2.6 variant, for iterating; complexity sets how much it plans before rendering.',
    },
    createdSource: () => `released 2026-11-04 (OpenAI's model page); ${SPEC_2026_11}`,
    endpoints: gptImageEndpoints({ customSizes: true, inputFidelity: null, qualities: XHIGH_QUALITIES, markup: true, complexity: true, gifAndSvg: true }),
    price: {
      asOf: '2026-11-22',
      confirmed: false,
      source:
        "token rates from OpenAI's model page (text in $5, image in $8, image out $30 per 1M); output tokens per image and the complexity factors are estimates: no published figures",
      perMillionTokens: { textIn: 5, imageIn: 8, imageOut: 30 },
      outputTokens: GPT_IMAGE_2_5_OUTPUT_TOKENS,
      partialImageTokens: 100,
      // High (the default) plans fully and costs as 2.5 does; less planning, fewer tokens.
      complexityFactors: { low: 0.6, medium: 0.8, high: 1 },
    },
  }),
];

export const BUILT_IN_CATALOGUE: CatalogueInput = {
  models,
  defaults: {
    // The wire API's documented defaults, so SDK calls without `model` behave as upstream.
    generations: 'dall-e-2',
    generationsGptImage: 'gpt-image-1',
    edits: 'gpt-image-1.5',
    variations: 'dall-e-2',
  },
};
