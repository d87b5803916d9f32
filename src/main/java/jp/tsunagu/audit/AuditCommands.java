package jp.tsunagu.audit;

import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.shared.CommandOutcome;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar tsunagu.jar verify-audit}: walks the access log's hash chain and names the first
 * broken row; exit code 0 when intact, 1 when broken (for a steward's cron or a monitoring check).
 */
@Component
@ConditionalOnProperty(name = "tsunagu.command", havingValue = "verify-audit")
class AuditCommands implements ApplicationRunner {

    private final AccessLog log;
    private final CommandOutcome outcome;

    AuditCommands(AccessLog log, CommandOutcome outcome) {
        this.log = log;
        this.outcome = outcome;
    }

    @Override
    public void run(ApplicationArguments args) {
        ChainCheck check = SystemActor.call("verify-audit", log::verify);
        if (check.intact()) {
            System.out.println("access log intact: " + check.rows() + " rows, every link and hash matches");
            return;
        }
        System.out.println("access log BROKEN at row " + check.firstBroken().orElseThrow() + ": "
                + ("CHANGED".equals(check.problem().orElse("")) ? "its content no longer matches its hash"
                        : "it does not link to the row before it (a row before it was removed or changed)")
                + " (" + check.rows() + " rows read)");
        outcome.fail();
    }
}
