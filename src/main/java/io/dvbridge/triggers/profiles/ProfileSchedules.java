package io.dvbridge.triggers.profiles;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * The continuous sync of active profiles: one Quartz job and trigger per profile in the clustered scheduler of
 * {@code dvbridge run}, so the schedule lives in the state store beside the profile, every instance sharing it
 * sees it, each tick fires on one instance, and a sync still running is not overlapped ({@link ProfileSyncJob}).
 */
final class ProfileSchedules {

    static final String GROUP = "dvbridge-profiles";
    /** Where the fired job finds this process's profile service (the scheduler context is per process). */
    static final String SERVICE = "dvbridgeExportProfiles";

    private final Scheduler scheduler;

    ProfileSchedules(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void register(ExportProfileService service) {
        try {
            scheduler.getContext().put(SERVICE, service);
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler refused the profile service: " + e.getMessage(), e);
        }
    }

    /**
     * Schedules (or re-schedules, when the interval changed) a profile's sync every {@code interval}, the first now. A
     * tick missed while no instance was up is skipped, not caught up: the next sync reads every change anyway.
     */
    void schedule(String profile, Duration interval) {
        try {
            Optional<Duration> current = interval(profile);
            if (current.isPresent() && current.get().equals(interval)) {
                return;
            }
            JobDetail job = JobBuilder.newJob(ProfileSyncJob.class).withIdentity(JobKey.jobKey(profile, GROUP))
                    .usingJobData(ProfileSyncJob.PROFILE, profile).requestRecovery(false).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(profile, GROUP)).forJob(job).startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Profile " + profile + " could not be scheduled: " + e.getMessage(), e);
        }
    }

    /** Removes a profile's sync; nothing to do when it has none. */
    void unschedule(String profile) {
        try {
            scheduler.deleteJob(JobKey.jobKey(profile, GROUP));
        } catch (SchedulerException e) {
            // the sync itself, or another instance, may have removed it a moment ago: gone is what was wanted
            if (scheduled(profile)) {
                throw new IllegalStateException("Profile " + profile + "'s schedule could not be removed: " + e.getMessage(), e);
            }
        }
    }

    /** When the profile's next sync fires; empty when it has no schedule. */
    Optional<Instant> nextSync(String profile) {
        try {
            return Optional.ofNullable(scheduler.getTrigger(TriggerKey.triggerKey(profile, GROUP))).map(Trigger::getNextFireTime)
                    .map(Date::toInstant);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Profile " + profile + "'s schedule could not be read: " + e.getMessage(), e);
        }
    }

    boolean scheduled(String profile) {
        try {
            return scheduler.checkExists(JobKey.jobKey(profile, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Profile " + profile + "'s schedule could not be read: " + e.getMessage(), e);
        }
    }

    private Optional<Duration> interval(String profile) throws SchedulerException {
        return Optional.ofNullable(scheduler.getTrigger(TriggerKey.triggerKey(profile, GROUP)))
                .filter(t -> t instanceof org.quartz.SimpleTrigger).map(t -> Duration.ofMillis(((org.quartz.SimpleTrigger) t).getRepeatInterval()));
    }

    void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler could not start: " + e.getMessage(), e);
        }
    }

    void shutdown() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler could not stop: " + e.getMessage(), e);
        }
    }
}
