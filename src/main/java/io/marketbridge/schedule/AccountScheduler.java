package io.marketbridge.schedule;

import io.marketbridge.cluster.ClusterNodes;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.config.CommonAccountKeys;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.MarketplaceConnector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.SchedulerInitTask;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Quartz job and cron trigger per account and job, created directly in the scheduler of Camel's quartz
 * component (so its properties, e.g. a clustered JDBC job store, apply). Every fire is sent to the shared route
 * {@code direct:account-job} (routes/accounts.camel.yaml) with the account's id: all accounts of a marketplace
 * share that marketplace's routes, and no Camel route is created per account, which keeps start-up linear in
 * the number of accounts (Camel checks every new route against all others).
 */
public class AccountScheduler implements SchedulerInitTask {

    /** Quartz group of every account trigger; one group so a restart can drop triggers of removed accounts. */
    public static final String GROUP = "marketbridge-accounts";
    /** The key under which a fire finds this scheduler in Quartz's (per node, in memory) scheduler context. */
    static final String CONTEXT_KEY = "marketbridge.accountScheduler";
    public static final String ENDPOINT = "direct:account-job";
    /** Exchange property: the marketplace route a fire is handed to (routes/accounts.camel.yaml). */
    public static final String TARGET_PROPERTY = "mbTarget";

    private static final Logger LOG = LoggerFactory.getLogger(AccountScheduler.class);

    private final AccountRegistry accounts;
    private final PollSlots slots;
    private final PollReport pollReport;
    private final ClusterNodes cluster;
    /** Accounts fired here that this node's configuration does not have (reported once each). */
    private final Set<String> unknownFired = ConcurrentHashMap.newKeySet();
    private CamelContext camel;
    private ProducerTemplate producer;
    private volatile Set<String> scheduled = Set.of();

    public AccountScheduler(AccountRegistry accounts, PollSlots slots, PollReport pollReport) {
        this(accounts, slots, pollReport, null);
    }

    /** With {@code cluster} non-null, the scheduler's job store is shared by the nodes of a cluster. */
    public AccountScheduler(AccountRegistry accounts, PollSlots slots, PollReport pollReport, ClusterNodes cluster) {
        this.accounts = accounts;
        this.slots = slots;
        this.pollReport = pollReport;
        this.cluster = cluster;
    }

    /** Registers with the quartz component: the jobs are scheduled once the Camel context has fully started. */
    public void install(CamelContext context) {
        this.camel = context;
        context.getComponent("quartz", QuartzComponent.class).addScheduleInitTask(this);
    }

    @Override
    public void initializeTask(Scheduler scheduler) throws Exception {
        producer = camel.createProducerTemplate();
        scheduler.getContext().put(CONTEXT_KEY, this);
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        Map<String, String> wanted = new HashMap<>();
        for (Account account : accounts.accounts()) {
            jobs.putAll(jobsOf(account, wanted));
        }
        if (cluster == null) {
            reconcile(scheduler, jobs, wanted);
        } else {
            // nodes starting at once reconcile one after the other; each then finds what the one before it wrote
            cluster.whileLocked(() -> reconcile(scheduler, jobs, wanted));
            cluster.recordAndCompare(schedules(jobs));
        }
        scheduled = Set.copyOf(wanted.values());
        LOG.info("{} account(s) scheduled ({} jobs), {} disabled by configuration error{}", scheduled.size(), jobs.size(),
                accounts.rejected().size(), accounts.rejected().isEmpty() ? "" : " (see the errors above)");
    }

