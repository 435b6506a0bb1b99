import { readMultipart, type Multipart } from '../http/multipart';
import { findModel, modelsFor, resolveModelName } from '../models/registry';
import type { Catalogue, Endpoint, EndpointSpec, ModelSpec } from '../models/types';
import { fromIssues, invalidRequest } from './errors';
import { EDIT_PARAMS, validateImageRequest, VARIATION_PARAMS } from './schema';
import { checkAgainstRules, checkImage, hasTransparentPixels, type CheckedImage } from './uploads';

/**
 * `POST /images/edits` and `/images/variations` arrive as multipart forms: files, and
 * every other parameter as text. This reads them within the largest limits any model
 * has, turns the text back into the types the catalogue gives each option, validates
 * with the same schemas as generations, and checks each file by its bytes.
 */

export type UploadRequest = {
  model: string;
  prompt?: string;
  n?: number;
  size?: string;
  stream?: boolean;
  partial_images?: number;
  response_format?: string;
  [option: string]: unknown;
};

export type ParsedUpload = {
  value: UploadRequest;
  model: ModelSpec;
  spec: EndpointSpec;
  images: CheckedImage[];
  mask: CheckedImage | null;
  /** The marks over the first image that show what to change (GPT Image 2.5 and 2.6). */
  markup: CheckedImage | null;
  /** True when the client sent `image[]` (an array), which upstream must see again. */
  imagesAsArray: boolean;
};

const IMAGE_FIELD = /^image(\[\d*\])?$/;

/** `svg[reasoning][effort]`: a field of an object sent as multipart (how the SDKs send `svg`). */
const NESTED_FIELD = /^([a-z_]+)((?:\[[a-z_]+\])+)$/;

function coerce(fields: Record<string, string>, spec: EndpointSpec | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(fields)) {
    const nested = NESTED_FIELD.exec(key);
    if (nested && spec?.options[nested[1]!]?.kind === 'svgAuthor') {
      const path = [...nested[2]!.matchAll(/\[([a-z_]+)\]/g)].map((m) => m[1]!);
      let at = (out[nested[1]!] ??= {}) as Record<string, unknown>;
      for (const step of path.slice(0, -1)) at = (at[step] ??= {}) as Record<string, unknown>;
      at[path.at(-1)!] = text;
      continue;
    }
    const option = spec?.options[key];
    if (option?.kind === 'int' && /^-?\d+$/.test(text.trim())) out[key] = Number(text);
    else if (option?.kind === 'bool' && (text === 'true' || text === 'false')) out[key] = text === 'true';
    else out[key] = text;
  }
  return out;
}

type UploadEndpoint = Extract<Endpoint, 'edits' | 'variations'>;

/** Reads the form within the largest limits any model offering one of `endpoints` has. */
export function readUploadForm(request: Request, catalogue: Catalogue, endpoints: UploadEndpoint[]): Promise<Multipart> {
  const offering = endpoints.flatMap((endpoint) => modelsFor(catalogue, endpoint).map((m) => m.endpoints[endpoint]!));
  const largest = Math.max(...offering.map((e) => e.inputs?.maxFileBytes ?? 0));
  const most = Math.max(...offering.map((e) => e.inputs?.maxImages ?? 1));
  return readMultipart(request, { fileBytes: largest, files: most + 2 });
}

/** Checks a form read by `readUploadForm`: its fields against the catalogue, its files by their bytes. */
export async function checkUploadForm({ fields, files }: Multipart, catalogue: Catalogue, endpoint: UploadEndpoint): Promise<ParsedUpload> {
  const known = endpoint === 'edits' ? EDIT_PARAMS : VARIATION_PARAMS;
  const named = resolveModelName(catalogue, endpoint, fields);
  const spec = findModel(catalogue, named)?.endpoints[endpoint];
  const validated = validateImageRequest<UploadRequest>(catalogue, endpoint, coerce(fields, spec), known);
  if (!validated.ok) throw fromIssues(validated.issues);

  for (const file of files)
    if (!IMAGE_FIELD.test(file.field) && file.field !== 'mask' && file.field !== 'markup')
      throw invalidRequest(`Unexpected file field "${file.field}"; send images as "image" or "image[]", the mask as "mask" and markup as "markup".`, file.field, 'unknown_parameter');
  const imageFiles = files.filter((f) => IMAGE_FIELD.test(f.field));
  const imagesAsArray = imageFiles.some((f) => f.field !== 'image') || imageFiles.length > 1;
  const images = await Promise.all(imageFiles.map((f, i) => checkImage(f, imagesAsArray ? `image[${i}]` : 'image')));
  const maskFile = files.find((f) => f.field === 'mask');
  const mask = maskFile ? await checkImage(maskFile, 'mask') : null;
  const markupFile = files.find((f) => f.field === 'markup');
  const markup = markupFile ? await checkImage(markupFile, 'markup') : null;
  checkAgainstRules(images, mask, validated.endpoint.inputs!, validated.model.label, markup);
  const format = (validated.value as { output_format?: string }).output_format;
  if (mask && format && validated.endpoint.outputFormats[format]?.noMask)
    throw invalidRequest(`${validated.model.label} cannot use a mask with output_format ${format}; send the edit without one, or choose another format.`, 'mask', 'invalid_value');
  if (markup && !(await hasTransparentPixels(markup)))
    throw invalidRequest('The markup is opaque all over: it must be transparent except for the marks.', 'markup', 'invalid_markup');
  return { value: validated.value, model: validated.model, spec: validated.endpoint, images, mask, markup, imagesAsArray };
}

export async function parseUpload(request: Request, catalogue: Catalogue, endpoint: UploadEndpoint): Promise<ParsedUpload> {
  return checkUploadForm(await readUploadForm(request, catalogue, [endpoint]), catalogue, endpoint);
}
