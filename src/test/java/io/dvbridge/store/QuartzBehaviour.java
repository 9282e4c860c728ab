package io.dvbridge.store;

import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quartz's clustered JDBC job store on the store's tables and pool: what {@code dvbridge run} uses so that
 * several instances fire each schedule once.
 */
abstract class QuartzBehaviour extends OnDatabase {

    /** A bound on a hung test, not a measured time. */
    static final long PATIENCE_MILLIS = 60_000;
    static final String FIRES = "fires";

    /** Notes which instance fired which scheduled time. */
    public static final class NotingJob implements Job {
        @Override
        @SuppressWarnings("unchecked")
        public void execute(JobExecutionContext context) {
            try {
                Map<Date, List<String>> fires = (Map<Date, List<String>>) context.getScheduler().getContext().get(FIRES);
                fires.computeIfAbsent(context.getScheduledFireTime(), time -> new CopyOnWriteArrayList<>())
                        .add(context.getScheduler().getSchedulerInstanceId());
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void a_clustered_scheduler_on_the_store_keeps_its_schedule_in_the_tables_and_fires_it() throws Exception {
        StateStore store = open();
        String name = "dvbridge-test-" + UUID.randomUUID();
        Map<Date, List<String>> fires = new ConcurrentHashMap<>();
        Scheduler scheduler = scheduler(store, name, "AUTO", fires);
        try {
            scheduleEverySecond(scheduler);
            scheduler.start();

            awaitFires(fires, 1);

            assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
            assertThat(scheduler.getMetaData().getJobStoreClass()).isEqualTo(JobStoreTX.class);
            assertThat(rows(store, "QRTZ_CRON_TRIGGERS", name)).isEqualTo(1);
            assertThat(rows(store, "QRTZ_SCHEDULER_STATE", name)).isEqualTo(1);
        } finally {
            scheduler.shutdown(true);
        }
    }

    @Test
    void two_instances_sharing_the_store_fire_each_tick_once() throws Exception {
        String name = "dvbridge-test-" + UUID.randomUUID();
        Map<Date, List<String>> fires = new ConcurrentHashMap<>();
        // explicit instance ids: AUTO (host name + start millis) could give two schedulers built in one millisecond the same
        StateStore store = open();
        Scheduler first = scheduler(store, name, "first", fires);
        Scheduler second = scheduler(open(), name, "second", fires);
        try {
            scheduleEverySecond(first);
            first.start();
            second.start();

            awaitFires(fires, 5);
            assertThat(rows(store, "QRTZ_SCHEDULER_STATE", name)).as("both instances checked in to the cluster").isEqualTo(2);
        } finally {
            first.shutdown(true);
            second.shutdown(true);
        }

        assertThat(fires.values()).allSatisfy(instances -> assertThat(instances).hasSize(1));
    }

    private Scheduler scheduler(StateStore store, String name, String instanceId, Map<Date, List<String>> fires)
            throws SchedulerException {
        Properties properties = ClusteredQuartz.properties(store, name);
        properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        // Quartz keeps one scheduler per name in a JVM-wide registry; leaving it there would hand the second
        // "instance" the first one back. Two processes do not share that registry.
        SchedulerRepository.getInstance().remove(name);
        scheduler.getContext().put(FIRES, fires);
        return scheduler;
    }

    private static void scheduleEverySecond(Scheduler scheduler) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(NotingJob.class).withIdentity("note").build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity("every-second").forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?")).build();
        scheduler.scheduleJob(job, trigger);
    }

    private static long rows(StateStore store, String table, String schedulerName) throws SQLException {
        return count(store, "SELECT COUNT(*) FROM " + table + " WHERE SCHED_NAME = ?", schedulerName);
    }

    private static void awaitFires(Map<Date, List<String>> fires, int ticks) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (fires.size() < ticks && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(new ArrayList<>(fires.keySet())).as("scheduled times fired").hasSizeGreaterThanOrEqualTo(ticks);
    }
}
