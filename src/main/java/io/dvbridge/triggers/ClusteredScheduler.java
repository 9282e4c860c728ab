package io.dvbridge.triggers;

import io.dvbridge.store.ClusteredQuartz;
import io.dvbridge.store.StateStore;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

import java.util.Properties;

/**
 * The Quartz scheduler of {@code dvbridge run}: a clustered JDBC job store in the state store, so instances
 * sharing one PostgreSQL fire each schedule once per tick (the same scheduler name everywhere, instance id
 * AUTO; Quartz needs the instances' clocks in sync). A tick missed by more than the misfire threshold while
 * no instance was up fires once when one comes back (the cron trigger's smart policy), not once per missed tick.
 */
final class ClusteredScheduler {

    private ClusteredScheduler() {
    }

    static Scheduler create(StateStore store, String name, int threads) {
        Properties quartz = ClusteredQuartz.properties(store, name);
        quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        quartz.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        try {
            return new StdSchedulerFactory(quartz).getScheduler();
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler could not start on the state store: " + e.getMessage(), e);
        }
    }
}
