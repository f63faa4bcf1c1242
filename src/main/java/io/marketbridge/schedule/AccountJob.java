package io.marketbridge.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * A fire of one account's trigger. Its job data (account, job, target route) is plain strings, so a JDBC job
 * store can persist it. Never concurrent for one account and job: a poll that runs long is not overlapped by
 * the next fire.
 */
@DisallowConcurrentExecution
public class AccountJob implements Job {

    static final String ACCOUNT = "account";
    static final String JOB = "job";
    static final String TARGET = "target";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        AccountScheduler scheduler;
        try {
            scheduler = (AccountScheduler) context.getScheduler().getContext().get(AccountScheduler.CONTEXT_KEY);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        if (scheduler == null) { // this node has not finished starting: the next fire will do it
            return;
        }
        // failures are handled and logged by the marketplace route (the poll line); nothing to rethrow here
        scheduler.fire(data.getString(ACCOUNT), data.getString(JOB), data.getString(TARGET));
    }
}
