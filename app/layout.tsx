import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { THEME_SCRIPT } from '@/components/studio/theme-toggle';
import './globals.css';

export const metadata: Metadata = {
  title: 'Image Studio',
  description: 'Generate, edit and share images with the OpenAI Images API.',
};

/** The page's CSP nonce (set by proxy.ts), for the one inline script of our own. */
async function cspNonce(): Promise<string | undefined> {
  const policy = (await headers()).get('content-security-policy');
  return policy ? /'nonce-([^']+)'/.exec(policy)?.[1] : undefined;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = await cspNonce();
  const locale = await getLocale();
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
