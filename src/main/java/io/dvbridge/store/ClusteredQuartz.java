package io.dvbridge.store;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.utils.DBConnectionManager;

import java.util.Properties;

/**
 * Quartz settings for a clustered JDBC job store in the state store: every instance that uses the same scheduler
 * name and store shares the schedules, and each tick fires on one instance only. Give the result to a
 * {@code StdSchedulerFactory} (or camel-quartz's {@code properties}) after adding the thread pool's size.
 */
public final class ClusteredQuartz {

    private ClusteredQuartz() {
    }

    /**
     * Registers the store's pool with Quartz (its connection providers are looked up by name, JVM-wide) and returns
     * the job store properties: JobStoreTX, the dialect's delegate, {@code isClustered=true} and
     * {@code instanceId=AUTO} (host name and start time: one per process).
     */
    public static Properties properties(StateStore store, String schedulerName) {
        String dataSource = "dvbridge-state-" + store.instanceId();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new QuartzConnections(store.dataSource()));
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", store.dialect().quartzDelegateClass());
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        // Acquire the next triggers under the cluster's row lock: without it two instances starting together can both
        // acquire the first tick (seen in QuartzOnPostgresTest); Quartz turns it on by itself only for batch acquisition.
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return properties;
    }
}
