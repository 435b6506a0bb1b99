import { readApiFailure, type ApiFailure } from '../feedback';

/** The browser's side of the boards API, for the places that list boards and add to them. */
export type BoardOption = { id: string; name: string; image_count: number; cover_url: string | null };

/** Every board (none when the list cannot be read). */
export async function listBoards(): Promise<BoardOption[]> {
  const response = await fetch('/api/v1/boards');
  return response.ok ? ((await response.json()) as { data: BoardOption[] }).data : [];
}

/** Adds images at the end of a board: null when done, else what went wrong. */
export async function addToBoard(boardId: string, imageIds: string[]): Promise<ApiFailure | null> {
  const response = await fetch(`/api/v1/boards/${boardId}/images`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ image_ids: imageIds }) });
  return response.ok ? null : readApiFailure(response);
}

/** Makes a board of these images: the board, or what went wrong. */
export async function newBoard(name: string, imageIds: string[]): Promise<{ id: string; name: string } | { problem: ApiFailure }> {
  const response = await fetch('/api/v1/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, image_ids: imageIds }) });
  return response.ok ? ((await response.json()) as { id: string; name: string }) : { problem: await readApiFailure(response) };
}
