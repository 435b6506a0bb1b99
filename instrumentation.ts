/**
 * Runs once when the server starts: opens the gallery (embedded PostgreSQL start-up and
 * migrations, the first orphan sweep) before the first request rather than during it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { authSettings } = await import('./lib/auth/settings');
  try {
    const { mode, header, oidc } = authSettings();
    const detail = header ? ` (header ${header})` : oidc ? ` (issuer ${oidc.issuer})` : mode === 'open' ? ': no sign-in, anyone who can reach this server is "local"' : ': names are not verified';
    console.log(`[studio] sign-in: ${mode} mode${detail}`);
  } catch (error) {
    // Every page and route refuses (500) until this is fixed: a half-configured sign-in must not fall open.
    console.error(`[studio] sign-in is misconfigured: ${(error as Error).message}`);
  }
  const { gallery } = await import('./lib/gallery/instance');
  const started = Date.now();
  try {
    await gallery();
    console.log(`[studio] gallery ready in ${Date.now() - started} ms`);
  } catch (error) {
    // Requests will retry and report it; the server still starts so /api/health answers.
    console.error('[studio] gallery could not be opened:', (error as Error).message);
  }
}
