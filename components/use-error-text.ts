'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { RequestIssue } from '@/lib/images/schema';
import { readApiFailure, type ApiFailure } from './feedback';

type Failure = { message: string; code?: string | null };

/**
 * An error as a person reads it. The API's messages are English on the wire (they are
 * the Images API's); in another language the page shows the code's own message and keeps
 * the server's words beneath it, which often say more (which model, how long to wait).
 * Codes with no message of their own are shown as the server wrote them.
 */
export function useErrorText(): (error: Failure) => { headline: string; detail: string | null } {
  const t = useTranslations('errors');
  const english = useLocale() === 'en';
  return (error) => {
    const key = error.code ?? '';
    if (english || !t.has(key as never)) return { headline: error.message, detail: null };
    return { headline: t(key as never), detail: error.message };
  };
}

/** An API failure as one line in the person's language (the server's detail after a dash). */
export function useFailureText(): (failure: ApiFailure) => string {
  const t = useTranslations('errors');
  const text = useErrorText();
  return (failure) => {
    const { headline, detail } = text({ code: failure.code, message: failure.message ?? t('fallback', { status: failure.status }) });
    return detail ? `${headline} — ${detail}` : headline;
  };
}

/** Reads a failed response's error envelope and says it in the person's language. */
export function useApiError(): (res: Response) => Promise<string> {
  const describe = useFailureText();
  return async (res) => describe(await readApiFailure(res));
}

/**
 * A form's request issue as a person reads it: in English the schema's own words (the
 * same the API would answer), elsewhere the problem's message in their language.
 */
export function useIssueText(): (issue: RequestIssue) => string {
  const t = useTranslations('problems');
  const english = useLocale() === 'en';
  return useCallback((issue) => (english || !issue.problem ? issue.message : t(issue.problem.key, issue.problem.values)), [english, t]);
}
