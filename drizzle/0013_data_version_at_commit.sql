-- The territory's data version (decision 0012) moves when an audited change commits, not when it is
-- audited: the territory row is locked only at commit, after every other row the transaction
-- locked, so two writes can no longer wait for each other through it (deadlock). Moved once per
-- transaction and territory; an audit row without a territory (an account's change) moves every
-- territory's, locked in the order of their ids.
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	moved text := 'mixite.data_version_' || coalesce(NEW.territory_id::text, 'all');
BEGIN
	IF current_setting(moved, true) = 'yes' OR current_setting('mixite.data_version_all', true) = 'yes' THEN
		RETURN NULL;
	END IF;
	PERFORM set_config(moved, 'yes', true);
	UPDATE territories SET data_version = data_version + 1
	WHERE id IN (
		SELECT id FROM territories
		WHERE (NEW.territory_id IS NULL AND current_setting('mixite.data_version_' || id, true) IS DISTINCT FROM 'yes') OR id = NEW.territory_id
		ORDER BY id FOR NO KEY UPDATE
	);
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_data_version AFTER INSERT ON audit_events
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version();
