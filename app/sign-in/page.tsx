import { LanguageSwitcher } from '@/components/language-switcher';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/account/sign-in-form';
import { safeReturnPath } from '@/lib/auth/return-path';
import { authSettings, type OidcSettings } from '@/lib/auth/settings';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('signIn'))('pageTitle') };
}

type Translate = Awaited<ReturnType<typeof getTranslations<'signIn.problems'>>>;

/** What went wrong with a sign-in at the identity provider, and what to do about it. */
function oidcProblem(t: Translate, code: string | undefined, oidc: OidcSettings): { title: string; text: string } | null {
  switch (code) {
    case 'oidc_outsider': {
      const who = [
        oidc.allowedDomains && t('outsiderDomains', { domains: oidc.allowedDomains.join(t('or')) }),
        oidc.allowedGroups && t('outsiderGroups', { groups: oidc.allowedGroups.join(t('or')) }),
      ]
        .filter(Boolean)
        .join(t('whoAre'));
      return { title: t('outsiderTitle'), text: t('outsiderText', { who }) };
    }
    case 'oidc_expired':
      return { title: t('expiredTitle'), text: t('expiredText') };
    case 'oidc_denied':
      return { title: t('deniedTitle'), text: t('deniedText') };
    case 'oidc_unavailable':
      return { title: t('unavailableTitle'), text: t('unavailableText') };
    case 'oidc_failed':
      return { title: t('failedTitle'), text: t('failedText') };
    default:
      return null;
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { mode, header, oidc } = authSettings();
  const params = await searchParams;
  // Only a path on this studio may follow sign-in (no open redirect to another site).
  const next = safeReturnPath(params.next);
  if (mode === 'open') redirect(next);
  const t = await getTranslations('signIn');
  const problem = oidc ? oidcProblem(await getTranslations('signIn.problems'), typeof params.error === 'string' ? params.error : undefined, oidc) : null;
  return (
    <main className="mx-auto mt-16 max-w-sm px-4">
      <div className="mb-6 flex items-center gap-2 text-lg font-bold tracking-tight">
        <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-accent to-pink-500" />
        <span className="mr-auto">Image Studio</span>
        <LanguageSwitcher />
      </div>
      <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="mb-4 text-base font-semibold">{t('title')}</h1>
        {mode === 'password' && (
          <>
            <SignInForm next={next} />
            <p className="mt-4 text-xs text-zinc-600 dark:text-zinc-400" data-testid="names-not-verified">
              {t('notVerified')}
            </p>
          </>
        )}
        {mode === 'oidc' && oidc && (
          <div className="space-y-4">
            {problem && (
              <div role="alert" data-testid="sign-in-problem" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">
                <p className="font-semibold">{problem.title}</p>
                <p className="mt-1">{problem.text}</p>
              </div>
            )}
            <p className="text-sm text-zinc-700 dark:text-zinc-300">{t('oidcAbout')}</p>
            {/* A plain link: the browser goes to the provider and back, no script needed. */}
            <a
              href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}
              className="block w-full rounded-lg bg-accent px-4 py-2 text-center text-sm font-semibold text-white hover:bg-accent-strong"
            >
              {t('oidcButton', { provider: oidc.label })}
            </a>
          </div>
        )}
        {mode === 'header' && (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {t.rich('headerAbout', { header: header ?? '', code: (chunks) => <code className="font-mono text-xs">{chunks}</code> })}
          </p>
        )}
      </div>
    </main>
  );
}
