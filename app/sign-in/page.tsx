import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/account/sign-in-form';
import { safeReturnPath } from '@/lib/auth/return-path';
import { authSettings, type OidcSettings } from '@/lib/auth/settings';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in · Image Studio' };

/** What went wrong with a sign-in at the identity provider, and what to do about it. */
function oidcProblem(code: string | undefined, oidc: OidcSettings): { title: string; text: string } | null {
  switch (code) {
    case 'oidc_outsider':
      return {
        title: 'This account cannot use this studio',
        text: `This studio is for ${[
          oidc.allowedDomains && `people with an address at ${oidc.allowedDomains.join(' or ')}`,
          oidc.allowedGroups && `members of ${oidc.allowedGroups.join(' or ')}`,
        ]
          .filter(Boolean)
          .join(' who are ')}. Sign in again with your work account, or ask your admin for access.`,
      };
    case 'oidc_expired':
      return { title: 'That sign-in expired', text: 'It took more than ten minutes, was already used, or was started in another browser. Sign in again.' };
    case 'oidc_denied':
      return { title: 'Your identity provider did not sign you in', text: 'You may have cancelled, or the provider refused. Try again, or ask your admin.' };
    case 'oidc_unavailable':
      return { title: 'The identity provider could not be reached', text: 'Try again in a minute. If it keeps happening, tell your admin: the studio’s log says why.' };
    case 'oidc_failed':
      return { title: 'The sign-in could not be verified', text: 'The answer from the identity provider did not pass the studio’s checks, so it was refused. Sign in again; if it keeps happening, tell your admin.' };
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
  const problem = oidc ? oidcProblem(typeof params.error === 'string' ? params.error : undefined, oidc) : null;
  return (
    <main className="mx-auto mt-16 max-w-sm px-4">
      <div className="mb-6 flex items-center gap-2 text-lg font-bold tracking-tight">
        <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-gradient-to-br from-accent to-pink-500" />
        Image Studio
      </div>
      <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="mb-4 text-base font-semibold">Sign in</h1>
        {mode === 'password' && (
          <>
            <SignInForm next={next} />
            <p className="mt-4 text-xs text-zinc-600 dark:text-zinc-400" data-testid="names-not-verified">
              Names are not verified here: anyone with the team password can sign in under any name, so “who made this” rests on trust. Ask your admin
              for sign-in with your organisation’s accounts if that matters.
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
            <p className="text-sm text-zinc-700 dark:text-zinc-300">Sign in with your organisation’s account. Your name and email come from it.</p>
            {/* A plain link: the browser goes to the provider and back, no script needed. */}
            <a
              href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}
              className="block w-full rounded-lg bg-accent px-4 py-2 text-center text-sm font-semibold text-white hover:bg-accent-strong"
            >
              Sign in with {oidc.label}
            </a>
          </div>
        )}
        {mode === 'header' && (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            This studio signs people in through your organisation&apos;s single sign-on. Open it through the sign-on address your team uses; the
            proxy there tells the studio who you are (header <code className="font-mono text-xs">{header}</code>).
          </p>
        )}
      </div>
    </main>
  );
}
