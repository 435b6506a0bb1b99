import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // sharp is a native module: keep it out of the server bundle.
  serverExternalPackages: ['sharp'],
  // Responses are compressed by a reverse proxy in production if at all; Next's own
  // gzip would buffer server-sent events, and partial images are already compressed.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
