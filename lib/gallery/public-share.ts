import 'server-only';
import { findBoard } from '../boards/store';
import { SHARE_TOKEN } from './ids';
import { gallery } from './instance';
import { boardImageRecords } from './repository';
import { liveShare, openShare } from './shares';

/** What a public share link may show, or null (unknown, revoked, expired: all alike). */
export async function sharedImage(token: string) {
  if (!SHARE_TOKEN.test(token)) return null;
  return openShare((await gallery()).db, token);
}

/** A live board link: the board and its images in order, as they are now. */
export async function sharedBoard(token: string) {
  if (!SHARE_TOKEN.test(token)) return null;
  const { db } = await gallery();
  const share = await liveShare(db, token);
  if (!share?.boardId) return null;
  const board = await findBoard(db, share.boardId);
  return board ? { share, board, images: await boardImageRecords(db, board.id) } : null;
}

/** One image behind a live board link, only while it is on the board. */
export async function sharedBoardImage(token: string, imageId: string) {
  const opened = await sharedBoard(token);
  const image = opened?.images.find((i) => i.id === imageId);
  return opened && image ? { ...opened, image } : null;
}
