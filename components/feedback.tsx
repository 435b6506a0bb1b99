/** Small pieces the account and admin screens share: the API's error, how an error is shown, the red button. */

/** What the API's error envelope says went wrong (code and English message), or just the status when there is none. */
export type ApiFailure = { code: string | null; message: string | null; status: number };

export async function readApiFailure(res: Response): Promise<ApiFailure> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; code?: string | null } } | null;
  return { code: body?.error?.code ?? null, message: body?.error?.message ?? null, status: res.status };
}

export function ErrorAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">{message}</p>;
}

/** A small button for something that cannot be undone: revoke, end. */
export function DangerButton({ onClick, label, children }: { onClick: () => void; label: string; children: React.ReactNode }) {
  return (
    <button type="button" onClick={onClick} aria-label={label} className="rounded-md border border-red-500 px-2 py-1 text-xs font-medium text-red-600 dark:text-red-400 hover:bg-red-50 dark:hover:bg-red-950">
      {children}
    </button>
  );
}
