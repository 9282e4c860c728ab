package io.dvbridge.store;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DuplicateKeyException;

import javax.sql.DataSource;

/**
 * camel-sql's idempotent repository on the state store's CAMEL_MESSAGEPROCESSED table (created, with its primary
 * key, by the store's migrations). camel-sql looks for the id and then inserts it; when two consumers (threads or
 * instances) add the same id at once, the later insert meets the primary key and camel-sql throws. Here that
 * loser answers "already seen", as it would have a moment later, so a re-sent message is skipped rather than
 * failed and dead-lettered.
 */
public final class StoreMessageIdRepository extends JdbcMessageIdRepository {

    public StoreMessageIdRepository(DataSource dataSource, String processorName) {
        super(dataSource, processorName);
        setCreateTableIfNotExists(false);
    }

    @Override
    public boolean add(String key) {
        try {
            return super.add(key);
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
