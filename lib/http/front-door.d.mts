import type { BlockList } from 'node:net';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export declare const DOOR_HEADER: 'x-studio-front-door';
export declare const ADDRESS_HEADER: 'x-studio-client-address';
export declare const ORIGIN_HEADER: 'x-studio-origin';
export declare const DOOR_SECRET_ENV: 'STUDIO_FRONT_DOOR_SECRET';
export declare const HOST: RegExp;

export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList };
export type RequestFacts = { clientAddress: string; proto: 'http' | 'https'; host: string; origin: string | null; trusted: number };

export declare function parseTrustedProxies(value: string | undefined): TrustedProxies;
export declare function resolveRequestFacts(
  connection: { remoteAddress: string | undefined; encrypted?: boolean; headers: IncomingHttpHeaders },
  trust: TrustedProxies,
): RequestFacts;
export declare function createFrontDoor(env?: Record<string, string | undefined>): { trust: TrustedProxies; apply(req: IncomingMessage): RequestFacts };
