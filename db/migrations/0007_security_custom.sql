-- issue 18 (docs/decisions/017-audit-chain.md): the audit log cannot be emptied either. Row triggers do not fire on
-- TRUNCATE, so a statement trigger refuses it. A superuser role cannot be denied by REVOKE; this trigger holds for
-- it too (only a session in replica mode, which needs superuser rights and is what the test reset uses, skips it).
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- 三员分立 held by the database (issue 18, point 1): no account holds two of the three admin roles, nor an admin
-- role together with any other role.
CREATE OR REPLACE FUNCTION accounts_separate_duties() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE admins int;
BEGIN
  SELECT count(*) INTO admins FROM unnest(NEW.roles) r WHERE r IN ('sysAdmin', 'securityAdmin', 'auditAdmin');
  IF admins > 1 OR (admins = 1 AND cardinality(NEW.roles) > 1) THEN
    RAISE EXCEPTION 'account % would hold separated duties together: %', NEW.id, NEW.roles USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER accounts_separate_duties BEFORE INSERT OR UPDATE OF roles ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_separate_duties();
