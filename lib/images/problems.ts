/**
 * A problem with a request, said two ways: `message` in English, as the Images API
 * says it on the wire, and `key` with `values`, so that pages can say it in the
 * person's language (messages: `problems.<key>`, ICU with the same values).
 */
export type ProblemKey =
  | 'sizeAuto'
  | 'sizePreset'
  | 'sizeFormat'
  | 'sizeMultiple'
  | 'sizeEdge'
  | 'sizeMaxPixels'
  | 'sizeMinPixels'
  | 'sizeAspect'
  | 'promptRequired'
  | 'promptTooLong'
  | 'transparentJpeg'
  | 'compressionPng'
  | 'enumValue'
  | 'numberRange'
  | 'numberOnly'
  | 'formatOwns'
  | 'formatRefuses'
  | 'formatMaxN'
  | 'gifFrameEdge'
  | 'gifPixels';

export type Problem = { key: ProblemKey; values: Record<string, string | number>; message: string };

export const problem = (key: ProblemKey, values: Problem['values'], message: string): Problem => ({ key, values, message });
