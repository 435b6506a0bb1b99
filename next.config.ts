import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // Native and WebAssembly modules load at run time: keep them out of the server bundle.
  serverExternalPackages: ['sharp', '@electric-sql/pglite', 'pg', 's3rver'],
  // Responses are compressed by a reverse proxy in production if at all; Next's own
  // gzip would buffer server-sent events, and partial images are already compressed.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

// next-intl finds each request's language and messages in i18n/request.ts.
export default createNextIntlPlugin('./i18n/request.ts')(nextConfig);