    /**
     * Makes the job store's triggers those of the configuration: adds the missing ones, replaces those whose
     * schedule or route differs, removes those of accounts no longer configured or enabled, and leaves the others
     * alone (a clustered, JDBC job store keeps them across restarts, and another node may be about to fire them).
     */
    private Void reconcile(Scheduler scheduler, Map<JobDetail, Set<? extends Trigger>> jobs, Map<String, String> wanted)
            throws SchedulerException {
        int removed = 0;
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.containsKey(key.getName())) {
                scheduler.deleteJob(key);
                removed++;
                LOG.info("Trigger {} removed: its account is no longer configured or enabled", key.getName());
            }
        }
        Map<JobDetail, Set<? extends Trigger>> changed = new LinkedHashMap<>();
        int added = 0;
        for (Map.Entry<JobDetail, Set<? extends Trigger>> job : jobs.entrySet()) {
            Trigger trigger = job.getValue().iterator().next();
            Trigger stored = scheduler.getTrigger(trigger.getKey());
            if (stored == null) {
                added++;
                changed.put(job.getKey(), job.getValue());
            } else if (!sameSchedule(stored, trigger, scheduler.getJobDetail(job.getKey().getKey()), job.getKey())) {
                changed.put(job.getKey(), job.getValue());
            }
        }
        scheduler.scheduleJobs(changed, true);
        if (cluster != null && (removed > 0 || !changed.isEmpty())) {
            try {
                cluster.analyzeJobStore();
            } catch (java.sql.SQLException e) {
                LOG.warn("Could not refresh the database's statistics of the job store's tables: {}", e.getMessage());
            }
        }
        if (cluster != null) {
            LOG.info("Job store reconciled with this node's configuration: {} trigger(s) added, {} changed, {} removed, {} kept",
                    added, changed.size() - added, removed, jobs.size() - changed.size());
        }
        return null;
    }

    private static boolean sameSchedule(Trigger stored, Trigger wanted, JobDetail storedJob, JobDetail wantedJob) {
        return stored instanceof CronTrigger a && wanted instanceof CronTrigger b
                && a.getCronExpression().equals(b.getCronExpression())
                && a.getTimeZone().getID().equals(b.getTimeZone().getID())
                && a.getMisfireInstruction() == b.getMisfireInstruction()
                && storedJob != null && storedJob.getJobClass().equals(wantedJob.getJobClass())
                && storedJob.requestsRecovery() == wantedJob.requestsRecovery()
                && storedJob.getJobDataMap().equals(wantedJob.getJobDataMap());
    }

    /** job/account -> cron, time zone and route: what nodes of one cluster must agree on. */
    private static SortedMap<String, String> schedules(Map<JobDetail, Set<? extends Trigger>> jobs) {
        SortedMap<String, String> schedules = new TreeMap<>();
        jobs.forEach((job, triggers) -> {
            CronTrigger cron = (CronTrigger) triggers.iterator().next();
            schedules.put(job.getKey().getName(), cron.getCronExpression() + " " + cron.getTimeZone().getID() + " "
                    + job.getJobDataMap().getString(AccountJob.TARGET));
        });
        return schedules;
    }

    /** The jobs and triggers of one account, none when it is disabled; their names go into {@code wanted}. */
    Map<JobDetail, Set<? extends Trigger>> jobsOf(Account account, Map<String, String> wanted) {
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        if (account.enabled()) {
            MarketplaceConnector connector = accounts.connector(account);
            addJob(jobs, wanted, account, "orders", connector.ordersRoute(), account.get(CommonAccountKeys.ORDERS_SCHEDULE));
            if (connector.claimsRoute() != null && account.flag(CommonAccountKeys.CLAIMS_ENABLED)) {
                addJob(jobs, wanted, account, CursorStore.CLAIMS_JOB, connector.claimsRoute(),
                        account.get(CommonAccountKeys.CLAIMS_SCHEDULE));
            }
        }
        return jobs;
    }

    /** After a configuration reload: the accounts that now have triggers on this node. */
    void rescheduled(Set<String> accountIds) {
        scheduled = Set.copyOf(accountIds);
    }

    private static void addJob(Map<JobDetail, Set<? extends Trigger>> jobs, Map<String, String> wanted, Account account,
                               String jobName, String target, String cron) {
        String name = name(account.id(), jobName);
        JobDetail job = JobBuilder.newJob(AccountJob.class)
                .withIdentity(name, GROUP)
                .usingJobData(AccountJob.ACCOUNT, account.id())
                .usingJobData(AccountJob.JOB, jobName)
                .usingJobData(AccountJob.TARGET, target)
                // a fire running on a node that dies is run again by the node that takes over (a poll is idempotent)
                .requestRecovery(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .forJob(job)
                // a late fire runs as soon as a thread is free, once: when a cycle of many accounts runs longer
                // than the schedule, no account may starve
                .withSchedule(CronScheduleBuilder.cronSchedule(cron.trim()).inTimeZone(TimeZone.getDefault())
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        jobs.put(job, Set.of(trigger));
        wanted.put(name, account.id());
    }

    /** True when the account's job has a trigger on this node's scheduler. */
    public boolean isScheduled(String accountId) {
        return scheduled.contains(accountId);
    }

    static String name(String accountId, String job) {
        return job + "/" + accountId;
    }

    /**
     * Called by {@link AccountJob} on the Quartz thread: one poll, run to its end before the thread is free, unless
     * the account waits out a Retry-After, or is stalled and the slots of stalled accounts are taken ({@link PollSlots}):
     * then the fire is skipped.
     */
    void fire(String accountId, String job, String target) {
        Account account = accounts.find(accountId);
        if (account == null || !account.enabled()) {
            // a cluster whose nodes run different configurations: the node that started last made the triggers
            if (unknownFired.add(accountId)) {
                LOG.warn("account={} job={}: a fire came to this node, whose configuration does not have this account"
                        + " (or has it disabled); the fire is skipped. The nodes of the cluster run different account sets"
                        + " (docs/cluster.md)", accountId, job);
            }
            return;
        }
        PollSlots.Waiting waiting = slots.skipIfWaiting(accountId, job);
        if (waiting != null) {
            pollReport.skipped(camel, accountId, job, "its last poll ended on the marketplace's Retry-After; fires before "
                    + waiting.until() + " are skipped", waiting.skippedFires() == 1);
            return;
        }
        PollSlots.Ticket ticket = slots.enter(accountId, job);
        if (ticket == null) {
            pollReport.skipped(camel, accountId, job, "its last poll timed out and the " + slots.slots()
                    + " slot(s) for stalled accounts (" + PollSlots.SLOTS_PROPERTY + ") are taken or it just had its turn;"
                    + " a later fire tries again", slots.skippedFires(accountId, job) == 1);
            return;
        }
        Exchange done = null;
        try {
            done = producer.send(ENDPOINT, exchange -> {
                // the job is the target route's own (its order-poll template names it): only the account and route go
                exchange.setProperty(CursorStore.ACCOUNT_PROPERTY, accountId);
                exchange.setProperty(TARGET_PROPERTY, target);
            });
        } finally {
            slots.leave(ticket, done == null ? null : PollReport.failureOf(done));
        }
    }
}
