import type { Database } from './types';

/**
 * The schema, as an append-only list: a migration once shipped is never edited, only
 * followed by another. Applied on start under an advisory lock, so instances starting
 * together apply each one once.
 */
export const MIGRATIONS: Array<{ id: number; name: string; sql: string }> = [
  {
    id: 1,
    name: 'gallery images and share links',
    sql: `
      create table images (
        id text primary key,
        -- Milliseconds, as JavaScript dates hold: pagination cursors round-trip exactly.
        created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
        creator text not null,
        endpoint text not null,
        model text not null,
        prompt text,
        revised_prompt text,
        options jsonb not null default '{}',
        width integer not null,
        height integer not null,
        format text not null,
        byte_size integer not null,
        blob_key text not null,
        thumb_key text not null,
        usage jsonb,
        cost_usd double precision,
        request_id text,
        parent_ids text[] not null default '{}'
      );
      create index images_newest on images (created_at desc, id desc);
      create index images_model on images (model, created_at desc);
      create index images_creator on images (creator, created_at desc);
      create index images_parents on images using gin (parent_ids);

      create table share_links (
        token text primary key,
        image_id text not null references images (id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz,
        hide_prompt boolean not null default false,
        revoked_at timestamptz
      );
      create index share_links_image on share_links (image_id);
    `,
  },
  {
    id: 2,
    name: 'content hashes, so an input image links to the gallery image it came from',
    sql: `
      alter table images add column content_sha256 text;
      create index images_content on images (content_sha256);
    `,
  },
  {
    id: 3,
    name: 'spend ledger for budgets and rate limits',
    sql: `
      create table spend_ledger (
        id bigserial primary key,
        creator text not null,
        created_at timestamptz not null default clock_timestamp(),
        day date not null default (clock_timestamp() at time zone 'utc')::date,
        estimated_usd double precision not null,
        charged_usd double precision,
        state text not null default 'reserved' check (state in ('reserved', 'charged', 'released'))
      );
      create index spend_ledger_creator_day on spend_ledger (creator, day);
      create index spend_ledger_day on spend_ledger (day);
      create index spend_ledger_recent on spend_ledger (creator, created_at);
    `,
  },
  {
    id: 4,
    name: 'personal API tokens, failed sign-ins, estimated cost per image',
    sql: `
      create table api_tokens (
        id text primary key,
        creator text not null,
        name text not null,
        token_sha256 text not null unique,
        hint text not null,
        created_at timestamptz not null default clock_timestamp(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      create index api_tokens_creator on api_tokens (creator, created_at desc);

      create table sign_in_failures (
        key text not null,
        at timestamptz not null default clock_timestamp()
      );
      create index sign_in_failures_at on sign_in_failures (at);

      alter table images add column estimated_usd double precision;
      alter table spend_ledger add column model text;
      alter table spend_ledger add column endpoint text;
      alter table share_links add column created_by text;
    `,
  },
  {
    id: 5,
    name: 'server-side sessions, people known by their identity provider, OIDC sign-ins in flight',
    sql: `
      -- A person's id is what their work is filed under (images.creator and the rest): their
      -- name in password and header modes, "oidc:<subject>" with an identity provider. This
      -- table gives the latter a name to show.
      create table people (
        id text primary key,
        name text not null,
        email text,
        updated_at timestamptz not null default clock_timestamp()
      );

      create table sessions (
        id text primary key,
        token_sha256 text not null unique,
        person_id text not null,
        name text not null,
        -- Verified by the identity provider (OIDC only): STUDIO_ADMINS may name people by it.
        email text,
        -- Which sign-in made it: a session is honoured only while this still matches the
        -- configuration (a new team password or another provider signs everyone out).
        realm text not null,
        user_agent text,
        address text,
        created_at timestamptz not null default clock_timestamp(),
        last_seen_at timestamptz not null default clock_timestamp(),
        expires_at timestamptz not null,
        ended_at timestamptz
      );
      create index sessions_person on sessions (person_id, last_seen_at desc);
      create index sessions_expiry on sessions (expires_at);

      -- An OIDC sign-in between the redirect to the provider and its callback: single use.
      create table oidc_logins (
        id_sha256 text primary key,
        state text not null,
        nonce text not null,
        code_verifier text not null,
        return_to text not null,
        created_at timestamptz not null default clock_timestamp()
      );
    `,
  },
  {
    id: 6,
    name: 'runs that outlive the request: the queue, leases, and their event log',
    sql: `
      create table runs (
        id text primary key,
        creator text not null,
        -- The name shown for the creator when the run was made.
        creator_name text not null,
        status text not null check (status in ('queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted')),
        endpoint text not null,
        model text not null,
        prompt text,
        options jsonb not null default '{}',
        n integer not null default 1,
        estimated_usd double precision,
        cost_usd double precision,
        ledger_id bigint,
        -- Runs sent together (compare, batch) share a group, in their order.
        group_id text,
        group_kind text,
        group_index integer,
        -- The instance executing the run, and until when it vouches for it (renewed while it
        -- lives): past its lease, any instance marks the run interrupted.
        instance_id text not null,
        lease_until timestamptz not null,
        cancel_requested boolean not null default false,
        error jsonb,
        gallery_ids text[] not null default '{}',
        last_seq integer not null default 0,
        created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
        started_at timestamptz,
        finished_at timestamptz
      );
      create index runs_creator on runs (creator, created_at desc, id desc);
      create index runs_queue on runs (created_at, id) where status in ('queued', 'running');
      create index runs_group on runs (group_id, group_index) where group_id is not null;

      -- Each run's events in order (seq from 1). Partial images are kept while a run is
      -- young, for watchers on other instances and late arrivals; completed images are
      -- stored without their bytes, which the gallery keeps.
      create table run_events (
        run_id text not null references runs (id) on delete cascade,
        seq integer not null,
        type text not null,
        data text not null,
        primary key (run_id, seq)
      );
    `,
  },
  {
    id: 7,
    name: 'boards, picks and comments; share links that open a board',
    sql: `
      create table boards (
        id text primary key,
        name text not null,
        description text,
        owner text not null,
        -- Chosen by the owner; otherwise the board's first image is its cover.
        cover_image_id text references images (id) on delete set null,
        created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
        updated_at timestamptz not null default clock_timestamp()
      );
      create index boards_updated on boards (updated_at desc);

      -- A board's images in its order. Deleting an image takes it off every board; deleting
      -- a board never deletes its images.
      create table board_images (
        board_id text not null references boards (id) on delete cascade,
        image_id text not null references images (id) on delete cascade,
        position integer not null,
        added_by text not null,
        added_at timestamptz not null default clock_timestamp(),
        primary key (board_id, image_id)
      );
      create index board_images_order on board_images (board_id, position);
      create index board_images_image on board_images (image_id);

      -- Each person's picks (stars).
      create table picks (
        image_id text not null references images (id) on delete cascade,
        person text not null,
        created_at timestamptz not null default clock_timestamp(),
        primary key (image_id, person)
      );
      create index picks_person on picks (person, created_at desc);

      create table comments (
        id text primary key,
        image_id text not null references images (id) on delete cascade,
        author text not null,
        body text not null check (char_length(body) between 1 and 2000),
        created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
        edited_at timestamptz
      );
      create index comments_image on comments (image_id, created_at);

      -- One table of share links: each opens one image or one board.
      alter table share_links alter column image_id drop not null;
      alter table share_links add column board_id text references boards (id) on delete cascade;
      alter table share_links add column allow_download boolean not null default true;
      alter table share_links add constraint share_links_one_target check ((image_id is null) <> (board_id is null));
      create index share_links_board on share_links (board_id);
    `,
  },
  {
    id: 8,
    name: "a board's image count kept with the board; its order read straight from an index",
    sql: `
      -- Counting a 500-image board on every read cost more than the rest of its page's
      -- queries together (embedded PostgreSQL runs them in WebAssembly); a trigger keeps the
      -- count in the same transaction as every add and removal, whoever makes it.
      alter table boards add column image_count integer not null default 0;
      update boards b set image_count = (select count(*) from board_images bi where bi.board_id = b.id);
      create function board_images_count() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          update boards set image_count = image_count + 1 where id = new.board_id;
        else
          update boards set image_count = image_count - 1 where id = old.board_id;
        end if;
        return null;
      end $$;
      create trigger board_images_count after insert or delete on board_images
        for each row execute function board_images_count();

      -- The page of a board is its first images in (position, added_at) order.
      drop index board_images_order;
      create index board_images_order on board_images (board_id, position, added_at);
    `,
  },
  {
    id: 9,
    name: 'an edit keeps the markup layer it was sent with',
    sql: `
      -- The layer is kept as an input image (like the edit's source); deleting it leaves the edit.
      alter table images add column markup_id text references images (id) on delete set null;
    `,
  },
];

const LOCK_KEY = 724_311_901; // arbitrary, fixed: "image studio migrations"

export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query('create table if not exists schema_migrations (id integer primary key, name text not null, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ id: number }>('select id from schema_migrations')).rows.map((r) => r.id));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}
