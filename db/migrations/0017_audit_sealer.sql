ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
CREATE INDEX "audit_log_chain_seq_idx" ON "audit_log" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE "audit_log"."hash" is null;--> statement-breakpoint
-- Decision 052: writers insert audit rows unsealed; the sealer (src/kernel/audit/seal.ts) gives each committed row
-- its place in the chain and its hashes, once. The guard still refuses every UPDATE, DELETE and TRUNCATE except that
-- one step: the three chain columns going from NULL to a value, every other column unchanged.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- audit_retention shares this guard and has no chain columns: only audit_log's rows (any partition) may be sealed.
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME LIKE 'audit\_log%' THEN
    IF OLD.hash IS NULL AND OLD.prev_hash IS NULL AND OLD.chain_seq IS NULL
     AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.chain_seq IS NOT NULL
     AND (to_jsonb(NEW) - 'hash' - 'prev_hash' - 'chain_seq') = (to_jsonb(OLD) - 'hash' - 'prev_hash' - 'chain_seq')
    THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
-- Only the sealer hashes: a row cannot be slipped in already sealed.
CREATE OR REPLACE FUNCTION audit_log_insert_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.hash IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.chain_seq IS NOT NULL)
     AND coalesce(current_setting('gz.partition_move', true), '') <> 'on' THEN
    RAISE EXCEPTION 'audit_log rows are sealed by the sealer only' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_insert_unsealed BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_insert_unsealed();
--> statement-breakpoint
-- A month's partition created after its rows landed in DEFAULT (decision 051) moves them by INSERT: sealed rows
-- keep their hashes, so the insert guard above is told of the move.
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
    -- Sealed audit rows move with their hashes: the insert guard lets them through during this move only.
    PERFORM set_config('gz.partition_move', 'on', true);
    EXECUTE format('INSERT INTO %I OVERRIDING SYSTEM VALUE SELECT * FROM %I', parent, def || '_moving');
    PERFORM set_config('gz.partition_move', 'off', true);
    EXECUTE format('DROP TABLE %I', def || '_moving');
  END IF;
  RETURN true;
END $$;
