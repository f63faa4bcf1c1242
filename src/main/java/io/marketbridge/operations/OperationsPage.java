package io.marketbridge.operations;

import io.marketbridge.claim.ClaimHolds;
import io.marketbridge.intake.PollReport;
import io.marketbridge.schedule.AccountControl;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The operations page (GET /observe/operations): one server-rendered HTML page, no script, no style sheet or font from
 * elsewhere, so it works offline. It shows what needs a person, by ids and codes: accounts and their jobs (with
 * pause, resume and run-now buttons), shipments not transmitted, claims on hold, intake errors (with replay), the
 * last polls. The buttons are plain form POSTs carrying the page's form token ({@link OperationsGuard}).
 */
public class OperationsPage {

    public static final String PATH = "/observe/operations";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final AccountControl control;
    private final OperationsViews views;
    private final ClaimHolds claimHolds;
    private final PollReport pollReport;
    private final OperationsGuard guard;
    private final Clock clock;
    private final ZoneId zone;
    /** The accounts' API keys (null where the runtime has no key-expiry check, e.g. in a test). */
    private final io.marketbridge.app.KeyExpiry keyExpiry;

    public OperationsPage(AccountControl control, OperationsViews views, ClaimHolds claimHolds, PollReport pollReport,
                          OperationsGuard guard, Clock clock, ZoneId zone) {
        this(control, views, claimHolds, pollReport, guard, clock, zone, null);
    }

    public OperationsPage(AccountControl control, OperationsViews views, ClaimHolds claimHolds, PollReport pollReport,
                          OperationsGuard guard, Clock clock, ZoneId zone, io.marketbridge.app.KeyExpiry keyExpiry) {
        this.keyExpiry = keyExpiry;
        this.control = control;
        this.views = views;
        this.claimHolds = claimHolds;
        this.pollReport = pollReport;
        this.guard = guard;
        this.clock = clock;
        this.zone = zone;
    }

