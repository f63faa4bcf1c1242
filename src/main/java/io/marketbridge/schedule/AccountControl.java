package io.marketbridge.schedule;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.config.CommonAccountKeys;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.operations.OperationsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.SchedulerInitTask;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-account control of a running node (routes/operations.camel.yaml): the accounts and their jobs' state, pause
 * and resume (kept in MB_ACCOUNT_PAUSE and applied to the Quartz triggers), run a job now (a one-off fire of its
 * Quartz job, which never overlaps a running one), and the steps of a configuration reload. Registered with the
 * quartz component after {@link AccountScheduler}, so the stored pauses apply before the first fire.
 */
public class AccountControl implements SchedulerInitTask {

    private static final Logger LOG = LoggerFactory.getLogger(AccountControl.class);
    /** The jobs an account can have; claims only where its marketplace reads claims and the account has them on. */
    static final List<String> JOBS = List.of("orders", CursorStore.CLAIMS_JOB);

    /**
     * One job of an account as this node sees it: trigger is Quartz's own state of its trigger (NORMAL, PAUSED,
     * BLOCKED while a poll runs; null without one). Times are null where there is none yet.
     */
    public record JobState(String job, boolean scheduled, String trigger, boolean paused, boolean running, String lastResult,
                           ErrorType errorType, String lastMessage, Instant lastPollAt, Instant lastSuccess,
                           String cursor, Instant nextFire) {
    }

    /** One configured account (or one rejected at load, with the reason naming its properties). */
    public record AccountState(String account, String marketplace, boolean enabled, boolean paused, String rejected,
                               List<JobState> jobs) {
    }

    /** What a reload changed. */
    public record ReloadResult(List<String> added, List<String> changed, List<String> removed, Map<String, String> rejected) {
    }

    /** A reload between its steps: the registry read afresh and what differs from the running one. */
    public static final class ReloadPlan {
        final AccountRegistry fresh;
        final List<String> added = new ArrayList<>();
        final List<String> changed = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final Instant waitUntil;
        volatile boolean applied;

        ReloadPlan(AccountRegistry fresh, Instant waitUntil) {
            this.fresh = fresh;
            this.waitUntil = waitUntil;
        }
    }

    private final AccountRegistry accounts;
    private final AccountScheduler accountScheduler;
    private final AccountPauses pauses;
    private final PollReport pollReport;
    private final PollSlots slots;
    private final DataSource dataSource;
    private final Clock clock;
    private CamelContext camel;
    private ReloadPlan reloading;

