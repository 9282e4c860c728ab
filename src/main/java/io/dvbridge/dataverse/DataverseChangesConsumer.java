package io.dvbridge.dataverse;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * {@code dataverse:changes/<entity set>}: each poll reads the table's changes from the saved position until the
 * page carrying the delta link has been delivered, one exchange per page (the rows in the body, the deleted ids
 * and the position after the page in headers), holding one page at a time. A page whose exchange fails ends the
 * poll without advancing the position, so the next poll replays that page. When Dataverse refuses the saved
 * position (expired or invalid token), the position is cleared and a full sync starts in the same poll, its
 * pages flagged as a resync.
 */
final class DataverseChangesConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DataverseChangesConsumer.class);

    private final DataverseEndpoint endpoint;
    private final DataverseConfiguration configuration;
    private String environment;
    private String key;
    private DataverseClient client;

    DataverseChangesConsumer(DataverseEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        String uri = "dataverse:changes/" + endpoint.getTarget();
        environment = configuration.configuredEnvironment()
                .orElseThrow(() -> new IllegalArgumentException(uri + " needs the environment option"));
        if (configuration.selectList().isEmpty()) {
            throw new IllegalArgumentException(uri + " needs the select option: the columns to read");
        }
        if (configuration.getCheckpoints() == null) {
            throw new IllegalArgumentException(uri + " needs the checkpoints option: #name of a ChangeCheckpoints bean");
        }
        key = Optional.ofNullable(configuration.getCheckpointKey()).filter(k -> !k.isBlank())
                .orElse(environment + "/" + endpoint.getTarget());
        client = endpoint.client(environment);
        client.changesUrl(endpoint.getTarget(), configuration.selectList());
        super.doStart();
    }

    @Override
    protected int poll() throws Exception {
        ChangeCheckpoints checkpoints = configuration.getCheckpoints();
        String entitySet = endpoint.getTarget();
        ChangePosition position = checkpoints.load(key).map(ChangePosition::parse).orElseGet(() -> fullSync(false));
        boolean restarted = false;
        if (!client.ownLink(position.link())) {
            // saved against another address of the environment (its URL changed in configuration, or a sandbox restarted
            // on a new port): the token means nothing here, and the link is never followed to a host not configured
            LOG.warn("Change tracking of {} ({}): the saved position points at another host; starting a full resync", entitySet, key);
            checkpoints.clear(key);
            position = fullSync(true);
            restarted = true;
        }
        int pages = 0;
        while (isRunAllowed()) {
            ChangePage page;
            try {
                page = client.changePage(entitySet, position.link(), configuration.getMaxPageSize(),
                        Optional.ofNullable(configuration.getIncludeAnnotations()).filter(a -> !a.isBlank()));
            } catch (DataverseException e) {
                if (restarted || !ChangePage.positionRefused(e)) {
                    throw e;
                }
                LOG.warn("Change tracking of {} ({}): Dataverse refused the saved position ({} {}); starting a full resync",
                        entitySet, key, e.errorCode(), e.remoteMessage());
                checkpoints.clear(key);
                position = fullSync(true);
                restarted = true;
                continue;
            }
            pages++;
            String following = page.nextLink().or(page::deltaLink).orElseThrow(() -> new DataverseException(200, "",
                    "A change-tracking page came with neither a nextLink nor a deltaLink", "changes", entitySet, "", null));
            ChangePosition after = position.then(following);
            Exchange exchange = createExchange(false);
            try {
                describe(exchange.getMessage(), page, position, after, pages);
                try {
                    getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Page " + pages + " of the changes of " + entitySet + " (" + key
                            + ") failed; the next poll reads it again", exchange, exchange.getException());
                    return pages;
                }
            } finally {
                releaseExchange(exchange, false);
            }
            if (configuration.isAutoCommit()) {
                checkpoints.save(key, after.text());
            }
            if (page.last()) {
                return pages;
            }
            position = after;
        }
        return pages;
    }

    private ChangePosition fullSync(boolean resync) {
        return new ChangePosition(client.changesUrl(endpoint.getTarget(), configuration.selectList()), resync);
    }

    private void describe(Message message, ChangePage page, ChangePosition position, ChangePosition after, int number) {
        message.setBody(page.rows());
        message.setHeader(DataverseConstants.DELETED_IDS, page.deletedIds());
        message.setHeader(DataverseConstants.CHANGES_POSITION, after.text());
        message.setHeader(DataverseConstants.CHANGES_LAST, page.last());
        message.setHeader(DataverseConstants.CHANGES_INITIAL, position.initial());
        message.setHeader(DataverseConstants.CHANGES_RESYNC, position.resync());
        message.setHeader(DataverseConstants.CHANGES_KEY, key);
        message.setHeader(DataverseConstants.ENTITY_SET, endpoint.getTarget());
        message.setHeader(DataverseConstants.CHANGES_PAGE, number);
    }
}
