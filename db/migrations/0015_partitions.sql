-- Monthly partitions of the audit log and the order timelines (decision 051). drizzle-kit cannot express
-- PARTITION BY: the schema files describe the columns and the (id, at) keys, this file converts the tables.
-- Self-contained: it only renames, recreates and copies; the audit chain's columns and logic are unchanged.

-- One month's partition of a table partitioned by range of "at", in China time (UTC+8, no DST):
-- <parent>_pYYYYMM for [month start, next month start). Idempotent; servers starting together take turns.
-- Rows of that month already caught by the DEFAULT partition are moved: the default is detached, the month
-- created, a new default created, the old default's rows inserted again through the parent (they land in the
-- right partitions, ids and hashes unchanged) and the old default dropped — no row is UPDATEd or DELETEd, so the
-- audit log's append-only triggers never fire. A statement-level TRUNCATE trigger of the parent is copied onto
-- every new partition (PostgreSQL clones row triggers to partitions, not TRUNCATE triggers).
CREATE OR REPLACE FUNCTION gz_month_partition(parent text, month date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', month)::date;
  lo timestamptz := (m::text || ' 00:00:00+08')::timestamptz;
  hi timestamptz := ((m + interval '1 month')::date::text || ' 00:00:00+08')::timestamptz;
  part text := parent || '_p' || to_char(m, 'YYYYMM');
  def text := parent || '_default';
  moving boolean := false;
  t record;
BEGIN
  PERFORM pg_advisory_xact_lock(727277, hashtext(parent));
  IF to_regclass(quote_ident(part)) IS NOT NULL THEN
    RETURN false;
  END IF;
  IF to_regclass(quote_ident(def)) IS NOT NULL THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE at >= $1 AND at < $2)', def) INTO moving USING lo, hi;
  END IF;
  IF moving THEN
    EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, def);
    EXECUTE format('ALTER TABLE %I RENAME TO %I', def, def || '_moving');
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent, lo, hi);
  IF moving THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', def, parent);
  END IF;
  FOR t IN
    SELECT tgname, tgfoid::regproc::text AS fn FROM pg_trigger
     WHERE tgrelid = parent::regclass AND NOT tgisinternal AND (tgtype & 32) <> 0 AND (tgtype & 2) <> 0
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION %s()', t.tgname, part, t.fn);
    IF moving THEN
      EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION %s()', t.tgname, def, t.fn);
    END IF;
  END LOOP;
  IF moving THEN
    EXECUTE format('INSERT INTO %I OVERRIDING SYSTEM VALUE SELECT * FROM %I', parent, def || '_moving');
    EXECUTE format('DROP TABLE %I', def || '_moving');
  END IF;
  RETURN true;
END $$;
--> statement-breakpoint
-- Partitions for every month of a table's existing rows (at most ten years back; older rows stay in DEFAULT) and
-- this month and the next three.
CREATE OR REPLACE FUNCTION gz_month_partitions_from(parent text, since timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', (coalesce(since, now()) + interval '8 hours') AT TIME ZONE 'UTC')::date;
  last date := date_trunc('month', (now() + interval '8 hours') AT TIME ZONE 'UTC')::date + interval '3 months';
  m date;
  n integer := 0;
BEGIN
  first := greatest(least(first, last), (last - interval '123 months')::date);
  m := first;
  WHILE m <= last LOOP
    IF gz_month_partition(parent, m) THEN n := n + 1; END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN n;
END $$;
--> statement-breakpoint
-- ---- audit_log ----------------------------------------------------------------------------------------------
ALTER TABLE "audit_log" RENAME TO "audit_log_unpartitioned";--> statement-breakpoint
ALTER SEQUENCE "audit_log_id_seq" RENAME TO "audit_log_unpartitioned_id_seq";--> statement-breakpoint
ALTER TABLE "audit_log_unpartitioned" RENAME CONSTRAINT "audit_log_pkey" TO "audit_log_unpartitioned_pkey";--> statement-breakpoint
DROP INDEX "audit_log_at_idx";--> statement-breakpoint
DROP INDEX "audit_log_object_idx";--> statement-breakpoint
DROP INDEX "audit_log_actor_idx";--> statement-breakpoint
DROP INDEX "audit_log_scope_idx";--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"actor_territory_id" integer,
	"actor_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"scope_path" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"request_id" text,
	"prev_hash" text,
	"hash" text,
	CONSTRAINT "audit_log_id_at_pk" PRIMARY KEY("id","at")
) PARTITION BY RANGE ("at");--> statement-breakpoint
CREATE TABLE "audit_log_default" PARTITION OF "audit_log" DEFAULT;--> statement-breakpoint
-- The append-only guards of 0001 and 0007, on the parent: PostgreSQL clones the row trigger to every partition;
-- the TRUNCATE trigger is copied onto each partition by gz_month_partition (and here onto the default).
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log_default
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint
SELECT gz_month_partitions_from('audit_log', (SELECT min("at") FROM "audit_log_unpartitioned"));--> statement-breakpoint
INSERT INTO "audit_log" ("id", "at", "actor_id", "actor_name", "actor_territory_id", "actor_roles", "action",
  "object_type", "object_id", "scope_path", "before", "after", "ip", "request_id", "prev_hash", "hash")
  OVERRIDING SYSTEM VALUE
  SELECT "id", "at", "actor_id", "actor_name", "actor_territory_id", "actor_roles", "action", "object_type",
    "object_id", "scope_path", "before", "after", "ip", "request_id", "prev_hash", "hash"
  FROM "audit_log_unpartitioned" ORDER BY "id";--> statement-breakpoint
