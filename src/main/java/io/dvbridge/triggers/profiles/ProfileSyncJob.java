package io.dvbridge.triggers.profiles;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of an active profile's continuous sync, on whichever instance the clustered scheduler chose. Not
 * concurrent, on any instance: a sync that outlasts the interval delays the next one instead of overlapping it.
 */
@DisallowConcurrentExecution
public final class ProfileSyncJob implements Job {

    static final String PROFILE = "profile";
    private static final Logger LOG = LoggerFactory.getLogger("io.dvbridge.schedule");

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String profile = context.getMergedJobDataMap().getString(PROFILE);
        ExportProfileService service;
        try {
            service = (ExportProfileService) context.getScheduler().getContext().get(ProfileSchedules.SERVICE);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        if (service == null) {
            throw new JobExecutionException("Profile " + profile + ": this instance has no profile service");
        }
        try {
            service.sync(profile);
        } catch (RuntimeException e) {
            // the run's record and report say why it failed; the schedule goes on
            LOG.error("Profile {} could not sync: {}", profile, e.getMessage());
        }
    }
}