    public String render() throws Exception {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Market Bridge operations</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}")
                .append("table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;")
                .append("text-align:left;vertical-align:top;font-size:.9em}th{background:#f3f3f3}")
                .append(".bad{color:#b00020;font-weight:bold}.paused{color:#8a5a00;font-weight:bold}.ok{color:#1b5e20}")
                .append("form{display:inline;margin:0 .2em}button{font-size:.85em}.muted{color:#777}")
                .append("</style></head><body>\n<h1>Market Bridge operations</h1>\n<p class=\"muted\">As of ")
                .append(time(clock.instant())).append(". Reload the page to refresh. JSON: <a href=\"/observe/accounts\">")
                .append("/observe/accounts</a>, <a href=\"/observe/health\">/observe/health</a>.</p>\n");
        accounts(html);
        keysNearExpiry(html);
        shipments(html);
        claims(html);
        intakeErrors(html);
        lastPolls(html);
        html.append("</body></html>\n");
        return html.toString();
    }

    private void accounts(StringBuilder html) throws Exception {
        List<AccountControl.AccountState> accounts = control.list();
        html.append("<h2 id=\"accounts\">Accounts (").append(accounts.size()).append(")</h2>\n");
        html.append("<form method=\"post\" action=\"/observe/reload\">").append(tokenField())
                .append("<button type=\"submit\">Reload configuration</button></form>\n");
        html.append("<table id=\"accounts-table\"><tr><th>Account</th><th>Marketplace</th><th>State</th><th>Job</th>")
                .append("<th>Last result</th><th>Last success</th><th>Cursor</th><th>Next fire</th><th>Actions</th></tr>\n");
        for (AccountControl.AccountState a : accounts) {
            int rows = Math.max(1, a.jobs().size());
            String state = a.rejected() != null ? "<span class=\"bad\">REJECTED</span> " + esc(a.rejected())
                    : !a.enabled() ? "disabled" : a.paused() ? "<span class=\"paused\">PAUSED</span>" : "<span class=\"ok\">active</span>";
            html.append("<tr data-account=\"").append(esc(a.account())).append("\"><td rowspan=\"").append(rows).append("\">")
                    .append(esc(a.account())).append("</td><td rowspan=\"").append(rows).append("\">")
                    .append(esc(a.marketplace())).append("</td><td rowspan=\"").append(rows).append("\" class=\"account-state\">")
                    .append(state);
            if (a.rejected() == null) {
                html.append("<br>").append(a.paused() ? button(a.account(), null, "resume", "Resume account")
                        : button(a.account(), null, "pause", "Pause account"));
            }
            html.append("</td>");
            if (a.jobs().isEmpty()) {
                html.append("<td colspan=\"6\" class=\"muted\">no jobs</td></tr>\n");
                continue;
            }
            boolean first = true;
            for (AccountControl.JobState j : a.jobs()) {
                if (!first) {
                    html.append("<tr data-account=\"").append(esc(a.account())).append("\">");
                }
                first = false;
                html.append("<td data-job=\"").append(esc(j.job())).append("\">").append(esc(j.job()))
                        .append(j.paused() ? " <span class=\"paused\">paused</span>" : "")
                        .append(j.running() ? " <span class=\"muted\">running</span>" : "").append("</td><td>")
                        .append(j.lastResult() == null ? "<span class=\"muted\">none yet</span>"
                                : "OK".equals(j.lastResult()) ? "<span class=\"ok\">OK</span> " + time(j.lastPollAt())
                                : "<span class=\"bad\">" + esc(String.valueOf(j.errorType())) + "</span> " + time(j.lastPollAt())
                                + "<br>" + esc(j.lastMessage()))
                        .append("</td><td>").append(time(j.lastSuccess())).append("</td><td>").append(esc(j.cursor()))
                        .append("</td><td>").append(time(j.nextFire())).append("</td><td>");
                if (!a.paused()) {
                    html.append(j.paused() ? button(a.account(), j.job(), "resume", "Resume")
                            : button(a.account(), j.job(), "pause", "Pause"));
                }
                if (j.scheduled()) {
                    html.append(button(a.account(), j.job(), "run", "Run now"));
                }
                html.append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    /** API keys expired or within marketbridge.keys.warn-days of expiry (key-expires-on / key-issued-on). */
    private void keysNearExpiry(StringBuilder html) {
        if (keyExpiry == null) {
            return;
        }
        List<io.marketbridge.app.KeyExpiry.KeyState> near = keyExpiry.states().stream()
                .filter(k -> k.state() == io.marketbridge.app.KeyExpiry.State.WARNING
                        || k.state() == io.marketbridge.app.KeyExpiry.State.EXPIRED)
                .toList();
        html.append("<h2 id=\"keys\">API keys near expiry (").append(near.size()).append(")</h2>\n");
        if (near.isEmpty()) {
            html.append("<p class=\"muted\">No key expires within ").append(keyExpiry.warnDays())
                    .append(" days (accounts without key-expires-on or key-issued-on are not known).</p>\n");
            return;
        }
        html.append("<table id=\"keys-table\"><tr><th>Account</th><th>Marketplace</th><th>Expires on</th><th>Days left</th>")
                .append("<th>State</th></tr>\n");
        for (io.marketbridge.app.KeyExpiry.KeyState k : near) {
            boolean expired = k.state() == io.marketbridge.app.KeyExpiry.State.EXPIRED;
            html.append("<tr><td>").append(esc(k.accountId())).append("</td><td>").append(esc(k.marketplace()))
                    .append("</td><td>").append(k.expiresOn()).append("</td><td>").append(k.daysLeft())
                    .append("</td><td class=\"").append(expired ? "bad" : "paused").append("\">").append(esc(k.describe()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void shipments(StringBuilder html) throws Exception {
        List<OperationsViews.Shipment> rows = views.untransmittedShipments();
        html.append("<h2 id=\"shipments\">Shipments not transmitted (").append(count(rows.size())).append(")</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p class=\"muted\">None.</p>\n");
            return;
        }
        html.append("<table><tr><th>Row</th><th>Account</th><th>Marketplace</th><th>Order</th><th>Line</th><th>Status</th>")
                .append("<th>Attempts</th><th>Marketplace's answer</th><th>Updated</th></tr>\n");
        for (OperationsViews.Shipment s : rows) {
            html.append("<tr><td>").append(s.id()).append("</td><td>").append(esc(s.account())).append("</td><td>")
                    .append(esc(s.marketplace())).append("</td><td>").append(esc(s.orderId())).append("</td><td>")
                    .append(esc(s.lineId())).append("</td><td>").append(esc(s.status())).append("</td><td>")
                    .append(s.attempts()).append("</td><td>").append(esc(s.resultCode()))
                    .append(s.resultMessage() == null ? "" : " " + esc(s.resultMessage())).append("</td><td>")
                    .append(time(s.updatedAt())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void claims(StringBuilder html) throws Exception {
        List<OperationsViews.OpenClaim> rows = views.openClaims();
        html.append("<h2 id=\"claims\">Claims on hold (").append(count(rows.size())).append(")</h2>\n");
        Map<String, Long> held = claimHolds.heldCounts();
        TreeSet<String> accounts = new TreeSet<>(claimHolds.openCounts().keySet());
        accounts.addAll(held.keySet());
        if (!accounts.isEmpty()) {
            html.append("<table><tr><th>Account</th><th>Open claims by type</th><th>Lines held by a cancel</th></tr>\n");
            for (String account : accounts) {
                html.append("<tr><td>").append(esc(account)).append("</td><td>")
                        .append(esc(String.valueOf(claimHolds.openCounts().getOrDefault(account, Map.of()))))
                        .append("</td><td>").append(held.getOrDefault(account, 0L)).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        if (rows.isEmpty()) {
            html.append("<p class=\"muted\">No open claim.</p>\n");
            return;
        }
        html.append("<table><tr><th>Account</th><th>Marketplace</th><th>Type</th><th>Claim</th><th>Order</th><th>Line</th>")
                .append("<th>Status</th><th>Reason code</th><th>Since</th></tr>\n");
        for (OperationsViews.OpenClaim c : rows) {
            html.append("<tr><td>").append(esc(c.account())).append("</td><td>").append(esc(c.marketplace())).append("</td><td>")
                    .append(esc(c.claimType())).append("</td><td>").append(esc(c.claimId())).append("</td><td>")
                    .append(esc(c.orderId())).append("</td><td>").append(esc(c.lineId())).append("</td><td>")
                    .append(esc(c.status())).append("</td><td>").append(esc(c.reasonCode())).append("</td><td>")
                    .append(esc(c.statusAt())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void intakeErrors(StringBuilder html) throws Exception {
        List<OperationsViews.IntakeError> rows = views.openIntakeErrors();
        html.append("<h2 id=\"intake-errors\">Intake errors (").append(count(rows.size())).append(")</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p class=\"muted\">None.</p>\n");
            return;
        }
        html.append("<p class=\"muted\">Fix the cause (a mapping, a setting, or raw_payload in MB_INTAKE_ERROR), then replay:")
                .append(" the row is delivered again like a polled one.</p>\n");
        html.append("<table><tr><th>Error</th><th>Account</th><th>Marketplace</th><th>Reference</th><th>Type</th>")
                .append("<th>Reason</th><th>Seen</th><th>Updated</th><th></th></tr>\n");
        for (OperationsViews.IntakeError e : rows) {
            html.append("<tr><td>").append(e.errorId()).append("</td><td>").append(esc(e.account())).append("</td><td>")
                    .append(esc(e.marketplace())).append("</td><td>").append(esc(e.payloadRef())).append("</td><td>")
                    .append(esc(e.errorType())).append("</td><td>").append(esc(e.reason())).append("</td><td>")
                    .append(e.occurrences()).append("</td><td>").append(time(e.updatedAt())).append("</td><td>")
                    .append("<form method=\"post\" action=\"/observe/intake-errors/").append(e.errorId()).append("/replay\">")
                    .append(tokenField()).append("<button type=\"submit\">Replay</button></form></td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void lastPolls(StringBuilder html) {
        List<PollReport.Outcome> outcomes = pollReport.lastOutcomes().values().stream()
                .sorted(Comparator.comparing(PollReport.Outcome::at).reversed()).toList();
        html.append("<h2 id=\"last-polls\">Last polls (").append(outcomes.size()).append(")</h2>\n");
        if (outcomes.isEmpty()) {
            html.append("<p class=\"muted\">No poll has ended since the start.</p>\n");
            return;
        }
        html.append("<table><tr><th>When</th><th>Account</th><th>Job</th><th>Result</th></tr>\n");
        for (PollReport.Outcome o : outcomes) {
            html.append("<tr><td>").append(time(o.at())).append("</td><td>").append(esc(o.accountId())).append("</td><td>")
                    .append(esc(o.job())).append("</td><td>").append(o.ok() ? "<span class=\"ok\">OK</span>"
                            : "<span class=\"bad\">" + esc(String.valueOf(o.errorType())) + "</span> " + esc(o.message()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private String button(String account, String job, String action, String label) {
        String path = "/observe/accounts/" + esc(account) + (job == null ? "" : "/jobs/" + esc(job)) + "/" + action;
        return "<form method=\"post\" action=\"" + path + "\">" + tokenField() + "<button type=\"submit\" name=\"do\" value=\""
                + action + "\" data-action=\"" + action + (job == null ? "-account" : "-job") + "\">" + esc(label)
                + "</button></form>";
    }

    private String tokenField() {
        return "<input type=\"hidden\" name=\"" + OperationsGuard.FORM_FIELD + "\" value=\"" + guard.formToken() + "\">";
    }

    private static String count(int n) {
        return n >= OperationsViews.MAX_ROWS ? "latest " + n : String.valueOf(n);
    }

    private String time(Instant t) {
        return t == null ? "<span class=\"muted\">-</span>" : TIME.format(t.atZone(zone));
    }

    /** HTML text and attribute escaping. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
