import { UpstreamBadge } from '@/components/studio/simulator-badge';
import { Studio } from '@/components/studio/studio';
import { serverConfig } from '@/lib/config';
import { clientCatalogue } from '@/lib/models/availability';
import { loadCatalogue } from '@/lib/models/load-catalogue';

export const dynamic = 'force-dynamic';

export default function StudioPage() {
  const { mode } = serverConfig();
  const catalogue = clientCatalogue(loadCatalogue(), mode);
  return (
    <>
      <div className="mb-4 flex items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Generate</h1>
        <UpstreamBadge upstream={mode} />
      </div>
      <Studio catalogue={catalogue} />
    </>
  );
}
