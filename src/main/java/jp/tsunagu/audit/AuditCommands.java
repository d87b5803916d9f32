package jp.tsunagu.audit;

import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.shared.CommandOutcome;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar tsunagu.jar verify-audit}: walks the access log's keyed chain against the checkpoints
 * outside the database and names the first problem; exit code 0 when intact, 1 when broken (for a
 * steward's cron or a monitoring check).
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
            System.out.println("access log intact: " + check.rows() + " rows and " + check.checkpoints()
                    + " checkpoints, every link, MAC and checkpoint matches");
            return;
        }
        long at = check.firstBroken().orElseThrow();
        System.out.println("access log BROKEN at row " + at + ": " + switch (ChainCheck.Problem.valueOf(
                check.problem().orElseThrow())) {
            case CHANGED -> "its content no longer matches its MAC (changed)";
            case UNLINKED -> "it does not link to the row before it (a row before it was removed or changed)";
            case UNKNOWN_KEY -> "its MAC names a key this portal does not have";
            case ANCHOR_CHANGED -> "the purge anchor after this row was changed";
            case CHECKPOINT_FORGED -> "a checkpoint line naming this row does not carry a valid MAC";
            case CHECKPOINT_MISMATCH -> "the row differs from its checkpoint outside the database";
            case TRUNCATED -> "the row was checkpointed outside the database and is gone (rows removed from the end)";
        } + " (" + check.rows() + " rows read, " + check.checkpoints() + " checkpoints)");
        outcome.fail();
    }
}
