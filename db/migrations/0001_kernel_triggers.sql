-- Territory path and depth come from the parent, for every insert (API, seed, bulk generator alike).
CREATE OR REPLACE FUNCTION territories_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE parent_path text; parent_depth smallint;
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.path := '/' || NEW.id || '/';
    NEW.depth := 0;
  ELSE
    SELECT path, depth INTO parent_path, parent_depth FROM territories WHERE id = NEW.parent_id;
    IF parent_path IS NULL THEN
      RAISE EXCEPTION 'territory parent % does not exist', NEW.parent_id USING ERRCODE = '23503';
    END IF;
    NEW.path := parent_path || NEW.id || '/';
    NEW.depth := parent_depth + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER territories_set_path BEFORE INSERT ON territories
  FOR EACH ROW EXECUTE FUNCTION territories_set_path();
--> statement-breakpoint
-- A node never moves: its path is copied into scoped records, so a changed parent would break their scope.
CREATE OR REPLACE FUNCTION territories_keep_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.path <> OLD.path OR NEW.id <> OLD.id THEN
    RAISE EXCEPTION 'territory % cannot be moved', OLD.id USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER territories_keep_path BEFORE UPDATE ON territories
  FOR EACH ROW EXECUTE FUNCTION territories_keep_path();
--> statement-breakpoint
-- The audit log is append-only: nothing in the product (or a stray UPDATE) edits or deletes it.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