SELECT setval('"audit_log_id_seq"', coalesce((SELECT max("id") FROM "audit_log"), 0) + 1, false);--> statement-breakpoint
DROP TABLE "audit_log_unpartitioned";--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_object_idx" ON "audit_log" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_scope_idx" ON "audit_log" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
-- ---- order_events -------------------------------------------------------------------------------------------
-- order_attachments.event_id keeps its value but loses its foreign key: a key to a partitioned table must name the
-- whole primary key (id, at).
ALTER TABLE "order_attachments" DROP CONSTRAINT "order_attachments_event_id_order_events_id_fk";--> statement-breakpoint
ALTER TABLE "order_events" RENAME TO "order_events_unpartitioned";--> statement-breakpoint
ALTER SEQUENCE "order_events_id_seq" RENAME TO "order_events_unpartitioned_id_seq";--> statement-breakpoint
ALTER TABLE "order_events_unpartitioned" RENAME CONSTRAINT "order_events_pkey" TO "order_events_unpartitioned_pkey";--> statement-breakpoint
DROP INDEX "order_events_order_idx";--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" integer,
	"actor_name" text,
	"note" text,
	"data" jsonb,
	CONSTRAINT "order_events_id_at_pk" PRIMARY KEY("id","at")
) PARTITION BY RANGE ("at");--> statement-breakpoint
CREATE TABLE "order_events_default" PARTITION OF "order_events" DEFAULT;--> statement-breakpoint
SELECT gz_month_partitions_from('order_events', (SELECT min("at") FROM "order_events_unpartitioned"));--> statement-breakpoint
INSERT INTO "order_events" ("id", "order_id", "at", "action", "from_status", "to_status", "actor_id", "actor_name",
  "note", "data")
  OVERRIDING SYSTEM VALUE
  SELECT "id", "order_id", "at", "action", "from_status", "to_status", "actor_id", "actor_name", "note", "data"
  FROM "order_events_unpartitioned";--> statement-breakpoint
SELECT setval('"order_events_id_seq"', coalesce((SELECT max("id") FROM "order_events"), 0) + 1, false);--> statement-breakpoint
DROP TABLE "order_events_unpartitioned";--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","at");--> statement-breakpoint
-- ---- audit_retention: what retention dropped (decision 051), append-only like the log ---------------------------
CREATE TABLE "audit_retention" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_retention_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dropped_at" timestamp with time zone NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"partitions" text[] NOT NULL,
	"rows" bigint NOT NULL,
	"last_id" bigint,
	"anchor_hash" text,
	"keep_days" integer NOT NULL
);--> statement-breakpoint
CREATE TRIGGER audit_retention_append_only BEFORE UPDATE OR DELETE ON audit_retention
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER audit_retention_no_truncate BEFORE TRUNCATE ON audit_retention
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