    public AccountControl(AccountRegistry accounts, AccountScheduler accountScheduler, AccountPauses pauses,
                          PollReport pollReport, PollSlots slots, DataSource dataSource, Clock clock) {
        this.accounts = accounts;
        this.accountScheduler = accountScheduler;
        this.pauses = pauses;
        this.pollReport = pollReport;
        this.slots = slots;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Registers with the quartz component, after the account scheduler. */
    public void install(CamelContext context) {
        this.camel = context;
        context.getComponent("quartz", QuartzComponent.class).addScheduleInitTask(this);
    }

    @Override
    public void initializeTask(Scheduler scheduler) throws Exception {
        Set<AccountPauses.Pause> stored = pauses.all();
        for (Account account : accounts.accounts()) {
            applyPauses(scheduler, account.id(), stored);
        }
        if (!stored.isEmpty()) {
            LOG.info("{} pause(s) from MB_ACCOUNT_PAUSE applied: {}", stored.size(), stored.stream()
                    .map(p -> p.wholeAccount() ? p.accountId() : p.job() + "/" + p.accountId()).toList());
        }
    }

    private Scheduler scheduler() {
        return camel.getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    /** Every account, configured or rejected, with its jobs. */
    public List<AccountState> list() throws SQLException, SchedulerException {
        Scheduler scheduler = scheduler();
        Set<AccountPauses.Pause> stored = pauses.all();
        Map<String, String[]> cursors = cursors();
        Set<String> running = running(scheduler);
        List<AccountState> states = new ArrayList<>();
        for (Account account : accounts.accounts()) {
            states.add(state(scheduler, account, stored, cursors, running));
        }
        accounts.rejected().forEach((id, why) -> states.add(new AccountState(id, null, false, false, why, List.of())));
        states.sort(java.util.Comparator.comparing(AccountState::account));
        return states;
    }

    /** One account, or 404. */
    public AccountState get(@Header("account") String accountId) throws SQLException, SchedulerException {
        Account account = require(accountId);
        Scheduler scheduler = scheduler();
        return state(scheduler, account, pauses.all(), cursors(), running(scheduler));
    }

    private AccountState state(Scheduler scheduler, Account account, Set<AccountPauses.Pause> stored,
                               Map<String, String[]> cursors, Set<String> running) throws SchedulerException {
        Map<String, PollReport.Outcome> outcomes = pollReport.lastOutcomes();
        List<JobState> jobs = new ArrayList<>();
        for (String job : jobsOf(account)) {
            String name = AccountScheduler.name(account.id(), job);
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(name, AccountScheduler.GROUP));
            Trigger.TriggerState triggerState = trigger == null ? null : scheduler.getTriggerState(trigger.getKey());
            boolean paused = AccountPauses.isPaused(stored, account.id(), job) || triggerState == Trigger.TriggerState.PAUSED;
            PollReport.Outcome last = outcomes.get(account.id() + "/" + job);
            String[] cursor = cursors.get(name);
            jobs.add(new JobState(job, trigger != null, triggerState == null ? null : triggerState.name(), paused, running.contains(name),
                    last == null ? null : last.ok() ? "OK" : "FAILED", last == null ? null : last.errorType(),
                    last == null ? null : last.message(), last == null ? null : last.at(),
                    cursor == null || cursor[1] == null ? null : Instant.parse(cursor[1]),
                    cursor == null ? null : cursor[0],
                    trigger == null || paused ? null : toInstant(trigger.getNextFireTime())));
        }
        return new AccountState(account.id(), account.marketplace(), account.enabled(),
                stored.contains(new AccountPauses.Pause(account.id(), AccountPauses.WHOLE_ACCOUNT)), null, jobs);
    }

    /** Pauses the account's scheduled fires (job null or "*": every job); a running poll finishes. */
    public AccountState pause(@Header("account") String accountId, @Header("job") String job) throws SQLException, SchedulerException {
        Account account = require(accountId);
        String which = jobOrAll(account, job);
        pauses.pause(account.id(), which);
        applyPauses(scheduler(), account.id(), pauses.all());
        LOG.info("account={} {} paused by an operator", account.id(), AccountPauses.WHOLE_ACCOUNT.equals(which) ? "all jobs" : "job=" + which);
        return get(account.id());
    }

    /** Resumes what {@link #pause} paused; a job of a paused account stays paused until the account resumes. */
    public AccountState resume(@Header("account") String accountId, @Header("job") String job) throws SQLException, SchedulerException {
        Account account = require(accountId);
        String which = jobOrAll(account, job);
        Set<AccountPauses.Pause> before = pauses.all();
        if (!AccountPauses.WHOLE_ACCOUNT.equals(which) && before.contains(new AccountPauses.Pause(account.id(), AccountPauses.WHOLE_ACCOUNT))) {
            throw OperationsException.conflict("account " + account.id() + " is paused as a whole: resume the account");
        }
        pauses.resume(account.id(), which);
        applyPauses(scheduler(), account.id(), pauses.all());
        LOG.info("account={} {} resumed by an operator", account.id(), AccountPauses.WHOLE_ACCOUNT.equals(which) ? "all jobs" : "job=" + which);
        return get(account.id());
    }

    /** Fires the job once now (also when paused: an operator asked for it); it waits for a poll of it that runs. */
    public AccountState runNow(@Header("account") String accountId, @Header("job") String job) throws SQLException, SchedulerException {
        Account account = require(accountId);
        String which = jobOrAll(account, job);
        if (AccountPauses.WHOLE_ACCOUNT.equals(which)) {
            throw new OperationsException(400, "name the job to run: " + String.join(", ", jobsOf(account)));
        }
        JobKey key = JobKey.jobKey(AccountScheduler.name(account.id(), which), AccountScheduler.GROUP);
        if (!scheduler().checkExists(key)) {
            throw OperationsException.conflict("account " + account.id() + " has no " + which + " trigger on this node"
                    + (account.enabled() ? "" : " (it is disabled)"));
        }
        scheduler().triggerJob(key);
        LOG.info("account={} job={} run now by an operator", account.id(), which);
        return get(account.id());
    }

    /**
     * Pauses or resumes the account's jobs where their trigger is not in the stored state yet. Only a change is
     * written: in a clustered job store every pause or resume is a transaction under Quartz's lock, which a start
     * with thousands of accounts would otherwise take thousands of times while the other nodes fire.
     */
    private void applyPauses(Scheduler scheduler, String accountId, Set<AccountPauses.Pause> stored) throws SchedulerException {
        for (String job : JOBS) {
            String name = AccountScheduler.name(accountId, job);
            Trigger.TriggerState state = scheduler.getTriggerState(TriggerKey.triggerKey(name, AccountScheduler.GROUP));
            if (state == Trigger.TriggerState.NONE) {
                continue;
            }
            boolean isPaused = state == Trigger.TriggerState.PAUSED; // PAUSED_BLOCKED is reported as PAUSED
            boolean shouldBe = AccountPauses.isPaused(stored, accountId, job);
            if (shouldBe && !isPaused) {
                scheduler.pauseJob(JobKey.jobKey(name, AccountScheduler.GROUP));
            } else if (!shouldBe && isPaused) {
                scheduler.resumeJob(JobKey.jobKey(name, AccountScheduler.GROUP));
            }
        }
    }

    // --- configuration reload: plan (pause what changes), wait for its running polls, apply ------------------

    /**
     * Reads the property files again and compares the accounts with the running ones; the triggers of changed and
     * removed accounts are paused, so no new poll of them starts while their running polls finish.
     */
    public synchronized ReloadPlan planReload() throws SchedulerException {
        if (reloading != null) {
            throw OperationsException.conflict("a configuration reload is already running");
        }
        org.apache.camel.spi.PropertiesComponent props = camel.getPropertiesComponent();
        props.reloadProperties("*");
        AccountRegistry fresh = new AccountRegistry(accounts.connectors());
        fresh.load(props);
        ReloadPlan plan = new ReloadPlan(fresh, clock.instant().plus(slots.pollDeadline()));
        Set<String> ids = new TreeSet<>();
        accounts.accounts().forEach(a -> ids.add(a.id()));
        fresh.accounts().forEach(a -> ids.add(a.id()));
        for (String id : ids) {
            Account now = accounts.find(id);
            Account next = fresh.find(id);
            if (now == null) {
                plan.added.add(id);
            } else if (next == null) {
                plan.removed.add(id);
            } else if (!now.sameSettings(next)) {
                plan.changed.add(id);
            }
        }
        Scheduler scheduler = scheduler();
        for (String id : affected(plan)) {
            for (String job : JOBS) {
                JobKey key = JobKey.jobKey(AccountScheduler.name(id, job), AccountScheduler.GROUP);
                if (scheduler.checkExists(key)) {
                    scheduler.pauseJob(key);
                }
            }
        }
        reloading = plan;
        return plan;
    }

    /**
     * True while a poll of a changed or removed account runs on this node (the reload route waits, by Camel's
     * delay). Past the poll deadline (marketbridge.polls.deadline-ms) the reload gives up and changes nothing.
     */
    public boolean pollsRunning(@org.apache.camel.Variable("reload") ReloadPlan plan) throws SchedulerException {
        Set<String> affected = new TreeSet<>(affected(plan));
        List<String> busy = running(scheduler()).stream()
                .filter(name -> affected.contains(name.substring(name.indexOf('/') + 1))).toList();
        if (busy.isEmpty()) {
            return false;
        }
        if (clock.instant().isAfter(plan.waitUntil)) {
            throw OperationsException.conflict("polls still running after " + slots.pollDeadline().toSeconds() + " s ("
                    + String.join(", ", busy) + "); nothing was reloaded");
        }
        return true;
    }

    /** Swaps the accounts in and reschedules the added, changed and removed ones, with their stored pauses. */
    public ReloadResult applyReload(@org.apache.camel.Variable("reload") ReloadPlan plan) throws SQLException, SchedulerException {
        Scheduler scheduler = scheduler();
        for (String id : affected(plan)) {
            for (String job : JOBS) {
                scheduler.deleteJob(JobKey.jobKey(AccountScheduler.name(id, job), AccountScheduler.GROUP));
            }
        }
        accounts.replaceWith(plan.fresh);
        plan.applied = true;
        Set<AccountPauses.Pause> stored = pauses.all();
        for (String id : plan.added) {
            schedule(scheduler, id, stored);
        }
        for (String id : plan.changed) {
            schedule(scheduler, id, stored);
        }
        Set<String> scheduledIds = new TreeSet<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(AccountScheduler.GROUP))) {
            scheduledIds.add(key.getName().substring(key.getName().indexOf('/') + 1));
        }
        accountScheduler.rescheduled(scheduledIds);
        ReloadResult result = new ReloadResult(List.copyOf(plan.added), List.copyOf(plan.changed), List.copyOf(plan.removed),
                accounts.rejected());
        LOG.info("Configuration reloaded: added {}, changed {}, removed {}, rejected {}", result.added(), result.changed(),
                result.removed(), result.rejected().keySet());
        return result;
    }

    /** The reload route's last step, also when it failed: a plan not applied resumes what it paused. */
    public synchronized void reloadEnded(@org.apache.camel.Variable("reload") ReloadPlan plan) throws SQLException, SchedulerException {
        if (plan != null && !plan.applied) {
            Set<AccountPauses.Pause> stored = pauses.all();
            for (String id : affected(plan)) {
                applyPauses(scheduler(), id, stored);
            }
        }
        reloading = null;
    }

    private void schedule(Scheduler scheduler, String id, Set<AccountPauses.Pause> stored) throws SchedulerException {
        Account account = accounts.find(id);
        if (account != null) {
            scheduler.scheduleJobs(accountScheduler.jobsOf(account, new HashMap<>()), true);
            applyPauses(scheduler, id, stored);
        }
    }

    private static List<String> affected(ReloadPlan plan) {
        List<String> ids = new ArrayList<>(plan.changed);
        ids.addAll(plan.removed);
        return ids;
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private Account require(String accountId) {
        Account account = accountId == null ? null : accounts.find(accountId);
        if (account == null) {
            String rejected = accountId == null ? null : accounts.rejected().get(accountId);
            throw OperationsException.notFound(rejected != null ? "account " + accountId + " was rejected: " + rejected
                    : "no account " + accountId);
        }
        return account;
    }

    private String jobOrAll(Account account, String job) {
        if (job == null || job.isBlank() || AccountPauses.WHOLE_ACCOUNT.equals(job)) {
            return AccountPauses.WHOLE_ACCOUNT;
        }
        if (!jobsOf(account).contains(job)) {
            throw OperationsException.notFound("account " + account.id() + " has no job " + job + " (its jobs: "
                    + String.join(", ", jobsOf(account)) + ")");
        }
        return job;
    }

    private List<String> jobsOf(Account account) {
        MarketplaceConnector connector = accounts.connector(account);
        return connector.claimsRoute() != null && account.flag(CommonAccountKeys.CLAIMS_ENABLED) ? JOBS : List.of("orders");
    }

    /** Names (job/account) of the account jobs running on this node. */
    private static Set<String> running(Scheduler scheduler) throws SchedulerException {
        Set<String> names = new TreeSet<>();
        for (JobExecutionContext fire : scheduler.getCurrentlyExecutingJobs()) {
            JobKey key = fire.getJobDetail().getKey();
            if (AccountScheduler.GROUP.equals(key.getGroup())) {
                names.add(key.getName());
            }
        }
        return names;
    }

    /** MB_CURSOR: job/account -> {cursor, when it last moved (a poll that delivered its window)}. */
    private Map<String, String[]> cursors() throws SQLException {
        Map<String, String[]> cursors = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT account_id, job, cursor_value, updated_at FROM MB_CURSOR");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp moved = rs.getTimestamp(4);
                cursors.put(AccountScheduler.name(rs.getString(1), rs.getString(2)), new String[] {rs.getString(3),
                        moved == null ? null : moved.toLocalDateTime().toInstant(ZoneOffset.UTC).toString()});
            }
        }
        return cursors;
    }

    private static Instant toInstant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
