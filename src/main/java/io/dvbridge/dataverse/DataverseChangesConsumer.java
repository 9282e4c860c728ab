package io.dvbridge.dataverse;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code dataverse:changes/<entity set>}: each poll reads the table's changes from the saved position until the
 * page carrying the delta link has been delivered, one exchange per page (the rows in the body, the deleted ids
 * and the position after the page in headers). With readAhead (the default) the next page is read on a background
 * thread while the route processes the current one, so at most two pages are held; otherwise one. A page whose
 * exchange fails ends the poll without advancing the position (the page read ahead is discarded), so the next poll
 * replays that page. When Dataverse refuses the saved
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
    /** Reads the page after the one being processed; null without readAhead. */
    private ExecutorService readAhead;

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
        if (configuration.isReadAhead()) {
            readAhead = endpoint.getCamelContext().getExecutorServiceManager()
                    .newSingleThreadExecutor(this, "DataverseChangesReadAhead");
        }
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (readAhead != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(readAhead);
            readAhead = null;
        }
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
        Future<ChangePage> ahead = null; // the page at position, already being read
        try {
            while (isRunAllowed()) {
                ChangePage page;
                try {
                    page = ahead != null ? awaitPage(ahead) : changePage(position);
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
                } finally {
                    ahead = null;
                }
                pages++;
                String following = page.nextLink().or(page::deltaLink).orElseThrow(() -> new DataverseException(200, "",
                        "A change-tracking page came with neither a nextLink nor a deltaLink", "changes", entitySet, "", null));
                ChangePosition after = position.then(following);
                if (readAhead != null && !page.last()) {
                    ahead = readAhead.submit(() -> changePage(after));
                }
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
        } finally {
            if (ahead != null) {
                ahead.cancel(true); // the poll ends before that page: the next poll reads it again from the saved position
            }
        }
    }

    private ChangePage changePage(ChangePosition position) {
        return client.changePage(endpoint.getTarget(), position.link(), configuration.getMaxPageSize(),
                Optional.ofNullable(configuration.getIncludeAnnotations()).filter(a -> !a.isBlank()));
    }

    /** The page read ahead, or the exception reading it threw, as if it had been read on this thread. */
    private static ChangePage awaitPage(Future<ChangePage> ahead) throws Exception {
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            ahead.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
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
